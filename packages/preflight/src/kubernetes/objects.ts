/**
 * The Kubernetes side of a plan: the objects each Kubernetes provider applies, the EKS cluster
 * behind the provider (version, node groups, zones) and pod templates of workloads.
 */
import type { Context } from "../context";
import { asArray, asObject, known, num } from "../context";
import type { PlanResource } from "../types";

export const HELM_TYPES = [
  "kubernetes:helm.sh/v3:Release",
  "kubernetes:helm.sh/v4:Chart",
  "kubernetes:helm.sh/v3:Chart",
];

/** A Kubernetes object the plan applies (not a Helm release, not a provider). */
export interface K8sObject {
  readonly resource: PlanResource;
  /** API group ("" for core). */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name?: string;
  /** Namespace for namespaced kinds (default "default"), undefined for cluster-scoped ones. */
  readonly namespace?: string;
  readonly body: Record<string, unknown>;
}

/** Kinds without a namespace (the built-in ones and the CRD-defined ones the platform uses). */
export const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleBinding",
  "PriorityClass",
  "RuntimeClass",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "APIService",
  "IngressClass",
  "ClusterIssuer",
  "FlowSchema",
  "PriorityLevelConfiguration",
]);

/** `kubernetes:apps/v1:StatefulSet` → group apps, version v1, kind StatefulSet. */
export function parseType(
  type: string,
): { group: string; version: string; kind: string } | undefined {
  const m = /^kubernetes:([^/]+)\/([^:]+):(.+)$/.exec(type);
  if (!m) return undefined;
  const group = m[1] === "core" ? "" : m[1]!;
  if (group === "helm.sh" || group === "yaml" || group === "kustomize") return undefined;
  if (m[3]!.endsWith("List") || m[3]!.endsWith("Patch")) return undefined;
  return { group, version: m[2]!, kind: m[3]! };
}

export function k8sObjects(ctx: Context): K8sObject[] {
  const out: K8sObject[] = [];
  for (const r of ctx.resources) {
    if (!r.type.startsWith("kubernetes:")) continue;
    const parsed = parseType(r.type);
    if (!parsed) continue;
    const metadata = asObject(r.inputs["metadata"]);
    const name = known(metadata["name"]) ? String(metadata["name"]) : undefined;
    const namespace = CLUSTER_SCOPED.has(parsed.kind)
      ? undefined
      : known(metadata["namespace"])
        ? String(metadata["namespace"])
        : "default";
    out.push({ resource: r, ...parsed, name, namespace, body: r.inputs });
  }
  return out;
}

export interface NodeGroupInfo {
  readonly resource: PlanResource;
  readonly name: string;
  readonly instanceTypes: string[];
  readonly min: number;
  readonly desired: number;
  readonly max: number;
  readonly zones: string[];
  readonly labels: Record<string, string>;
  readonly taints: Array<{ key: string; value?: string; effect: string }>;
}

export interface ClusterInfo {
  readonly cluster: PlanResource;
  readonly name?: string;
  readonly version?: string;
  readonly nodeGroups: NodeGroupInfo[];
}

const TAINT_EFFECT: Record<string, string> = {
  NO_SCHEDULE: "NoSchedule",
  NO_EXECUTE: "NoExecute",
  PREFER_NO_SCHEDULE: "PreferNoSchedule",
};

/** The EKS cluster a Kubernetes provider talks to (the cluster its kubeconfig came from). */
export function clusterOfProvider(
  ctx: Context,
  provider: PlanResource | undefined,
): ClusterInfo | undefined {
  if (!provider) return undefined;
  const cluster =
    ctx.refs(provider, "kubeconfig").find((r) => r.type === "aws:eks/cluster:Cluster") ??
    provider.dependencies.map((u) => ctx.get(u)).find((r) => r?.type === "aws:eks/cluster:Cluster");
  if (!cluster) return undefined;
  return clusterInfo(ctx, cluster);
}

const clusterCache = new WeakMap<PlanResource, ClusterInfo>();

export function clusterInfo(ctx: Context, cluster: PlanResource): ClusterInfo {
  const cached = clusterCache.get(cluster);
  if (cached) return cached;
  const nodeGroups = ctx
    .ofType("aws:eks/nodeGroup:NodeGroup")
    .filter((g) => ctx.refs(g, "clusterName").some((r) => r.urn === cluster.urn))
    .map((g): NodeGroupInfo => {
      const scaling = asObject(g.inputs["scalingConfig"]);
      const zones = [
        ...new Set(
          ctx
            .refs(g, "subnetIds")
            .map((s) => s.inputs["availabilityZone"])
            .filter((z): z is string => typeof z === "string" && known(z)),
        ),
      ];
      return {
        resource: g,
        name: known(g.inputs["nodeGroupName"]) ? String(g.inputs["nodeGroupName"]) : g.name,
        instanceTypes: asArray(g.inputs["instanceTypes"]).map(String),
        min: num(scaling["minSize"]) ?? 0,
        desired: num(scaling["desiredSize"]) ?? num(scaling["minSize"]) ?? 0,
        max: num(scaling["maxSize"]) ?? 0,
        zones,
        labels: Object.fromEntries(
          Object.entries(asObject(g.inputs["labels"])).map(([k, v]) => [k, String(v)]),
        ),
        taints: asArray(g.inputs["taints"]).map((t) => {
          const o = asObject(t);
          return {
            key: String(o["key"]),
            value: o["value"] === undefined ? undefined : String(o["value"]),
            effect: TAINT_EFFECT[String(o["effect"])] ?? String(o["effect"]),
          };
        }),
      };
    });
  const info: ClusterInfo = {
    cluster,
    name: known(cluster.inputs["name"]) ? String(cluster.inputs["name"]) : undefined,
    version: known(cluster.inputs["version"]) ? String(cluster.inputs["version"]) : undefined,
    nodeGroups,
  };
  clusterCache.set(cluster, info);
  return info;
}

export const WORKLOAD_KINDS = new Set([
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "Job",
  "CronJob",
]);

/** The pod template of a workload (the object itself for a Pod). */
export function podTemplate(
  o: K8sObject,
): { metadata: Record<string, unknown>; spec: Record<string, unknown> } | undefined {
  const spec = asObject(o.body["spec"]);
  if (o.kind === "Pod") return { metadata: asObject(o.body["metadata"]), spec };
  const template =
    o.kind === "CronJob"
      ? asObject(asObject(asObject(spec["jobTemplate"])["spec"])["template"])
      : asObject(spec["template"]);
  if (!WORKLOAD_KINDS.has(o.kind)) return undefined;
  return { metadata: asObject(template["metadata"]), spec: asObject(template["spec"]) };
}

export function labelsOf(value: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(asObject(value)).map(([k, v]) => [k, String(v)]));
}

/** A label selector (matchLabels and matchExpressions) against labels. */
export function selects(selector: unknown, labels: Record<string, string>): boolean {
  const s = asObject(selector);
  for (const [k, v] of Object.entries(labelsOf(s["matchLabels"])))
    if (labels[k] !== v) return false;
  for (const e of asArray(s["matchExpressions"]).map(asObject)) {
    const key = String(e["key"]);
    const values = asArray(e["values"]).map(String);
    const has = key in labels;
    switch (e["operator"]) {
      case "In":
        if (!has || !values.includes(labels[key]!)) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[key]!)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
