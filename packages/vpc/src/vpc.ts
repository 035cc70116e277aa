import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudWatchFlowLog, flowLogTargetInputs } from "@platform/core";
import { planSubnets } from "./planner";
import type { TierKind, TierSpec } from "./planner";

export const NAT_STRATEGIES = ["none", "single", "perAz"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

/** The interface endpoints private EKS nodes need without a NAT path. */
export const EKS_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "sts", "ec2", "logs"] as const;

export type FlowLogsArgs =
  | { readonly destination: "cloudwatch"; readonly retentionInDays: number }
  | { readonly destination: "s3"; readonly bucketArn: string };

export interface VpcArgs {
  /** The VPC's IPv4 CIDR (plain: subnet CIDRs are computed from it at preview). */
  readonly cidrBlock: string;
  /** AZ names to use, in order; their count is the AZ count. Index i uses AZ slot i. */
  readonly availabilityZones: readonly string[];
  /** AZ slots reserved per tier (power of two). Fixed for the VPC's life. Default 4. */
  readonly azSlots?: number;
  /** Tiers in slot order: the first gets half the VPC (see the planner). */
  readonly tiers: readonly TierSpec[];
  /** none: no NAT; single: one NAT gateway in the first AZ; perAz: one per AZ. */
  readonly natStrategy: NatStrategy;
  readonly flowLogs: FlowLogsArgs;
  /** Create the interface endpoints in {@link EKS_INTERFACE_ENDPOINTS}. Default true. */
  readonly interfaceEndpoints?: boolean;
  /** Used in log group names: /platform/<namePrefix>/... */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** Protect the VPC, its subnets and the flow-log key (prod). */
  readonly protect?: boolean;
}

/**
 * A VPC laid out by the stable subnet planner: per-tier, per-AZ subnets and route tables, NAT per
 * strategy, flow logs, a closed default security group, a managed default NACL, the S3 gateway
 * endpoint and (optionally) the interface endpoints private EKS nodes need.
 */
export class Vpc extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly cidrBlock: string;
  /** Subnet CIDRs per tier, in AZ order, as the planner laid them out (known at preview). */
  readonly subnetCidrs: Record<TierKind, string[]>;
  /** Subnet ids per tier, in AZ order. */
  readonly subnetIds: Record<TierKind, pulumi.Output<string>[]>;
  /** Route table ids per tier (public: one; others: one per AZ). */
  readonly routeTableIds: Record<TierKind, pulumi.Output<string>[]>;
  /** The same route tables with their child-name labels (e.g. dev-private-a), for route names. */
  readonly routeTables: Record<TierKind, Array<{ label: string; id: pulumi.Output<string> }>>;

  constructor(name: string, args: VpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:Vpc", name, {}, opts);
    const azSlots = args.azSlots ?? 4;
    const protect = args.protect ?? false;
    const tiers = new Set(args.tiers.map((t) => t.name));
    const child = { parent: this };
    const plan = planSubnets({
      vpcCidr: args.cidrBlock,
      azSlots,
      azCount: args.availabilityZones.length,
      tiers: args.tiers,
    });
    if (args.natStrategy !== "none" && !tiers.has("public")) {
      throw new pulumi.ResourceError(
        `natStrategy ${args.natStrategy} needs a public tier for the NAT gateways; add one or use none`,
        this,
      );
    }

    const vpc = new aws.ec2.Vpc(
      `${name}-vpc`,
      {
        cidrBlock: args.cidrBlock,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: { Name: name },
      },
      { ...child, protect },
    );
    this.vpcId = vpc.id;
    this.cidrBlock = args.cidrBlock;

    this.subnetIds = { public: [], private: [], data: [], transit: [] };
    this.subnetCidrs = { public: [], private: [], data: [], transit: [] };
    this.routeTableIds = { public: [], private: [], data: [], transit: [] };
    this.routeTables = { public: [], private: [], data: [], transit: [] };
    const subnets = new Map<string, aws.ec2.Subnet>();
    for (const s of plan) {
      const az = args.availabilityZones[s.azIndex]!;
      const suffix = azSuffix(az);
      const subnet = new aws.ec2.Subnet(
        `${name}-${s.tier}-${suffix}`,
        {
          vpcId: vpc.id,
          cidrBlock: s.cidr,
          availabilityZone: az,
          mapPublicIpOnLaunch: false,
          tags: { Name: `${name}-${s.tier}-${suffix}`, Tier: s.tier, ...loadBalancerTags(s.tier) },
        },
        { ...child, protect },
      );
      subnets.set(`${s.tier}/${s.azIndex}`, subnet);
      this.subnetIds[s.tier].push(subnet.id);
      this.subnetCidrs[s.tier].push(s.cidr);
    }
    const subnetOf = (tier: TierKind, az: number) => subnets.get(`${tier}/${az}`)!;

    // Internet gateway and public routing.
    let igw: aws.ec2.InternetGateway | undefined;
    if (tiers.has("public")) {
      igw = new aws.ec2.InternetGateway(
        `${name}-igw`,
        { vpcId: vpc.id, tags: { Name: name } },
        child,
      );
      const table = this.routeTable(name, "public", undefined, vpc, child);
      new aws.ec2.Route(
        `${name}-public-default`,
        { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
        child,
      );
      args.availabilityZones.forEach((az, i) =>
        this.associate(name, "public", azSuffix(az), table, subnetOf("public", i), child),
      );
    }

    // NAT gateways: none, one in the first AZ, or one per AZ.
    const natCount =
      args.natStrategy === "perAz"
        ? args.availabilityZones.length
        : args.natStrategy === "single"
          ? 1
          : 0;
    const nats = args.availabilityZones.slice(0, natCount).map((az, i) => {
      const suffix = azSuffix(az);
      const eip = new aws.ec2.Eip(
        `${name}-nat-${suffix}`,
        { domain: "vpc", tags: { Name: `${name}-nat-${suffix}` } },
        child,
      );
      return new aws.ec2.NatGateway(
        `${name}-nat-${suffix}`,
        {
          allocationId: eip.id,
          subnetId: subnetOf("public", i).id,
          tags: { Name: `${name}-nat-${suffix}` },
        },
        { ...child, dependsOn: igw ? [igw] : [] },
      );
    });

    // Private, data and transit: a route table per AZ; private has the default route to NAT.
    for (const tier of ["private", "data", "transit"] as const) {
      if (!tiers.has(tier)) continue;
      args.availabilityZones.forEach((az, i) => {
        const suffix = azSuffix(az);
        const table = this.routeTable(name, tier, suffix, vpc, child);
        this.associate(name, tier, suffix, table, subnetOf(tier, i), child);
        const nat = nats[args.natStrategy === "perAz" ? i : 0];
        if (tier === "private" && nat) {
          new aws.ec2.Route(
            `${name}-private-${suffix}-default`,
            { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
            child,
          );
        }
      });
    }

    // Defaults made explicit: a default security group with no rules, and the default NACL with
    // AWS's own allow-all rules (the subnets' security lives in security groups) adopted as code.
    new aws.ec2.DefaultSecurityGroup(
      `${name}-default-sg`,
      { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default-closed` } },
      child,
    );
    new aws.ec2.DefaultNetworkAcl(
      `${name}-default-nacl`,
      {
        defaultNetworkAclId: vpc.defaultNetworkAclId,
        subnetIds: [...subnets.values()].map((s) => s.id),
        ingress: [
          {
            protocol: "-1",
            ruleNo: 100,
            action: "allow",
            cidrBlock: "0.0.0.0/0",
            fromPort: 0,
            toPort: 0,
          },
        ],
        egress: [
          {
            protocol: "-1",
            ruleNo: 100,
            action: "allow",
            cidrBlock: "0.0.0.0/0",
            fromPort: 0,
            toPort: 0,
          },
        ],
        tags: { Name: `${name}-default` },
      },
      child,
    );

    this.flowLogs(name, args, vpc);
    this.endpoints(name, args, vpc);

    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      routeTableIds: this.routeTableIds,
    });
  }

  private routeTable(
    name: string,
    tier: TierKind,
    suffix: string | undefined,
    vpc: aws.ec2.Vpc,
    opts: pulumi.CustomResourceOptions,
  ) {
    const label = suffix ? `${name}-${tier}-${suffix}` : `${name}-${tier}`;
    const table = new aws.ec2.RouteTable(
      label,
      { vpcId: vpc.id, tags: { Name: label, Tier: tier } },
      opts,
    );
    this.routeTableIds[tier].push(table.id);
    this.routeTables[tier].push({ label, id: table.id });
    return table;
  }

  private associate(
    name: string,
    tier: TierKind,
    suffix: string,
    table: aws.ec2.RouteTable,
    subnet: aws.ec2.Subnet,
    opts: pulumi.CustomResourceOptions,
  ) {
    new aws.ec2.RouteTableAssociation(
      `${name}-${tier}-${suffix}`,
      { routeTableId: table.id, subnetId: subnet.id },
      opts,
    );
  }

  private flowLogs(name: string, args: VpcArgs, vpc: aws.ec2.Vpc): void {
    const child = { parent: this };
    if (args.flowLogs.destination === "s3") {
      new aws.ec2.FlowLog(
        `${name}-flow-logs`,
        {
          ...flowLogTargetInputs({ vpcId: vpc.id }),
          logDestinationType: "s3",
          logDestination: args.flowLogs.bucketArn,
        },
        child,
      );
      return;
    }
    cloudWatchFlowLog(
      `${name}-flow-logs`,
      {
        target: { vpcId: vpc.id },
        logGroupName: `/platform/${args.namePrefix}/vpc/${name}/flow-logs`,
        retentionInDays: args.flowLogs.retentionInDays,
        accountId: args.accountId,
        region: args.region,
        protect: args.protect,
      },
      child,
    );
  }

  private endpoints(name: string, args: VpcArgs, vpc: aws.ec2.Vpc): void {
    const child = { parent: this };
    const privateTables = [...this.routeTableIds.private, ...this.routeTableIds.data];
    if (privateTables.length > 0) {
      new aws.ec2.VpcEndpoint(
        `${name}-s3`,
        {
          vpcId: vpc.id,
          serviceName: `com.amazonaws.${args.region}.s3`,
          vpcEndpointType: "Gateway",
          routeTableIds: privateTables,
          tags: { Name: `${name}-s3` },
        },
        child,
      );
    }
    if (!(args.interfaceEndpoints ?? true) || this.subnetIds.private.length === 0) return;
    const sg = new aws.ec2.SecurityGroup(
      `${name}-endpoints`,
      {
        vpcId: vpc.id,
        description: "HTTPS from the VPC to interface endpoints",
        tags: { Name: `${name}-endpoints` },
      },
      child,
    );
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-endpoints-https`,
      {
        securityGroupId: sg.id,
        cidrIpv4: args.cidrBlock,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS from the VPC",
      },
      child,
    );
    for (const service of EKS_INTERFACE_ENDPOINTS) {
      new aws.ec2.VpcEndpoint(
        `${name}-${service.replace(".", "-")}`,
        {
          vpcId: vpc.id,
          serviceName: `com.amazonaws.${args.region}.${service}`,
          vpcEndpointType: "Interface",
          privateDnsEnabled: true,
          subnetIds: this.subnetIds.private,
          securityGroupIds: [sg.id],
          tags: { Name: `${name}-${service}` },
        },
        child,
      );
    }
  }
}

/** "eu-west-1a" -> "a": child names carry the AZ letter, stable across accounts. */
export function azSuffix(az: string): string {
  return /[a-z]$/.exec(az)?.[0] ?? az;
}

function loadBalancerTags(tier: TierKind): Record<string, string> {
  if (tier === "public") return { "kubernetes.io/role/elb": "1" };
  if (tier === "private") return { "kubernetes.io/role/internal-elb": "1" };
  return {};
}
