/**
 * DNS and the services behind Network Load Balancers (@platform/dns): Resolver endpoints answer
 * only the address plan, NLBs carry security groups and access logs, public zones are signed
 * where the profile requires it.
 */
import { validateResourceOfType } from "@pulumi/policy";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as aws from "@pulumi/aws";
import { byType, ofTypes, referrers } from "./lib";

const OPEN = ["0.0.0.0/0", "::/0"];
const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

export function resolverEndpointNotOpen(): StackValidationPolicy {
  return {
    name: "resolver-endpoint-not-open",
    description:
      "No Route 53 Resolver endpoint's security group admits DNS from the whole internet (0.0.0.0/0 or ::/0).",
    severity: "high",
    remediationSteps:
      "Allow TCP and UDP 53 only from the address plan's ranges (the HybridDns component does this; allowedCidrs overrides).",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const rulesOf = referrers(ofTypes(index, INGRESS), "securityGroupId");
      for (const endpoint of ofTypes(index, "aws:route53/resolverEndpoint:ResolverEndpoint")) {
        for (const sg of endpoint.propertyDependencies["securityGroupIds"] ?? []) {
          if (sg.type !== SG) continue;
          const inline = ((sg.props["ingress"] as Array<{ cidrBlocks?: string[] }>) ?? []).flatMap(
            (r) => r.cidrBlocks ?? [],
          );
          const rules = (rulesOf.get(sg.urn) ?? []).flatMap((r) =>
            [r.props["cidrIpv4"], r.props["cidrIpv6"]].filter((c): c is string => !!c),
          );
          const open = [...inline, ...rules].filter((c) => OPEN.includes(c));
          if (open.length)
            report(
              `Resolver endpoint ${endpoint.name}'s security group ${sg.name} admits ${[...new Set(open)].join(", ")}; allow only the address plan's ranges`,
              endpoint.urn,
            );
        }
      }
    },
  };
}

export function nlbSecurityGroupsAndLogs(): ResourceValidationPolicy {
  return {
    name: "nlb-security-groups-and-logs",
    description:
      "A Network Load Balancer is created with security groups (they cannot be added later) and access logs on.",
    severity: "high",
    remediationSteps:
      "Create the NLB with securityGroups and accessLogs { enabled: true, bucket } (the NlbService component does this); an NLB created without security groups must be replaced.",
    validateResource: validateResourceOfType(aws.lb.LoadBalancer, (lb, _args, report) => {
      if (lb.loadBalancerType !== "network") return;
      if (!lb.securityGroups || lb.securityGroups.length === 0)
        report("network load balancer has no security groups; they can only be set at creation");
      if (!lb.accessLogs?.enabled || !lb.accessLogs.bucket)
        report("network load balancer has no access logs; enable them to a log bucket");
    }),
  };
}

interface DnssecConfig {
  /** Public zones must be signed (prod profile). */
  requireSigning: boolean;
}

export function publicZoneDnssec(): StackValidationPolicy {
  return {
    name: "public-zone-dnssec",
    description:
      "Where the profile requires it, every public hosted zone is signed with DNSSEC (a key-signing key and signing on).",
    severity: "medium",
    remediationSteps:
      "Set dnssec: true on the zone's PublicRecords (its key in us-east-1), then publish the DS record at the parent.",
    configSchema: { properties: { requireSigning: { type: "boolean", default: false } } },
    validateStack: (args, report) => {
      if (!args.getConfig<DnssecConfig>().requireSigning) return;
      const index = byType(args.resources);
      const signingKeys = referrers(
        ofTypes(index, "aws:route53/keySigningKey:KeySigningKey"),
        "hostedZoneId",
      );
      const signed = new Set(
        ofTypes(index, "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec")
          .filter((d) => d.props["signingStatus"] !== "NOT_SIGNING")
          .flatMap((d) => (d.propertyDependencies["hostedZoneId"] ?? []).map((k) => k.urn)),
      );
      for (const zone of ofTypes(index, "aws:route53/zone:Zone")) {
        const vpcs = zone.props["vpcs"] as unknown[] | undefined;
        if (vpcs && vpcs.length > 0) continue;
        const keys = signingKeys.get(zone.urn) ?? [];
        if (!keys.some((k) => signed.has(k.urn) || signed.has(zone.urn)))
          report(`public zone ${zone.name} is not signed with DNSSEC; set dnssec: true`, zone.urn);
      }
    },
  };
}
