// The pack's entry file: the only module that constructs the PolicyPack.
import { PolicyPack } from "@pulumi/policy";
import { kubernetesPolicies } from "./policies";

new PolicyPack("kubernetes-guardrails", {
  policies: kubernetesPolicies,
  enforcementLevel: "advisory",
});
