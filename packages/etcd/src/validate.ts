/**
 * The etcd component's pure checks, returning `Problem[]` (`{ path, value, message }`, paths
 * relative to the etcd config): the snapshot schedule Kubernetes must accept, and whether the
 * members can be scheduled on the node groups' guaranteed nodes (see placement.ts for the model:
 * anti-affinity on the hostname, even spread over the zones, minSize capacity, every way an Auto
 * Scaling group may place an uneven count's extra nodes).
 */
import { cpuMillis, memoryMiB, schedulable } from "@platform/eks";
import type { Problem } from "@platform/core";
import type { NodeGroupSpec } from "@platform/eks";
import { distributions, maxMembers } from "./placement";
import type { PlacementInput } from "./placement";
import { cronScheduleProblem } from "./schedule";
import type { EtcdConfig } from "./schema";

/**
 * The snapshot schedule, which Kubernetes parses only when the CronJob is applied (after the
 * stack's AWS resources exist): a problem at `snapshotSchedule` when it would reject it.
 */
export function scheduleProblems(config: Pick<EtcdConfig, "snapshotSchedule">): Problem[] {
  const schedule = config.snapshotSchedule;
  const problem = schedule === undefined ? undefined : cronScheduleProblem(schedule);
  return problem ? [{ path: ["snapshotSchedule"], value: schedule, message: problem }] : [];
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
