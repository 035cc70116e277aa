// The pack's entry file: the only module that constructs the PolicyPack (which starts the
// analyzer server the Pulumi CLI talks to). Policies live in modules that do not construct it.
import { PolicyPack } from "@pulumi/policy";
import { awsPolicies } from "./policies";

new PolicyPack("aws-guardrails", { policies: awsPolicies, enforcementLevel: "advisory" });
