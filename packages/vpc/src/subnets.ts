/**
 * Subnets and route tables: one subnet per tier and AZ at the planner's CIDR; the public tier's
 * single route table with the default route to the internet gateway; a route table per AZ for
 * the private, data and transit tiers, where only private has a default route (to its NAT).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { PlannedSubnet, TierKind } from "./planner";

/** One list per tier, in AZ order. */
export type PerTier<T> = Record<TierKind, T[]>;

/** A route table with its child-name label (e.g. dev-private-a), for the names of its routes. */
export interface RouteTableRef {
  readonly label: string;
  readonly id: pulumi.Output<string>;
}

export function perTier<T>(): PerTier<T> {
  return { public: [], private: [], data: [], transit: [] };
}

/** "eu-west-1a" -> "a": child names carry the AZ letter, stable across accounts. */
export function azSuffix(az: string): string {
  return /[a-z]$/.exec(az)?.[0] ?? az;
}

/** The subnets of a VPC, by tier and AZ index. */
export class Subnets {
  readonly ids: PerTier<pulumi.Output<string>> = perTier();
  readonly cidrs: PerTier<string> = perTier();
  readonly all: aws.ec2.Subnet[] = [];
  private readonly byKey = new Map<string, aws.ec2.Subnet>();

  /** Subnet CIDRs never change in place in AWS: the planner keeps them stable. */
  constructor(
    parent: pulumi.Resource,
    name: string,
    vpc: aws.ec2.Vpc,
    plan: readonly PlannedSubnet[],
    zones: readonly string[],
    protect: boolean,
  ) {
    for (const s of plan) {
      const az = zones[s.azIndex]!;
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
        { parent, protect },
      );
      this.byKey.set(`${s.tier}/${s.azIndex}`, subnet);
      this.all.push(subnet);
      this.ids[s.tier].push(subnet.id);
      this.cidrs[s.tier].push(s.cidr);
    }
  }

  of(tier: TierKind, azIndex: number): aws.ec2.Subnet {
    return this.byKey.get(`${tier}/${azIndex}`)!;
  }
}

/** Subnet tags the AWS Load Balancer Controller discovers subnets by. */
function loadBalancerTags(tier: TierKind): Record<string, string> {
  if (tier === "public") return { "kubernetes.io/role/elb": "1" };
  if (tier === "private") return { "kubernetes.io/role/internal-elb": "1" };
  return {};
}

/** What the routing functions share: the component, its name, the VPC and its subnets. */
export interface RoutingContext {
  readonly parent: pulumi.Resource;
  readonly name: string;
  readonly vpc: aws.ec2.Vpc;
  readonly zones: readonly string[];
  readonly subnets: Subnets;
  /** Filled in as tables are created: public one, the other tiers one per AZ. */
  readonly tables: PerTier<RouteTableRef>;
}

/** The internet gateway and the public tier's one route table, associated with every AZ. */
export function publicRouting(ctx: RoutingContext): aws.ec2.InternetGateway {
  const { parent, name, vpc } = ctx;
  const igw = new aws.ec2.InternetGateway(
    `${name}-igw`,
    { vpcId: vpc.id, tags: { Name: name } },
    { parent },
  );
  const table = routeTable(ctx, "public", undefined);
  new aws.ec2.Route(
    `${name}-public-default`,
    { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
    { parent },
  );
  ctx.zones.forEach((az, i) =>
    associate(ctx, "public", azSuffix(az), table, ctx.subnets.of("public", i)),
  );
  return igw;
}

/**
 * Private, data and transit: a route table per AZ; private has the default route to the NAT
 * gateway `natFor(azIndex)` gives, when there is one.
 */
export function zonalRouting(
  ctx: RoutingContext,
  tiers: ReadonlySet<TierKind>,
  natFor: (azIndex: number) => aws.ec2.NatGateway | undefined,
): void {
  const { parent, name } = ctx;
  for (const tier of ["private", "data", "transit"] as const) {
    if (!tiers.has(tier)) continue;
    ctx.zones.forEach((az, i) => {
      const suffix = azSuffix(az);
      const table = routeTable(ctx, tier, suffix);
      associate(ctx, tier, suffix, table, ctx.subnets.of(tier, i));
      const nat = natFor(i);
      if (tier === "private" && nat) {
        new aws.ec2.Route(
          `${name}-private-${suffix}-default`,
          { routeTableId: table.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
          { parent },
        );
      }
    });
  }
}

function routeTable(
  ctx: RoutingContext,
  tier: TierKind,
  suffix: string | undefined,
): aws.ec2.RouteTable {
  const label = suffix ? `${ctx.name}-${tier}-${suffix}` : `${ctx.name}-${tier}`;
  const table = new aws.ec2.RouteTable(
    label,
    { vpcId: ctx.vpc.id, tags: { Name: label, Tier: tier } },
    { parent: ctx.parent },
  );
  ctx.tables[tier].push({ label, id: table.id });
  return table;
}

function associate(
  ctx: RoutingContext,
  tier: TierKind,
  suffix: string,
  table: aws.ec2.RouteTable,
  subnet: aws.ec2.Subnet,
): void {
  new aws.ec2.RouteTableAssociation(
    `${ctx.name}-${tier}-${suffix}`,
    { routeTableId: table.id, subnetId: subnet.id },
    { parent: ctx.parent },
  );
}
