/**
 * Route 53 and Elastic Load Balancing constraints of @platform/dns: an NLB's security groups
 * exist from its creation or never, and a DNSSEC key-signing key is backed by an asymmetric
 * ECC_NIST_P256 SIGN_VERIFY KMS key in us-east-1; Shield Advanced protects an NLB through its Elastic
 * IPs, never by the NLB's ARN. And the CloudWatch Logs resource policies the
 * Resolver query logs (and other vended logs) need: at most 10 per account and Region, counted over
 * the whole plan, whichever component writes them.
 */
import type { PlanResource, Problem, Rule } from "../types";

const NLB_SG_DOC =
  "Elastic Load Balancing, security groups for your Network Load Balancer, https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html";
const DNSSEC_DOC =
  "Route 53 Developer Guide, working with customer managed keys for DNSSEC, https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html";
const SHIELD_NLB_DOC =
  "AWS Shield Advanced, protecting EC2 instances and Network Load Balancers (through their Elastic IP addresses), https://docs.aws.amazon.com/waf/latest/developerguide/ddos-protections-ec2-nlb.html";
const LOGS_QUOTAS =
  "CloudWatch Logs quotas (resource policies: up to 10 per Region per account, not adjustable), https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html; CloudWatch Logs API PutResourcePolicy, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html";

/** CloudWatch Logs resource policies per account and Region (a fixed quota). */
export const LOG_RESOURCE_POLICIES_PER_REGION = 10;

export const dnsEdge: Rule = {
  id: "aws-dns-edge",
  family: "aws",
  description:
    "a Network Load Balancer planned without security groups (they can never be added); a DNSSEC key-signing key whose KMS key is not ECC_NIST_P256 SIGN_VERIFY in us-east-1; a Shield Advanced protection of a Network Load Balancer's ARN (protect its Elastic IPs); more than 10 CloudWatch Logs resource policies in one account and Region",
  source: `${NLB_SG_DOC}; ${DNSSEC_DOC}; ${SHIELD_NLB_DOC}; ${LOGS_QUOTAS}`,
  *check(ctx) {
    for (const lb of ctx.ofType("aws:lb/loadBalancer:LoadBalancer")) {
      if (lb.inputs["loadBalancerType"] !== "network") continue;
      const groups = lb.inputs["securityGroups"];
      const planned = Array.isArray(groups) ? groups.length : 0;
      if (planned === 0 && (lb.propertyDependencies?.["securityGroups"] ?? []).length === 0)
        yield {
          severity: "error",
          urn: lb.urn,
          message:
            "the Network Load Balancer has no security groups: one created without them can never get them (only replacing it does); set securityGroups now",
          source: NLB_SG_DOC,
        } satisfies Problem;
    }
    for (const ksk of ctx.ofType("aws:route53/keySigningKey:KeySigningKey")) {
      const key = ctx.ref(ksk, "keyManagementServiceArn", "aws:kms/key:Key");
      if (!key) continue;
      const region = ctx.region(key);
      const wrong: string[] = [];
      if (region !== undefined && region !== "us-east-1")
        wrong.push(`is in ${region}, not us-east-1`);
      if (key.inputs["customerMasterKeySpec"] !== "ECC_NIST_P256")
        wrong.push(
          `has key spec ${String(key.inputs["customerMasterKeySpec"] ?? "SYMMETRIC_DEFAULT")}, not ECC_NIST_P256`,
        );
      if (key.inputs["keyUsage"] !== "SIGN_VERIFY")
        wrong.push(
          `has key usage ${String(key.inputs["keyUsage"] ?? "ENCRYPT_DECRYPT")}, not SIGN_VERIFY`,
        );
      if (wrong.length)
        yield {
          severity: "error",
          urn: ksk.urn,
          message: `the key-signing key's KMS key ${key.name} ${wrong.join(", ")}: Route 53 signs DNSSEC only with an asymmetric ECC_NIST_P256 key in us-east-1`,
          source: DNSSEC_DOC,
        } satisfies Problem;
    }
    for (const protection of ctx.ofType("aws:shield/protection:Protection")) {
      const lb = ctx.ref(protection, "resourceArn", "aws:lb/loadBalancer:LoadBalancer");
      const arn = protection.inputs["resourceArn"];
      if (
        lb?.inputs["loadBalancerType"] === "network" ||
        (typeof arn === "string" && arn.includes(":loadbalancer/net/"))
      )
        yield {
          severity: "error",
          urn: protection.urn,
          message:
            "Shield Advanced takes no Network Load Balancer ARN: it protects an NLB through its Elastic IP addresses; give the NLB subnet mappings with Elastic IPs and protect each (arn:aws:ec2:<region>:<account>:eip-allocation/<id>)",
          source: SHIELD_NLB_DOC,
        } satisfies Problem;
    }
    const policies = new Map<string, PlanResource[]>();
    for (const p of ctx.ofType("aws:cloudwatch/logResourcePolicy:LogResourcePolicy")) {
      const where = `account ${ctx.accountId(p) ?? "(unknown)"}, ${ctx.region(p) ?? "(unknown Region)"}`;
      policies.set(where, [...(policies.get(where) ?? []), p]);
    }
    for (const [where, list] of policies)
      if (list.length > LOG_RESOURCE_POLICIES_PER_REGION)
        yield {
          severity: "error",
          urn: list[LOG_RESOURCE_POLICIES_PER_REGION]!.urn,
          message: `${list.length} CloudWatch Logs resource policies in ${where} (${list.map((p) => p.name).join(", ")}): an account has at most ${LOG_RESOURCE_POLICIES_PER_REGION} per Region, a quota that cannot be raised; merge their statements into fewer policies`,
          source: LOGS_QUOTAS,
        } satisfies Problem;
  },
};
