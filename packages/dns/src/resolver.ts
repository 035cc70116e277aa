/**
 * `HybridDns` (`platform:dns:HybridDns`): Route 53 Resolver in the shared-services VPC. The inbound
 * endpoint answers on-premises resolvers for AWS names (the private zones associated with this
 * VPC); the outbound endpoint forwards the on-premises domains, one forwarding rule each, shared
 * through AWS RAM so every environment VPC can associate them. Each endpoint has its own security
 * group allowing DNS (TCP and UDP 53) only from or to the address plan's ranges: "Inbound and
 * outbound rules must allow TCP and UDP access. For inbound access, open port 53. For outbound
 * access, open the port that you're using for DNS queries on your network", and the security
 * groups cannot be changed after the endpoint is created
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cidrContains, cidrEnd, parseCidr } from "@platform/core";
import type { Problem } from "@platform/core";
import { resolverQueryLogging } from "./query-logging";
import { hybridDnsSchema } from "./schema";
import type { HybridDnsConfig, HybridDnsConfigInput } from "./schema";

export interface HybridDnsArgs {
  /** The network stack's `dns` block, as `hybridDnsSchema` takes it. */
  readonly config: HybridDnsConfigInput;
  /** The shared-services VPC. */
  readonly vpcId: pulumi.Input<string>;
  /** Its private subnets, one per AZ: at least two (each endpoint gets an address in each). */
  readonly subnetIds: ReadonlyArray<pulumi.Input<string>>;
  /** The subnets' CIDRs, in the same order: fixed inbound addresses are checked against them. */
  readonly subnetCidrs?: readonly string[];
  /** Who may query the inbound endpoint when `allowedCidrs` is not set: the address plan. */
  readonly sourceCidrs: readonly string[];
  /** Accounts (or the organisation) the forwarding rules are shared with through RAM. */
  readonly shareWith: readonly string[];
  /** RAM invitations may go outside the organisation; organisation sharing may not. */
  readonly allowExternalPrincipals: boolean;
  readonly namePrefix: string;
  /** The account and Region of the query log group (required with `config.queryLogging`). */
  readonly accountId?: string;
  readonly region?: string;
  /** Protect the query log group and its key from deletion. */
  readonly protect?: boolean;
}

/** Resolver needs two or more IP addresses per endpoint, in different AZs for availability. */
export function hybridDnsArgProblems(
  args: Pick<HybridDnsArgs, "subnetIds" | "subnetCidrs" | "config" | "accountId" | "region">,
): Problem[] {
  const problems: Problem[] = [];
  if (args.config.queryLogging && !(args.accountId && args.region))
    problems.push({
      path: ["config", "queryLogging"],
      value: args.config.queryLogging,
      message: "needs accountId and region (the query log group's); pass them to HybridDns",
    });
  if (args.subnetIds.length < 2)
    problems.push({
      path: ["subnetIds"],
      value: args.subnetIds.length,
      message:
        "Resolver endpoints need addresses in at least two subnets in two AZs (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html); give the VPC two AZs",
    });
  const fixed = args.config.inboundAddresses;
  if (fixed !== undefined && fixed.length !== args.subnetIds.length)
    problems.push({
      path: ["config", "inboundAddresses"],
      value: fixed,
      message: `gives ${fixed.length} addresses for ${args.subnetIds.length} subnets; give one per AZ, in that AZ's private subnet, in AZ order`,
    });
  fixed?.forEach((ip, i) => {
    const subnet = args.subnetCidrs?.[i];
    const problem = subnet && addressProblem(ip, subnet);
    if (problem)
      problems.push({ path: ["config", "inboundAddresses", i], value: ip, message: problem });
  });
  return problems;
}

/**
 * An endpoint address lies in its subnet and is not one AWS reserves there: the first four and
 * the last (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
 */
function addressProblem(ip: string, subnetCidr: string): string | undefined {
  const subnet = parseCidr(subnetCidr);
  const address = parseCidr(`${ip}/32`);
  if (!cidrContains(subnet, address))
    return `is outside its AZ's subnet ${subnetCidr}; pick an address inside it`;
  if (address.base - subnet.base < 4 || address.base === cidrEnd(subnet))
    return `is reserved by AWS in ${subnetCidr} (the first four and the last address); pick another`;
  return undefined;
}

/** A DNS name as a resource-name label. */
export const domainLabel = (domain: string) => domain.replace(/\.$/, "").replace(/\./g, "-");

const DNS = ["tcp", "udp"] as const;

export class HybridDns extends pulumi.ComponentResource {
  /** The inbound endpoint's addresses: on premises forwards the internal domain to them. */
  public readonly inboundAddresses: pulumi.Output<string[]>;
  public readonly inboundEndpointId: pulumi.Output<string>;
  public readonly outboundEndpointId: pulumi.Output<string>;
  /** The forwarding rule of each on-premises domain. */
  public readonly ruleIds: Record<string, pulumi.Output<string>>;
  /** The RAM share of the rules (undefined when shared with no one or there are no rules). */
  public readonly shareArn?: pulumi.Output<string>;
  /** The Resolver query logging configuration (undefined without `queryLogging`). */
  public readonly queryLogConfigId?: pulumi.Output<string>;

  constructor(name: string, args: HybridDnsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dns:HybridDns", name, {}, opts);
    const problems = hybridDnsArgProblems(args);
    if (problems.length)
      throw new pulumi.ResourceError(
        `invalid hybrid DNS:\n  ${problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("\n  ")}`,
        this,
      );
    const config = hybridDnsSchema.parse(args.config);
    const child = { parent: this };
    const sources = config.allowedCidrs ?? [...args.sourceCidrs];

    const inboundSg = this.securityGroup(
      name,
      "inbound",
      args,
      "DNS from the address plan to the Resolver inbound endpoint",
    );
    sources.forEach((cidr, i) =>
      DNS.forEach(
        (protocol) =>
          new aws.vpc.SecurityGroupIngressRule(
            `${name}-inbound-${protocol}-${i}`,
            {
              securityGroupId: inboundSg.id,
              cidrIpv4: cidr,
              ipProtocol: protocol,
              fromPort: 53,
              toPort: 53,
              description: `DNS (${protocol}) from ${cidr}`,
            },
            child,
          ),
      ),
    );
    const outboundSg = this.securityGroup(
      name,
      "outbound",
      args,
      "DNS from the Resolver outbound endpoint to on-premises resolvers",
    );
    outboundTargets(config).forEach(({ ip, port }) =>
      DNS.forEach(
        (protocol) =>
          new aws.vpc.SecurityGroupEgressRule(
            `${name}-outbound-${protocol}-${ip}-${port}`,
            {
              securityGroupId: outboundSg.id,
              cidrIpv4: `${ip}/32`,
              ipProtocol: protocol,
              fromPort: port,
              toPort: port,
              description: `DNS (${protocol}) to ${ip}:${port}`,
            },
            child,
          ),
      ),
    );

    const endpoint = (direction: "inbound" | "outbound", sg: aws.ec2.SecurityGroup) =>
      new aws.route53.ResolverEndpoint(
        `${name}-${direction}`,
        {
          name: `${args.namePrefix}-${direction}`,
          direction: direction.toUpperCase(),
          securityGroupIds: [sg.id],
          ipAddresses: args.subnetIds.map((subnetId, i) => ({
            subnetId,
            ip: direction === "inbound" ? config.inboundAddresses?.[i] : undefined,
          })),
          protocols: ["Do53"],
          tags: { Name: `${args.namePrefix}-${direction}` },
        },
        child,
      );
    const inbound = endpoint("inbound", inboundSg);
    const outbound = endpoint("outbound", outboundSg);
    this.inboundEndpointId = inbound.id;
    this.outboundEndpointId = outbound.id;
    // AWS assigns the addresses it was not given; the endpoint's state holds them all.
    this.inboundAddresses = inbound.ipAddresses.apply((ips) => (ips ?? []).map((a) => a.ip));

    this.ruleIds = {};
    const rules = config.forward.map((f) => {
      const label = domainLabel(f.domain);
      const rule = new aws.route53.ResolverRule(
        `${name}-forward-${label}`,
        {
          name: `${args.namePrefix}-${label}`.slice(0, 64),
          domainName: f.domain,
          ruleType: "FORWARD",
          resolverEndpointId: outbound.id,
          targetIps: f.targets.map((t) => ({ ip: t.ip, port: t.port })),
          tags: { Name: `${args.namePrefix}-${label}` },
        },
        child,
      );
      // The shared-services VPC itself resolves on-premises names too.
      new aws.route53.ResolverRuleAssociation(
        `${name}-forward-${label}`,
        {
          resolverRuleId: rule.id,
          vpcId: args.vpcId,
          name: `${args.namePrefix}-${label}`.slice(0, 64),
        },
        child,
      );
      this.ruleIds[f.domain] = rule.id;
      return { label, rule };
    });

    if (rules.length > 0 && args.shareWith.length > 0) {
      const share = new aws.ram.ResourceShare(
        `${name}-rules`,
        {
          name: `${args.namePrefix}-resolver-rules`,
          allowExternalPrincipals: args.allowExternalPrincipals,
          tags: { Name: `${args.namePrefix}-resolver-rules` },
        },
        child,
      );
      for (const { label, rule } of rules)
        new aws.ram.ResourceAssociation(
          `${name}-rules-${label}`,
          { resourceArn: rule.arn, resourceShareArn: share.arn },
          child,
        );
      for (const principal of args.shareWith)
        new aws.ram.PrincipalAssociation(
          `${name}-rules-${principal.replace(/[^a-zA-Z0-9-]/g, "-")}`,
          { principal, resourceShareArn: share.arn },
          child,
        );
      this.shareArn = share.arn;
    }

    if (config.queryLogging)
      this.queryLogConfigId = resolverQueryLogging(
        name,
        {
          config: config.queryLogging,
          vpcId: args.vpcId,
          accountId: args.accountId!,
          region: args.region!,
          namePrefix: args.namePrefix,
          protect: args.protect,
        },
        this,
      );

    this.registerOutputs({
      inboundAddresses: this.inboundAddresses,
      inboundEndpointId: this.inboundEndpointId,
      outboundEndpointId: this.outboundEndpointId,
      ruleIds: this.ruleIds,
      shareArn: this.shareArn,
      queryLogConfigId: this.queryLogConfigId,
    });
  }

  private securityGroup(name: string, role: string, args: HybridDnsArgs, description: string) {
    return new aws.ec2.SecurityGroup(
      `${name}-${role}`,
      { vpcId: args.vpcId, description, tags: { Name: `${args.namePrefix}-resolver-${role}` } },
      { parent: this },
    );
  }
}

/** The distinct on-premises resolvers (address and port) the outbound endpoint reaches. */
export function outboundTargets(
  config: Pick<HybridDnsConfig, "forward">,
): Array<{ ip: string; port: number }> {
  const seen = new Map<string, { ip: string; port: number }>();
  for (const f of config.forward) for (const t of f.targets) seen.set(`${t.ip}:${t.port}`, t);
  return [...seen.values()];
}
