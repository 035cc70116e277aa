import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { managedDefaults } from "./defaults";
import { vpcEndpoints } from "./endpoints";
import { vpcFlowLogs } from "./flow-logs";
import { natGateways } from "./nat";
import { planSubnets } from "./planner";
import type { TierKind } from "./planner";
import type { VpcConfigInput } from "./schema";
import { perTier, publicRouting, Subnets, zonalRouting } from "./subnets";
import type { RouteTableRef } from "./subnets";
import { natProblems } from "./validate";

/** The flow-log destination (`flowLogs` of vpcSchema). */
export type FlowLogsArgs = VpcConfigInput["flowLogs"];

/**
 * The component's args: the keys of `vpcSchema` it takes as they are (see the schema for each;
 * `azSlots` defaults to 4 and `interfaceEndpoints` to true), and what a stack resolves for it.
 */
export interface VpcArgs extends Readonly<
  Pick<VpcConfigInput, "azSlots" | "tiers" | "natStrategy" | "flowLogs" | "interfaceEndpoints">
> {
  /** The VPC's IPv4 CIDR (plain: subnet CIDRs are computed from it at preview). */
  readonly cidrBlock: string;
  /** AZ names to use, in order; their count is the AZ count. Index i uses AZ slot i. */
  readonly availabilityZones: readonly string[];
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
 * endpoint and (optionally) the interface endpoints private EKS nodes need. Each concern is a
 * module (subnets, nat, defaults, flow-logs, endpoints) that creates its resources as children of
 * this component, under the names they have always had.
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
  readonly routeTables: Record<TierKind, RouteTableRef[]>;

  constructor(name: string, args: VpcArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:Vpc", name, {}, opts);
    const azSlots = args.azSlots ?? 4;
    const protect = args.protect ?? false;
    const zones = args.availabilityZones;
    const tiers = new Set(args.tiers.map((t) => t.name));
    const plan = planSubnets({
      vpcCidr: args.cidrBlock,
      azSlots,
      azCount: zones.length,
      tiers: args.tiers,
    });
    const nat = natProblems(args);
    if (nat.length > 0) {
      throw new pulumi.ResourceError(
        nat.map((p) => `${p.path.join(".")} ${String(p.value)}: ${p.message}`).join("; "),
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
      { parent: this, protect },
    );
    this.vpcId = vpc.id;
    this.cidrBlock = args.cidrBlock;

    const subnets = new Subnets(this, name, vpc, plan, zones, protect);
    this.subnetIds = subnets.ids;
    this.subnetCidrs = subnets.cidrs;
    this.routeTables = perTier();
    const routing = { parent: this, name, vpc, zones, subnets, tables: this.routeTables };
    const igw = tiers.has("public") ? publicRouting(routing) : undefined;
    const natFor = natGateways(this, name, args.natStrategy, zones, subnets, igw);
    zonalRouting(routing, tiers, natFor);
    this.routeTableIds = {
      public: this.routeTables.public.map((t) => t.id),
      private: this.routeTables.private.map((t) => t.id),
      data: this.routeTables.data.map((t) => t.id),
      transit: this.routeTables.transit.map((t) => t.id),
    };

    managedDefaults(this, name, vpc, subnets.all);
    vpcFlowLogs(this, name, vpc, args);
    vpcEndpoints(this, name, {
      vpc,
      cidrBlock: args.cidrBlock,
      region: args.region,
      gatewayRouteTableIds: [...this.routeTableIds.private, ...this.routeTableIds.data],
      privateSubnetIds: this.subnetIds.private,
      interfaceEndpoints: args.interfaceEndpoints ?? true,
    });

    this.registerOutputs({
      vpcId: this.vpcId,
      subnetIds: this.subnetIds,
      routeTableIds: this.routeTableIds,
    });
  }
}
