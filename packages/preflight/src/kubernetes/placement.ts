/**
 * Placing replicas on simulated nodes: the nodes each managed node group provides (spread over its
 * zones as the Auto Scaling group balances them), and a first-fit of each replica against the
 * nodes' remaining capacity and the pod's hard constraints, least loaded node first.
 */
import { asArray, asObject } from "../context";
import { allocatable } from "./capacity";
import {
  antiAffinityConflict,
  hardSpread,
  nodeAffinityOk,
  requiredAntiAffinity,
  spreadViolation,
  tolerates,
} from "./constraints";
import type { Node } from "./constraints";
import type { K8sObject, NodeGroupInfo } from "./objects";

/** The nodes the cluster will have: per node group, desired (or max with an autoscaler) nodes. */
export function nodesOf(
  groups: readonly NodeGroupInfo[],
  autoscaled: boolean,
): { nodes: Node[]; unknownTypes: string[] } {
  const nodes: Node[] = [];
  const unknownTypes: string[] = [];
  for (const g of groups) {
    // Mixed instance types: assume the smallest, the one the scheduler can count on.
    const sizes = g.instanceTypes.map((t) => ({ t, a: allocatable(t) }));
    for (const s of sizes) if (!s.a) unknownTypes.push(s.t);
    const known_ = sizes.filter((s) => s.a).sort((x, y) => x.a!.cpu - y.a!.cpu);
    const size = known_[0]?.a;
    if (!size) continue;
    const count = autoscaled ? g.max : g.desired;
    const zones = g.zones.length ? g.zones : ["(unknown zone)"];
    for (let i = 0; i < count; i++) {
      const zone = zones[i % zones.length]!;
      const name = `${g.name}-${i + 1}`;
      nodes.push({
        name,
        group: g.name,
        labels: {
          ...g.labels,
          "kubernetes.io/hostname": name,
          "topology.kubernetes.io/zone": zone,
          "eks.amazonaws.com/nodegroup": g.name,
          "node.kubernetes.io/instance-type": known_[0]!.t,
        },
        taints: g.taints,
        free: { ...size },
        pods: [],
      });
    }
  }
  return { nodes, unknownTypes };
}

export interface Replica {
  workload: K8sObject;
  index: number;
  namespace?: string;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
  req: { cpu: number; memory: number };
}

/** Why a replica fits on no node, or undefined when it was placed (and is recorded on the node). */
export function place(replica: Replica, nodes: Node[]): string | undefined {
  const spec = replica.spec;
  const tolerations = asArray(spec["tolerations"]).map(asObject);
  const antiAffinity = requiredAntiAffinity(spec);
  const spread = hardSpread(spec);
  const reasons = new Map<string, number>();
  const reject = (why: string) => reasons.set(why, (reasons.get(why) ?? 0) + 1);
  const eligible = nodes.filter(
    (n) => n.taints.every((t) => tolerates(tolerations, t)) && nodeAffinityOk(spec, n),
  );
  const candidates: Node[] = [];
  for (const node of nodes) {
    if (!eligible.includes(node)) {
      reject("taints or node selector/affinity exclude the node");
      continue;
    }
    if (node.free.cpu < replica.req.cpu) {
      reject(`not enough CPU (${replica.req.cpu}m requested)`);
      continue;
    }
    if (node.free.memory < replica.req.memory) {
      reject(`not enough memory (${Math.round(replica.req.memory)}Mi requested)`);
      continue;
    }
    if (node.free.pods < 1) {
      reject("the node's pod limit is reached");
      continue;
    }
    const conflict = antiAffinityConflict(antiAffinity, node, nodes, replica.namespace);
    if (conflict) {
      reject(
        `required pod anti-affinity on ${String(conflict["topologyKey"])}: the node's domain already has a matching pod`,
      );
      continue;
    }
    const skewed = spreadViolation(spread, node, eligible, replica.namespace);
    if (skewed) {
      reject(
        `topology spread on ${String(skewed["topologyKey"])} (maxSkew ${String(skewed["maxSkew"] ?? 1)}, DoNotSchedule) would be exceeded`,
      );
      continue;
    }
    candidates.push(node);
  }
  if (candidates.length === 0) {
    return (
      [...reasons].map(([why, n]) => `${n} node(s): ${why}`).join("; ") ||
      "the cluster has no nodes"
    );
  }
  // Spread like the scheduler's default scoring: the least loaded node.
  candidates.sort((a, b) => a.pods.length - b.pods.length || b.free.cpu - a.free.cpu);
  const node = candidates[0]!;
  node.free = {
    cpu: node.free.cpu - replica.req.cpu,
    memory: node.free.memory - replica.req.memory,
    pods: node.free.pods - 1,
  };
  node.pods.push({ namespace: replica.namespace, labels: replica.labels });
  return undefined;
}
