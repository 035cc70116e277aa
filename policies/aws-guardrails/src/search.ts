/**
 * Search (@platform/log-archive): an OpenSearch Service domain or OpenSearch Serverless collection
 * is never reachable from the internet and never unencrypted. A domain without `vpcOptions` has a
 * public endpoint, and adding VPC options later replaces the domain ("Launching your Amazon
 * OpenSearch Service domains within a VPC",
 * https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html).
 */
import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { ResourceValidationPolicy } from "@pulumi/policy";

/** The TLS policy that still admits TLS 1.0 and 1.1 (DomainEndpointOptions, TLSSecurityPolicy). */
const TLS_1_0 = "Policy-Min-TLS-1-0-2019-07";

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Condition?: unknown;
}

/** Whether a principal is anyone: `*`, `{ AWS: "*" }` or an AWS list holding `*`. */
function isAnyone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/**
 * Allow statements of an access policy that admit anyone without a condition. A policy that is
 * not yet known (an unresolved output) or cannot be read gives none: nothing to judge.
 */
export function openStatements(policy: unknown): Statement[] {
  if (typeof policy !== "string") return [];
  let doc: { Statement?: Statement | Statement[] };
  try {
    doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
  } catch {
    return [];
  }
  const statements = Array.isArray(doc.Statement)
    ? doc.Statement
    : doc.Statement
      ? [doc.Statement]
      : [];
  return statements.filter(
    (s) =>
      s.Effect === "Allow" &&
      isAnyone(s.Principal) &&
      (s.Condition === undefined || Object.keys(s.Condition as object).length === 0),
  );
}

/** Whether a serverless network policy document has a rule set admitting public access. */
export function allowsPublic(policy: unknown): boolean {
  if (typeof policy !== "string") return false;
  try {
    const doc = JSON.parse(policy) as unknown;
    const rules = Array.isArray(doc) ? doc : [doc];
    return rules.some((r) => (r as { AllowFromPublic?: unknown })?.AllowFromPublic === true);
  } catch {
    return false;
  }
}

const ANYONE =
  "the access policy admits any principal (*) without a condition; name the roles that may query it";

export function opensearchNeverPublic(): ResourceValidationPolicy {
  return {
    name: "opensearch-never-public",
    description:
      "An OpenSearch Service domain is in a VPC (no public endpoint), encrypted at rest and node to node, HTTPS only (not the TLS 1.0 policy), and its access policy admits no unconditioned `*` principal; an OpenSearch Serverless network policy never allows public access.",
    severity: "critical",
    remediationSteps:
      "Give the domain vpcOptions (private subnets and a security group), encryptAtRest and nodeToNodeEncryption { enabled: true }, domainEndpointOptions { enforceHttps: true, tlsSecurityPolicy: Policy-Min-TLS-1-2-PFS-2023-10 } and an access policy naming roles; reach a serverless collection through a VPC endpoint with AllowFromPublic false (the log archive's search does this).",
    validateResource: [
      validateResourceOfType(aws.opensearch.Domain, (domain, _args, report) => {
        if (!domain.vpcOptions?.subnetIds?.length)
          report("the domain has a public endpoint: give it vpcOptions with private subnets");
        if (domain.encryptAtRest?.enabled !== true) report("encryption at rest is not enabled");
        if (domain.nodeToNodeEncryption?.enabled !== true)
          report("node-to-node encryption is not enabled");
        if (domain.domainEndpointOptions?.enforceHttps !== true)
          report("HTTPS is not enforced (domainEndpointOptions.enforceHttps)");
        if (domain.domainEndpointOptions?.tlsSecurityPolicy === TLS_1_0)
          report(
            `the TLS policy ${TLS_1_0} admits TLS 1.0 and 1.1; use Policy-Min-TLS-1-2-PFS-2023-10`,
          );
        if (openStatements(domain.accessPolicies).length) report(ANYONE);
      }),
      validateResourceOfType(aws.opensearch.DomainPolicy, (policy, _args, report) => {
        if (openStatements(policy.accessPolicies).length) report(ANYONE);
      }),
      validateResourceOfType(aws.opensearch.ServerlessSecurityPolicy, (policy, _args, report) => {
        if (policy.type === "network" && allowsPublic(policy.policy))
          report(
            "the network policy allows public access (AllowFromPublic true); admit the collection through VPC endpoints only",
          );
      }),
    ],
  };
}
