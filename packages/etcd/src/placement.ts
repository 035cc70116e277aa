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
import { cpuMillis, memoryMiB, schedulable } from "@platform/eks";
import type { Problem } from "@platform/core";
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

const quorum = (members: number) => Math.floor(members / 2) + 1;

interface Verdict {
  readonly fits: boolean;
  readonly guaranteed: number;
  readonly survives: boolean;
}

function verdict(input: PlacementInput, sizes: readonly number[]): Verdict {
  let guaranteed = Infinity;
  let survives = true;
  for (const d of distributions(sizes, input.zones)) {
    guaranteed = Math.min(guaranteed, maxMembers(d));
    const domains = d.filter((n) => n > 0).length;
    const largestZone = domains ? Math.ceil(input.members / domains) : input.members;
    if (input.members - largestZone < quorum(input.members)) survives = false;
  }
  return {
    fits: guaranteed >= input.members,
    guaranteed: guaranteed === Infinity ? 0 : guaranteed,
    survives: survives || !input.survivesZoneLoss,
  };
}

/** Problems with the placement, each at `members`, `zones`, `nodeGroup`, `nodeGroups` or `resources`. */
export function placementProblems(input: PlacementInput): Problem[] {
  const problems: Problem[] = [];
  let eligible: Array<{ group: NodeGroupSpec; index: number }>;
  if (input.nodeGroup !== undefined) {
    const index = input.nodeGroups.findIndex((g) => g.name === input.nodeGroup);
    if (index < 0) {
      return [
        {
          path: ["nodeGroup"],
          value: input.nodeGroup,
          message: `is not a node group of the cluster; known: ${input.nodeGroups.map((g) => g.name).join(", ")}`,
        },
      ];
    }
    eligible = [{ group: input.nodeGroups[index]!, index }];
  } else {
    eligible = input.nodeGroups
      .map((group, index) => ({ group, index }))
      .filter(({ group }) => !(group.taints ?? []).some((t) => t.effect !== "PREFER_NO_SCHEDULE"));
    if (eligible.length === 0) {
      return [
        {
          path: ["members"],
          value: input.members,
          message:
            "every node group has NoSchedule or NoExecute taints the members do not tolerate; pin etcd to one with etcd.nodeGroup",
        },
      ];
    }
  }

  const sizes = eligible.map(({ group }) => group.minSize);
  const current = verdict(input, sizes);
  if (!current.fits || !current.survives) {
    // The smallest minSize of the largest eligible group that places every member (and keeps a
    // quorum through an AZ loss when required).
    const grow = eligible.reduce((a, b) => (b.group.minSize > a.group.minSize ? b : a));
    const at = eligible.indexOf(grow);
    let needed: number | undefined;
    for (
      let n = grow.group.minSize + 1;
      n <= grow.group.minSize + input.members * input.zones;
      n++
    ) {
      const v = verdict(
        input,
        sizes.map((s, i) => (i === at ? n : s)),
      );
      if (v.fits && v.survives) {
        needed = n;
        break;
      }
    }
    const groups = eligible
      .map(({ group }) => `${group.name} (minSize ${group.minSize})`)
      .join(", ");
    if (!current.fits) {
      problems.push({
        path: ["members"],
        value: input.members,
        message:
          `needs ${input.members} nodes it can run on, one member each, spread evenly over the AZs; ` +
          `node groups ${groups} over ${input.zones} AZs guarantee room for only ${current.guaranteed} ` +
          `(an Auto Scaling group may put an uneven count's extra nodes in any AZ). ` +
          (needed !== undefined
            ? `Raise eks.nodeGroups[${grow.index}].minSize (${grow.group.name}) to ${needed}`
            : `Add AZs or nodes`) +
          (input.nodeGroup === undefined
            ? ", or pin etcd to a larger group with etcd.nodeGroup"
            : ""),
      });
    } else {
      problems.push({
        path: input.zones < 3 ? ["zones"] : ["members"],
        value: input.zones < 3 ? input.zones : input.members,
        message:
          input.zones < 3
            ? `${input.members} etcd members over ${input.zones} AZs: losing the AZ with the most members leaves fewer than a quorum (${quorum(input.members)}); production etcd needs at least 3 AZs`
            : `${input.members} members may land in fewer AZs than there are, where losing one AZ breaks the quorum (${quorum(input.members)}); raise eks.nodeGroups[${grow.index}].minSize (${grow.group.name}) to ${needed ?? input.members * input.zones}`,
      });
    }
  }

  const cpu = cpuMillis(input.resources.cpu);
  const memory = memoryMiB(input.resources.memory);
  for (const { group, index } of eligible) {
    const smallest = group.instanceTypes
      .map((t) => ({ type: t, room: schedulable(t) }))
      .filter((x) => x.room !== undefined)
      .sort((a, b) => a.room!.cpuMillis - b.room!.cpuMillis)[0];
    if (!smallest?.room) continue; // capacity of unlisted instance types is not estimated
    if (cpu !== undefined && cpu > smallest.room.cpuMillis) {
      problems.push({
        path: ["resources", "cpu"],
        value: input.resources.cpu,
        message: `a member requests ${cpu}m CPU but a ${smallest.type} node of eks.nodeGroups[${index}] (${group.name}) has about ${smallest.room.cpuMillis}m left after kubelet reservations and the add-on DaemonSets; request less or use a larger instance type`,
      });
    }
    if (memory !== undefined && memory > smallest.room.memoryMiB) {
      problems.push({
        path: ["resources", "memory"],
        value: input.resources.memory,
        message: `a member requests ${Math.round(memory)}Mi but a ${smallest.type} node of eks.nodeGroups[${index}] (${group.name}) has about ${smallest.room.memoryMiB}Mi left after kubelet reservations and the add-on DaemonSets; request less or use a larger instance type`,
      });
    }
  }
  return problems;
}
