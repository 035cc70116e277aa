/**
 * Can the workloads be scheduled on the nodes the node groups provide? A small simulation of the
 * scheduler's hard constraints: nodes from each managed node group (desired size, or maximum when
 * the stack runs a node autoscaler), spread over the node group's zones as the Auto Scaling group
 * balances them; allocatable CPU, memory and pods per instance type (the EKS AMI's reservations);
 * taints and tolerations, node selectors and required node affinity; required pod anti-affinity
 * and DoNotSchedule topology spread. A workload with a replica that fits nowhere never becomes
 * ready and `pulumi up` times out waiting for it.
 *
 * Not modelled: pods of EKS add-ons and Helm charts (their requests are not in the plan), preferred
 * (soft) constraints, volume topology beyond zones.
 */
import type { Context } from "../context";
import { asArray, asObject, known, num } from "../context";
import type { Problem, Rule } from "../types";
import {
  clusterOfProvider,
  HELM_TYPES,
  k8sObjects,
  labelsOf,
  podTemplate,
  selects,
} from "./objects";
import type { K8sObject, NodeGroupInfo } from "./objects";

const SCHEDULING =
  "Kubernetes documentation, assigning pods to nodes (affinity, anti-affinity), topology spread constraints, resource requests, https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/";
const EKS_AMI =
  "Amazon EKS AMI (nodeadm): kube-reserved memory 255 MiB + 11 MiB per max pod, CPU 6%/1%/0.5%/0.25% of cores, eviction at 100 MiB; max pods per instance type from ENI limits, https://github.com/awslabs/amazon-eks-ami/blob/main/templates/shared/runtime/eni-max-pods.txt";
const EC2_TYPES =
  "Amazon EC2 instance types (vCPUs and memory), https://aws.amazon.com/ec2/instance-types/";

/** vCPUs, memory (GiB) and the EKS AMI's max pods, per instance type. */
export const INSTANCE_TYPES: Readonly<
  Record<string, { vcpu: number; memoryGiB: number; maxPods: number }>
> = {
  "t3.medium": { vcpu: 2, memoryGiB: 4, maxPods: 17 },
  "t3.large": { vcpu: 2, memoryGiB: 8, maxPods: 35 },
  "t3.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m5.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m5.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m5.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m6i.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m6i.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m6i.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m6i.4xlarge": { vcpu: 16, memoryGiB: 64, maxPods: 234 },
  "m7i.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m7i.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m7i.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "c6i.large": { vcpu: 2, memoryGiB: 4, maxPods: 29 },
  "c6i.xlarge": { vcpu: 4, memoryGiB: 8, maxPods: 58 },
  "r6i.large": { vcpu: 2, memoryGiB: 16, maxPods: 29 },
  "r6i.xlarge": { vcpu: 4, memoryGiB: 32, maxPods: 58 },
};

/** Allocatable millicores and MiB of a node of the type, as the EKS AMI configures the kubelet. */
export function allocatable(
  type: string,
): { cpu: number; memory: number; pods: number } | undefined {
  const t = INSTANCE_TYPES[type];
  if (!t) return undefined;
  const cores = t.vcpu;
  const reservedCpu =
    60 +
    (cores >= 2 ? 10 : 0) +
    Math.max(0, Math.min(cores, 4) - 2) * 5 +
    Math.max(0, cores - 4) * 2.5;
  const reservedMemory = 255 + 11 * t.maxPods + 100;
  return {
    cpu: cores * 1000 - reservedCpu,
    memory: t.memoryGiB * 1024 - reservedMemory,
    pods: t.maxPods,
  };
}

/** Kubernetes quantities to millicores / MiB. */
export function cpuMillis(q: unknown): number {
  if (typeof q === "number") return q * 1000;
  if (!known(q)) return 0;
  const s = String(q);
  return s.endsWith("m") ? Number(s.slice(0, -1)) : Number(s) * 1000;
}
export function memoryMiB(q: unknown): number {
  if (typeof q === "number") return q / 2 ** 20;
  if (!known(q)) return 0;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q));
  if (!m) return 0;
  const unit: Record<string, number> = {
    "": 2 ** -20,
    Ki: 2 ** -10,
    Mi: 1,
    Gi: 1024,
    Ti: 2 ** 20,
    k: 1e3 / 2 ** 20,
    M: 1e6 / 2 ** 20,
    G: 1e9 / 2 ** 20,
  };
  return Number(m[1]) * (unit[m[2]!] ?? 0);
}

/** What one pod requests: containers summed, the largest init container if bigger. */
function requests(spec: Record<string, unknown>): { cpu: number; memory: number } {
  const of = (c: Record<string, unknown>) => {
    const r = asObject(c["resources"]);
    const req = asObject(r["requests"]);
    const lim = asObject(r["limits"]);
    return {
      cpu: cpuMillis(req["cpu"] ?? lim["cpu"]),
      memory: memoryMiB(req["memory"] ?? lim["memory"]),
    };
  };
  const main = asArray(spec["containers"]).map((c) => of(asObject(c)));
  const init = asArray(spec["initContainers"]).map((c) => of(asObject(c)));
  const sum = main.reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), {
    cpu: 0,
    memory: 0,
  });
  return {
    cpu: Math.max(sum.cpu, ...init.map((i) => i.cpu)),
    memory: Math.max(sum.memory, ...init.map((i) => i.memory)),
  };
}

interface Node {
  name: string;
  group: string;
  labels: Record<string, string>;
  taints: NodeGroupInfo["taints"];
  free: { cpu: number; memory: number; pods: number };
  pods: Array<{ namespace?: string; labels: Record<string, string> }>;
}

function tolerates(
  tolerations: Record<string, unknown>[],
  taint: NodeGroupInfo["taints"][number],
): boolean {
  if (taint.effect === "PreferNoSchedule") return true;
  return tolerations.some((t) => {
    if (t["effect"] !== undefined && t["effect"] !== taint.effect) return false;
    if (t["operator"] === "Exists") return t["key"] === undefined || t["key"] === taint.key;
    return t["key"] === taint.key && (t["value"] ?? "") === (taint.value ?? "");
  });
}

/** The nodes the cluster will have: per node group, desired (or max with an autoscaler) nodes. */
function nodesOf(
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

function nodeAffinityOk(spec: Record<string, unknown>, node: Node): boolean {
  for (const [k, v] of Object.entries(labelsOf(spec["nodeSelector"])))
    if (node.labels[k] !== v) return false;
  const required = asObject(
    asObject(asObject(spec["affinity"])["nodeAffinity"])[
      "requiredDuringSchedulingIgnoredDuringExecution"
    ],
  );
  const terms = asArray(required["nodeSelectorTerms"]).map(asObject);
  if (terms.length === 0) return true;
  return terms.some((t) => selects({ matchExpressions: t["matchExpressions"] }, node.labels));
}

interface Replica {
  workload: K8sObject;
  index: number;
  namespace?: string;
  labels: Record<string, string>;
  spec: Record<string, unknown>;
  req: { cpu: number; memory: number };
}

/** Why a replica fits on no node, or undefined when it was placed (and is recorded on the node). */
function place(replica: Replica, nodes: Node[]): string | undefined {
  const spec = replica.spec;
  const tolerations = asArray(spec["tolerations"]).map(asObject);
  const antiAffinity = asArray(
    asObject(asObject(spec["affinity"])["podAntiAffinity"])[
      "requiredDuringSchedulingIgnoredDuringExecution"
    ],
  ).map(asObject);
  const spread = asArray(spec["topologySpreadConstraints"])
    .map(asObject)
    .filter((c) => c["whenUnsatisfiable"] === "DoNotSchedule");
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
    const conflict = antiAffinity.find((term) => {
      const key = String(term["topologyKey"]);
      const domain = node.labels[key];
      const namespaces = asArray(term["namespaces"]).map(String);
      return nodes.some(
        (other) =>
          other.labels[key] === domain &&
          other.pods.some(
            (p) =>
              (namespaces.length
                ? namespaces.includes(p.namespace ?? "")
                : p.namespace === replica.namespace) && selects(term["labelSelector"], p.labels),
          ),
      );
    });
    if (conflict) {
      reject(
        `required pod anti-affinity on ${String(conflict["topologyKey"])}: the node's domain already has a matching pod`,
      );
      continue;
    }
    const skewed = spread.find((c) => {
      const key = String(c["topologyKey"]);
      const domains = new Map<string, number>();
      for (const n of eligible) if (n.labels[key] !== undefined) domains.set(n.labels[key]!, 0);
      for (const n of eligible)
        for (const p of n.pods)
          if (p.namespace === replica.namespace && selects(c["labelSelector"], p.labels))
            domains.set(n.labels[key]!, (domains.get(n.labels[key]!) ?? 0) + 1);
      const min = Math.min(...domains.values());
      return (domains.get(node.labels[key]!) ?? 0) + 1 - min > (num(c["maxSkew"]) ?? 1);
    });
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

const AUTOSCALER_CHARTS = new Set(["cluster-autoscaler", "karpenter"]);

export const k8sSchedulable: Rule = {
  id: "k8s-schedulable",
  family: "kubernetes",
  description:
    "workloads whose replicas cannot all be placed on the configured node groups: required anti-affinity and topology spread against nodes and zones, requests against the instance types' allocatable",
  source: `${SCHEDULING}; ${EKS_AMI}; ${EC2_TYPES}`,
  *check(ctx: Context) {
    const autoscaled = ctx.ofType(...HELM_TYPES).some((r) =>
      AUTOSCALER_CHARTS.has(
        String(r.inputs["chart"] ?? "")
          .split("/")
          .pop() ?? "",
      ),
    );
    const byProvider = new Map<string, K8sObject[]>();
    for (const o of k8sObjects(ctx)) {
      if (!podTemplate(o) || !o.resource.provider) continue;
      let list = byProvider.get(o.resource.provider);
      if (!list) byProvider.set(o.resource.provider, (list = []));
      list.push(o);
    }
    for (const [providerUrn, workloads] of byProvider) {
      const cluster = clusterOfProvider(ctx, ctx.get(providerUrn));
      if (!cluster || cluster.nodeGroups.length === 0) continue;
      const { nodes, unknownTypes } = nodesOf(cluster.nodeGroups, autoscaled);
      for (const t of new Set(unknownTypes))
        yield {
          severity: "warning",
          urn: cluster.cluster.urn,
          message: `instance type ${t} is not in preflight's table (src/kubernetes/scheduling.ts): its nodes are not counted; add its vCPUs, memory and max pods`,
          source: EKS_AMI,
        } satisfies Problem;
      // Most constrained first: anti-affinity and spread, then the largest requests.
      const replicas: Replica[] = [];
      for (const w of workloads) {
        const template = podTemplate(w)!;
        const spec = asObject(w.body["spec"]);
        if (w.kind === "CronJob" && spec["suspend"] === true) continue;
        const count =
          w.kind === "DaemonSet"
            ? 0
            : w.kind === "Job" || w.kind === "CronJob"
              ? 1
              : w.kind === "Pod"
                ? 1
                : (num(spec["replicas"]) ?? 1);
        for (let i = 0; i < count; i++)
          replicas.push({
            workload: w,
            index: i,
            namespace: w.namespace,
            labels: labelsOf(template.metadata["labels"]),
            spec: template.spec,
            req: requests(template.spec),
          });
      }
      const weight = (r: Replica) => {
        const a = asObject(r.spec["affinity"]);
        const hard =
          asArray(asObject(a["podAntiAffinity"])["requiredDuringSchedulingIgnoredDuringExecution"])
            .length + asArray(r.spec["topologySpreadConstraints"]).length;
        return hard * 1e9 + r.req.cpu * 1e3 + r.req.memory;
      };
      replicas.sort((a, b) => weight(b) - weight(a) || a.index - b.index);
      const failed = new Set<string>();
      for (const replica of replicas) {
        if (failed.has(replica.workload.resource.urn)) continue;
        const why = place(replica, nodes);
        if (why) {
          failed.add(replica.workload.resource.urn);
          const total = replicas.filter((r) => r.workload === replica.workload).length;
          const groups = cluster.nodeGroups
            .map(
              (g) =>
                `${g.name}: ${autoscaled ? g.max : g.desired} x ${g.instanceTypes.join("/")} in ${g.zones.length || "?"} zone(s)`,
            )
            .join(", ");
          yield {
            severity: "error",
            urn: replica.workload.resource.urn,
            message: `${replica.workload.kind} ${replica.workload.name ?? replica.workload.resource.name}: replica ${replica.index + 1} of ${total} cannot be scheduled (${why}); nodes ${autoscaled ? "at the autoscaler's maximum" : "at desired size, no autoscaler in the stack"}: ${groups}. It never becomes ready and the update times out: add nodes or zones, or relax the constraint`,
          };
        }
      }
      // DaemonSets: one pod per eligible node; each must fit next to what is placed.
      for (const w of workloads.filter((x) => x.kind === "DaemonSet")) {
        const template = podTemplate(w)!;
        const req = requests(template.spec);
        const short = nodes.filter(
          (n) =>
            nodeAffinityOk(template.spec, n) &&
            (n.free.cpu < req.cpu || n.free.memory < req.memory),
        );
        if (short.length)
          yield {
            severity: "error",
            urn: w.resource.urn,
            message: `DaemonSet ${w.name ?? w.resource.name}: no room on ${short.length} node(s) (${short.map((n) => n.name).join(", ")}) for ${req.cpu}m CPU and ${Math.round(req.memory)}Mi memory`,
          };
      }
    }
  },
};
