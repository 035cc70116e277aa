/**
 * The security group of an NLB service, attached when the load balancer is created: inbound only
 * the configured sources on the listener ports, outbound only the targets on their ports and
 * health-check ports. "Health checks are subject to outbound rules, but not inbound rules", and
 * the provider removes the default allow-all egress of a new group, so without these egress rules
 * the NLB would reach no target (load-balancer-security-groups.html).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { NLB_SECURITY_GROUP_TAG } from "./schema";
import type { NlbServiceConfig } from "./schema";

/** The IP protocols a listener protocol carries. */
export const ipProtocols = (protocol: string) =>
  protocol === "TCP_UDP" ? ["tcp", "udp"] : protocol === "UDP" ? ["udp"] : ["tcp"];

/**
 * What leaves the NLB, deduplicated: each listener's target port in its protocols (TLS reaches
 * the targets as TCP) and its health check's port over TCP (HTTP and HTTPS checks are TCP too).
 */
export function targetPorts(
  listeners: NlbServiceConfig["listeners"],
): Array<{ protocol: string; port: number }> {
  const seen = new Map<string, { protocol: string; port: number }>();
  const add = (protocol: string, port: number) =>
    seen.set(`${protocol}-${port}`, { protocol, port });
  for (const l of listeners) {
    const targetPort = l.targetPort ?? l.port;
    for (const protocol of ipProtocols(l.protocol)) add(protocol, targetPort);
    add("tcp", l.healthCheck.port ?? targetPort);
  }
  return [...seen.values()];
}

export function nlbSecurityGroup(
  parent: pulumi.ComponentResource,
  name: string,
  args: {
    readonly namePrefix: string;
    readonly vpcId: pulumi.Input<string>;
    readonly targetCidrs: ReadonlyArray<pulumi.Input<string>>;
  },
  config: NlbServiceConfig,
): aws.ec2.SecurityGroup {
  const child = { parent };
  const sg = new aws.ec2.SecurityGroup(
    `${name}-nlb`,
    {
      vpcId: args.vpcId,
      description: `Sources allowed to ${args.namePrefix} on its listener ports`,
      // The tag the Firewall Manager content audit selects (SecurityGroupAudit).
      tags: { Name: `${args.namePrefix}-nlb`, ...NLB_SECURITY_GROUP_TAG },
    },
    child,
  );
  for (const l of config.listeners)
    for (const protocol of ipProtocols(l.protocol)) {
      const rule = (source: string, from: { cidrIpv4?: string; prefixListId?: string }) =>
        new aws.vpc.SecurityGroupIngressRule(
          `${name}-nlb-${protocol}-${l.port}-${source}`,
          {
            securityGroupId: sg.id,
            ipProtocol: protocol,
            fromPort: l.port,
            toPort: l.port,
            description: `${l.protocol} ${l.port} from ${from.cidrIpv4 ?? from.prefixListId}`,
            ...from,
          },
          child,
        );
      config.sourceCidrs.forEach((cidr, i) => rule(`cidr${i}`, { cidrIpv4: cidr }));
      config.sourcePrefixListIds.forEach((pl) => rule(pl, { prefixListId: pl }));
    }
  for (const { protocol, port } of targetPorts(config.listeners))
    args.targetCidrs.forEach(
      (cidr, i) =>
        new aws.vpc.SecurityGroupEgressRule(
          `${name}-nlb-out-${protocol}-${port}-target${i}`,
          {
            securityGroupId: sg.id,
            ipProtocol: protocol,
            fromPort: port,
            toPort: port,
            cidrIpv4: cidr,
            description: `targets and health checks on ${protocol} ${port}`,
          },
          child,
        ),
    );
  return sg;
}
