/**
 * Can the workloads be scheduled on the nodes the node groups provide? A small simulation of the
 * scheduler's hard constraints: nodes from each managed node group (desired size, or maximum when
 * the stack runs a node autoscaler), spread over the node group's zones as the Auto Scaling group
 * balances them; allocatable CPU, memory and pods per instance type (the EKS AMI's reservations);
 * taints and tolerations, node selectors and required node affinity; required pod anti-affinity
 * and DoNotSchedule topology spread. A workload with a replica that fits nowhere never becomes
 * ready and `pulumi up` times out waiting for it.
 *
 * Helm releases of the charts in CHART_PODS (release-pods.ts) count with the pods their values
 * declare (requests, replicas, node selectors and tolerations at the chart's documented keys); a
 * release pod that fits nowhere is reported naming the release, the values key, its requests and
 * the fix.
 *
 * Not modelled: pods of EKS add-ons and of other Helm charts (their requests are not in the plan),
 * preferred (soft) constraints, volume topology beyond zones.
 */
import type { Context } from "../context";
import { asArray, asObject, num } from "../context";
import type { Problem, Rule } from "../types";
import { EC2_TYPES, EKS_AMI, requests } from "./capacity";
import { nodeAffinityOk, requiredAntiAffinity } from "./constraints";
import { clusterOfProvider, HELM_TYPES, k8sObjects, labelsOf, podTemplate } from "./objects";
import type { K8sObject } from "./objects";
import { nodesOf, place } from "./placement";
import type { Replica } from "./placement";
import { releasePods } from "./release-pods";
import type { ReleasePod } from "./release-pods";

export { allocatable, cpuMillis, INSTANCE_TYPES, memoryMiB } from "./capacity";

const SCHEDULING =
  "Kubernetes documentation, assigning pods to nodes (affinity, anti-affinity), topology spread constraints, resource requests, https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/";

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
    // Pods of Helm releases, from their values (release-pods.ts).
    const fromRelease = new Map<K8sObject, ReleasePod>();
    for (const release of ctx.ofType(...HELM_TYPES)) {
      if (!release.provider) continue;
      for (const pod of releasePods(release)) {
        fromRelease.set(pod.workload, pod);
        let list = byProvider.get(release.provider);
        if (!list) byProvider.set(release.provider, (list = []));
        list.push(pod.workload);
      }
    }
    for (const [providerUrn, workloads] of byProvider) {
      const cluster = clusterOfProvider(ctx, ctx.get(providerUrn));
      if (!cluster || cluster.nodeGroups.length === 0) continue;
      const { nodes, unknownTypes } = nodesOf(cluster.nodeGroups, autoscaled);
      for (const t of new Set(unknownTypes))
        yield {
          severity: "warning",
          urn: cluster.cluster.urn,
          message: `instance type ${t} is not in preflight's table (src/kubernetes/capacity.ts): its nodes are not counted; add its vCPUs, memory and max pods`,
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
        const hard =
          requiredAntiAffinity(r.spec).length + asArray(r.spec["topologySpreadConstraints"]).length;
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
          const nodesSaid = `nodes ${autoscaled ? "at the autoscaler's maximum" : "at desired size, no autoscaler in the stack"}: ${groups}`;
          const release = fromRelease.get(replica.workload);
          yield {
            severity: "error",
            urn: replica.workload.resource.urn,
            message: release
              ? `${releaseSays(release, replica.req)}: replica ${replica.index + 1} of ${total} cannot be scheduled next to the stack's other workloads (${why}); ${nodesSaid}. The release never becomes ready and the update times out: lower the requests under values ${release.pod.resources} (or the replicas) or add nodes or larger instance types to the node groups`
              : `${replica.workload.kind} ${replica.workload.name ?? replica.workload.resource.name}: replica ${replica.index + 1} of ${total} cannot be scheduled (${why}); ${nodesSaid}. It never becomes ready and the update times out: add nodes or zones, or relax the constraint`,
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
        const release = fromRelease.get(w);
        if (short.length)
          yield {
            severity: "error",
            urn: w.resource.urn,
            message: `${release ? releaseSays(release, req) : `DaemonSet ${w.name ?? w.resource.name}`}: no room on ${short.length} node(s) (${short.map((n) => n.name).join(", ")}) for ${req.cpu}m CPU and ${Math.round(req.memory)}Mi memory${release ? `: lower the requests under values ${release.pod.resources} or use larger instance types` : ""}`,
          };
      }
    }
  },
};

/** `Helm release <name> (chart <chart>), pod <pod>: values <key>.requests = <cpu>m CPU, <mem>Mi memory` */
function releaseSays(r: ReleasePod, req: { cpu: number; memory: number }): string {
  return `Helm release ${r.releaseName} (chart ${r.chart}), pod ${r.pod.pod}: values ${r.pod.resources}.requests = ${req.cpu}m CPU, ${Math.round(req.memory)}Mi memory`;
}
