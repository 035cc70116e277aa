/**
 * Route 53 and Elastic Load Balancing constraints of @platform/dns: an NLB's security groups
 * exist from its creation or never, and a DNSSEC key-signing key is backed by an asymmetric
 * ECC_NIST_P256 SIGN_VERIFY KMS key in us-east-1.
 */
import type { Problem, Rule } from "../types";

const NLB_SG_DOC =
  "Elastic Load Balancing, security groups for your Network Load Balancer, https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html";
const DNSSEC_DOC =
  "Route 53 Developer Guide, working with customer managed keys for DNSSEC, https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html";

export const dnsEdge: Rule = {
  id: "aws-dns-edge",
  family: "aws",
  description:
    "a Network Load Balancer planned without security groups (they can never be added); a DNSSEC key-signing key whose KMS key is not ECC_NIST_P256 SIGN_VERIFY in us-east-1",
  source: `${NLB_SG_DOC}; ${DNSSEC_DOC}`,
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
  },
};
