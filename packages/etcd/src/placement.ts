/**
 * Can the etcd members be scheduled, from configuration alone? Each member needs its own node
 * (required pod anti-affinity on the hostname) and the members spread evenly over the zones
 * (topology spread on the zone, maxSkew 1, DoNotSchedule), on nodes of the node groups they may
 * run on. The capacity counted is what the node groups' minSize guarantees: the autoscaler adds
 * nodes for other workloads, but etcd must never wait for a scale-up to land in the right zone
 * (Cluster Autoscaler cannot choose the AZ of a multi-AZ group's new node).
 *
 * A managed node group's Auto Scaling group spreads its instances evenly over its subnets' AZs
 * (Amazon EC2 Auto Scaling User Guide, "Availability Zone distribution"), but which AZs get the
 * extra instances of an uneven count is not ours to choose: every such choice is checked.
 */
import type { NodeGroupSpec } from "@platform/eks";

export interface PlacementInput {
  readonly members: number;
  /** AZs the node groups' subnets span. */
  readonly zones: number;
  readonly nodeGroups: readonly NodeGroupSpec[];
  /** The node group the members are pinned to; otherwise any group without NoSchedule taints. */
  readonly nodeGroup?: string;
  readonly resources: { readonly cpu: string; readonly memory: string };
  /** Require that losing any one AZ leaves a quorum (production). */
  readonly survivesZoneLoss: boolean;
}

/** Kubernetes taint effects of the EKS API's names. */
const EFFECT = {
  NO_SCHEDULE: "NoSchedule",
  NO_EXECUTE: "NoExecute",
  PREFER_NO_SCHEDULE: "PreferNoSchedule",
} as const;

export interface Placement {
  /** Node selector pinning members to a node group (EKS labels nodes with their group's name). */
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Array<{ key: string; operator: string; value?: string; effect: string }>;
}

/** The node selector and tolerations that put members on `nodeGroup` (none when unpinned). */
export function placementFor(nodeGroups: readonly NodeGroupSpec[], nodeGroup?: string): Placement {
  const group = nodeGroups.find((g) => g.name === nodeGroup);
  if (!group) return {};
  return {
    nodeSelector: { "eks.amazonaws.com/nodegroup": group.name },
    tolerations: (group.taints ?? []).map((t) => ({
      key: t.key,
      operator: t.value === undefined ? "Exists" : "Equal",
      ...(t.value === undefined ? {} : { value: t.value }),
      effect: EFFECT[t.effect],
    })),
  };
}

/**
 * Most members the scheduler can place with maxSkew 1 and one per node, given eligible nodes per
 * zone. Zones without eligible nodes are not domains (nodeTaintsPolicy and nodeAffinityPolicy
 * Honor); the scheduler fills the domains level by level, so a domain with c nodes stops the
 * others at c + 1 once it is full.
 */
export function maxMembers(nodesPerZone: readonly number[]): number {
  const domains = nodesPerZone.filter((n) => n > 0);
  if (domains.length === 0) return 0;
  const least = Math.min(...domains);
  return domains.reduce((sum, n) => sum + Math.min(n, least + 1), 0);
}

/** Every way the groups' instances can land in the zones (extras of each group in distinct AZs). */
export function distributions(sizes: readonly number[], zones: number): number[][] {
  let result: number[][] = [new Array<number>(zones).fill(0)];
  for (const size of sizes) {
    const base = Math.floor(size / zones);
    const extra = size % zones;
    const next: number[][] = [];
    for (const extraZones of combinations(zones, extra))
      for (const current of result)
        next.push(current.map((n, z) => n + base + (extraZones.includes(z) ? 1 : 0)));
    result = dedupe(next);
  }
  return result;
}

function combinations(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 0; first <= n - k; first++)
    for (const rest of combinations(n - first - 1, k - 1))
      out.push([first, ...rest.map((r) => r + first + 1)]);
  return out;
}

/** Zones are interchangeable: keep one distribution per multiset of counts. */
function dedupe(list: number[][]): number[][] {
  const seen = new Map<string, number[]>();
  for (const d of list) seen.set([...d].sort((a, b) => a - b).join(","), d);
  return [...seen.values()];
}
