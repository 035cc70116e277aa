/**
 * A preview-like diff between two sets of plans (a PR against its base branch), as Markdown.
 * Resources are matched by URN; changed inputs are listed by path. Properties known to force
 * replacement (from the AWS provider's documentation) turn an update into a replace.
 */
import type { PlanFile, PlannedResource } from "./planfile";

/** Inputs whose change replaces the resource, per type (only types this platform creates). */
export const REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
  "aws:ec2/vpc:Vpc": ["cidrBlock"],
  "aws:ec2/subnet:Subnet": ["cidrBlock", "availabilityZone", "vpcId"],
  "aws:ec2/natGateway:NatGateway": ["subnetId", "allocationId"],
  "aws:ec2transitgateway/transitGateway:TransitGateway": ["amazonSideAsn"],
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ["vpcId", "transitGatewayId"],
  "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": [
    "transitGatewayAttachmentId",
    "transitGatewayRouteTableId",
  ],
  "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": [
    "transitGatewayAttachmentId",
    "transitGatewayRouteTableId",
  ],
  "aws:ec2/customerGateway:CustomerGateway": ["bgpAsn", "ipAddress", "type"],
  "aws:directconnect/gateway:Gateway": ["amazonSideAsn"],
  // Replacement per the AWS provider/CloudFormation docs; vpcConfig.subnetIds conservatively.
  "aws:eks/cluster:Cluster": [
    "name",
    "roleArn",
    "kubernetesNetworkConfig",
    "outpostConfig",
    "bootstrapSelfManagedAddons",
    "accessConfig.bootstrapClusterCreatorAdminPermissions",
    "vpcConfig.subnetIds",
  ],
  "aws:eks/nodeGroup:NodeGroup": [
    "nodeGroupName",
    "clusterName",
    "subnetIds",
    "amiType",
    "capacityType",
    "instanceTypes",
  ],
  "aws:s3/bucket:Bucket": ["bucket"],
  "aws:iam/role:Role": ["name"],
};

export type ChangeKind = "create" | "delete" | "update" | "replace";

export interface ResourceChange {
  kind: ChangeKind;
  urn: string;
  type: string;
  name: string;
  paths: string[];
}

export interface StackDiff {
  stack: string;
  changes: ResourceChange[];
  /** The stack exists on one side only. */
  status: "added" | "removed" | "changed" | "unchanged";
}

export function diffPlans(base: readonly PlanFile[], head: readonly PlanFile[]): StackDiff[] {
  const key = (p: PlanFile) => `${p.project}/${p.stack}`;
  const baseByKey = new Map(base.map((p) => [key(p), p]));
  const headByKey = new Map(head.map((p) => [key(p), p]));
  const keys = [...new Set([...baseByKey.keys(), ...headByKey.keys()])].sort();
  return keys.map((stack) => {
    const before = baseByKey.get(stack);
    const after = headByKey.get(stack);
    const changes = diffResources(before?.resources ?? [], after?.resources ?? []);
    const status = !before
      ? "added"
      : !after
        ? "removed"
        : changes.length
          ? "changed"
          : "unchanged";
    return { stack, changes, status };
  });
}

export function diffResources(
  before: readonly PlannedResource[],
  after: readonly PlannedResource[],
): ResourceChange[] {
  const old = new Map(before.map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  for (const r of after) {
    const prior = old.get(r.urn);
    old.delete(r.urn);
    if (!prior) {
      changes.push({ kind: "create", urn: r.urn, type: r.type, name: r.name, paths: [] });
      continue;
    }
    const paths = changedPaths(prior.inputs, r.inputs);
    if (prior.protect !== r.protect) paths.push("[protect]");
    if (paths.length === 0) continue;
    const triggers = REPLACE_ON[r.type] ?? [];
    const replaces = paths.some((p) =>
      triggers.some((t) => p === t || p.startsWith(`${t}.`) || p.startsWith(`${t}[`)),
    );
    changes.push({
      kind: replaces ? "replace" : "update",
      urn: r.urn,
      type: r.type,
      name: r.name,
      paths,
    });
  }
  for (const r of old.values())
    changes.push({ kind: "delete", urn: r.urn, type: r.type, name: r.name, paths: [] });
  return changes;
}

/** Dotted paths of every leaf that differs between two input objects. */
export function changedPaths(a: unknown, b: unknown, prefix = ""): string[] {
  if (a === b) return [];
  const bothObjects = a !== null && b !== null && typeof a === "object" && typeof b === "object";
  if (!bothObjects || Array.isArray(a) !== Array.isArray(b)) return [prefix || "(root)"];
  const out: string[] = [];
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      out.push(...changedPaths(a[i], b[i], `${prefix}[${i}]`));
    return out;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort()) {
    out.push(...changedPaths(x[k], y[k], prefix ? `${prefix}.${k}` : k));
  }
  return out;
}

const SYMBOL: Record<ChangeKind, string> = { create: "+", delete: "-", update: "~", replace: "+-" };

export function diffMarkdown(diffs: readonly StackDiff[], baseLabel: string): string {
  const lines = [`## Offline plan diff against \`${baseLabel}\``, ""];
  const changed = diffs.filter((d) => d.status !== "unchanged");
  if (changed.length === 0) {
    lines.push("No resource changes in any stack.");
    return lines.join("\n");
  }
  for (const d of diffs) {
    const count = (k: ChangeKind) => d.changes.filter((c) => c.kind === k).length;
    const headline = `+${count("create")} ~${count("update")} +-${count("replace")} -${count("delete")}`;
    lines.push(`### ${d.stack} (${d.status}): ${headline}`);
    if (d.changes.length === 0) {
      lines.push("", "No changes.", "");
      continue;
    }
    if (count("replace") > 0)
      lines.push("", `> **${count("replace")} replacement(s)**: check that this is intended.`);
    lines.push("", "| | type | name | changed inputs |", "| --- | --- | --- | --- |");
    for (const c of d.changes) {
      const paths = c.paths.length
        ? c.paths
            .slice(0, 8)
            .map((p) => `\`${p}\``)
            .join(", ") + (c.paths.length > 8 ? ", ..." : "")
        : "";
      lines.push(`| ${SYMBOL[c.kind]} ${c.kind} | \`${c.type}\` | ${c.name} | ${paths} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
