/**
 * Per-resource quotas a plan can exceed on its own: routes per VPC route table, rules per security
 * group, allowed prefixes per Direct Connect gateway association with a transit gateway, nodes per
 * managed node group (and its scaling order), lifecycle rules per bucket. Adjustable quotas above
 * their default are warnings (request the increase first); above the hard maximum, errors.
 */
import { asArray, asObject, num } from "../context";
import type { PlanResource, Problem, Rule } from "../types";

const VPC_QUOTAS =
  "Amazon VPC quotas (routes per route table, rules per security group), https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html";
const DX_QUOTAS =
  "Direct Connect quotas (allowed prefixes per transit gateway association: 200), https://docs.aws.amazon.com/directconnect/latest/UserGuide/limits.html";
const EKS_QUOTAS =
  "Amazon EKS service quotas (nodes per managed node group: 450), https://docs.aws.amazon.com/eks/latest/userguide/service-quotas.html";
const EKS_SCALING =
  "EKS API NodegroupScalingConfig (minSize <= desiredSize <= maxSize, maxSize >= 1), https://docs.aws.amazon.com/eks/latest/APIReference/API_NodegroupScalingConfig.html";
const S3_LIFECYCLE =
  "S3 User Guide, lifecycle configuration elements (up to 1,000 rules), https://docs.aws.amazon.com/AmazonS3/latest/userguide/intro-lifecycle-rules.html";

export const QUOTAS = {
  routesPerTable: { default: 50, max: 1000 },
  rulesPerSecurityGroupDirection: { default: 60, max: 1000 },
  prefixesPerTgwAssociation: 200,
  nodesPerManagedNodeGroup: 450,
  lifecycleRulesPerBucket: 1000,
};

function adjustable(
  urn: string,
  count: number,
  what: string,
  quota: { default: number; max: number },
  source: string,
): Problem | undefined {
  if (count > quota.max)
    return {
      severity: "error",
      urn,
      message: `${count} ${what}; the most AWS allows is ${quota.max}`,
      source,
    };
  if (count > quota.default)
    return {
      severity: "warning",
      urn,
      message: `${count} ${what}; the default quota is ${quota.default}: request an increase (Service Quotas) before deploying`,
      source,
    };
  return undefined;
}

/** Rule entries of a security group rule: each CIDR, prefix list or group source counts. */
function ruleEntries(rule: Record<string, unknown>): number {
  const n =
    asArray(rule["cidrBlocks"]).length +
    asArray(rule["ipv6CidrBlocks"]).length +
    asArray(rule["prefixListIds"]).length +
    asArray(rule["securityGroups"]).length +
    (rule["self"] === true ? 1 : 0) +
    (rule["sourceSecurityGroupId"] !== undefined ? 1 : 0);
  return Math.max(n, 1);
}

export const awsQuotas: Rule = {
  id: "aws-quotas",
  family: "aws",
  description:
    "routes per route table, rules per security group, prefixes per DX association with a transit gateway, nodes per managed node group and scaling order, lifecycle rules per bucket",
  source: `${VPC_QUOTAS}; ${DX_QUOTAS}; ${EKS_QUOTAS}`,
  *check(ctx) {
    const count = (
      targets: readonly PlanResource[],
      children: string[],
      property: string,
      weigh: (r: PlanResource) => number = () => 1,
    ) => {
      const counts = new Map<string, number>();
      for (const type of children)
        for (const r of ctx.ofType(type))
          for (const t of ctx.refs(r, property))
            counts.set(t.urn, (counts.get(t.urn) ?? 0) + weigh(r));
      return targets.map((t) => [t, counts.get(t.urn) ?? 0] as const);
    };

    const tables = ctx.ofType("aws:ec2/routeTable:RouteTable");
    for (const [table, separate] of count(tables, ["aws:ec2/route:Route"], "routeTableId")) {
      const p = adjustable(
        table.urn,
        separate + asArray(table.inputs["routes"]).length,
        "routes in this route table",
        QUOTAS.routesPerTable,
        VPC_QUOTAS,
      );
      if (p) yield p;
    }

    const groups = ctx.ofType("aws:ec2/securityGroup:SecurityGroup");
    for (const direction of ["ingress", "egress"] as const) {
      const single =
        direction === "ingress"
          ? "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
          : "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
      const separate = new Map(
        count(groups, [single], "securityGroupId").map(([g, n]) => [g.urn, n]),
      );
      const legacy = new Map(
        count(groups, ["aws:ec2/securityGroupRule:SecurityGroupRule"], "securityGroupId", (r) =>
          r.inputs["type"] === direction ? ruleEntries(r.inputs) : 0,
        ).map(([g, n]) => [g.urn, n]),
      );
      for (const g of groups) {
        const inline = asArray(g.inputs[direction]).reduce<number>(
          (n, x) => n + ruleEntries(asObject(x)),
          0,
        );
        const total = inline + (separate.get(g.urn) ?? 0) + (legacy.get(g.urn) ?? 0);
        const p = adjustable(
          g.urn,
          total,
          `${direction} rules in this security group`,
          QUOTAS.rulesPerSecurityGroupDirection,
          VPC_QUOTAS,
        );
        if (p) yield p;
      }
    }

    for (const a of ctx.ofType("aws:directconnect/gatewayAssociation:GatewayAssociation")) {
      const prefixes = asArray(a.inputs["allowedPrefixes"]).length;
      if (prefixes > QUOTAS.prefixesPerTgwAssociation)
        yield {
          severity: "error",
          urn: a.urn,
          message: `${prefixes} allowed prefixes; a Direct Connect gateway association with a transit gateway takes at most ${QUOTAS.prefixesPerTgwAssociation} (not adjustable): summarise`,
          source: DX_QUOTAS,
        };
    }

    for (const g of ctx.ofType("aws:eks/nodeGroup:NodeGroup")) {
      const s = asObject(g.inputs["scalingConfig"]);
      const [min, desired, max] = [num(s["minSize"]), num(s["desiredSize"]), num(s["maxSize"])];
      if (max !== undefined && max > QUOTAS.nodesPerManagedNodeGroup)
        yield {
          severity: "error",
          urn: g.urn,
          message: `scalingConfig.maxSize ${max}: a managed node group has at most ${QUOTAS.nodesPerManagedNodeGroup} nodes`,
          source: EKS_QUOTAS,
        };
      if (
        min !== undefined &&
        desired !== undefined &&
        max !== undefined &&
        !(min <= desired && desired <= max && max >= 1)
      )
        yield {
          severity: "error",
          urn: g.urn,
          message: `scalingConfig min ${min}, desired ${desired}, max ${max}: EKS requires min <= desired <= max and max >= 1`,
          source: EKS_SCALING,
        };
    }

    for (const l of ctx.ofType(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    )) {
      const rules = asArray(l.inputs["rules"]).length;
      if (rules > QUOTAS.lifecycleRulesPerBucket)
        yield {
          severity: "error",
          urn: l.urn,
          message: `${rules} lifecycle rules; a bucket takes at most ${QUOTAS.lifecycleRulesPerBucket}`,
          source: S3_LIFECYCLE,
        };
    }
  },
};
