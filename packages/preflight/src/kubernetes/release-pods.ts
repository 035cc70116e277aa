/**
 * The pods a Helm release will run, read from its values. A chart's rendered objects are not in
 * the offline plan (the provider renders them at deploy time), but the values the stack passes
 * are, and each chart documents where in its values a pod's resources, replica count and
 * scheduling constraints go (the chart's values.yaml). CHART_PODS records that per chart, for the
 * charts the platform installs with requests set from config (the observability stack); a chart
 * not listed contributes nothing, as before. Each release pod becomes a synthetic workload the
 * scheduling simulation places next to the plan's own objects.
 */
import type { PlanResource } from "../types";
import { asObject, known, num } from "../context";
import type { K8sObject } from "./objects";

/** One pod kind a chart renders, and where its settings are in the chart's values. */
export interface ChartPod {
  /** The pod's role in the chart (for messages). */
  readonly pod: string;
  /** Dotted path of the `resources` object ({ requests, limits }) in the values. */
  readonly resources: string;
  /** Dotted path of its replica count; absent: `defaultReplicas` (or one per node). */
  readonly replicas?: string;
  /** The chart's default replica count. */
  readonly defaultReplicas: number;
  /** Dotted path of the object holding `nodeSelector`, `tolerations`, `affinity`; default: the parent of `resources`. */
  readonly scheduling?: string;
  /** One pod per node (a DaemonSet), when this holds for the values. */
  readonly daemonSet?: (values: Record<string, unknown>) => boolean;
  /** Whether the values run this pod at all (default: yes). */
  readonly when?: (values: Record<string, unknown>) => boolean;
}

/** The value at a dotted path (`a.b.c`); undefined when any step is missing. */
export function valueAt(values: unknown, path: string): unknown {
  if (path === "") return values;
  let v: unknown = values;
  for (const key of path.split(".")) {
    const o = asObject(v);
    if (!(key in o)) return undefined;
    v = o[key];
  }
  return v;
}

const enabled = (path: string) => (v: Record<string, unknown>) => valueAt(v, path) !== false;
const lokiMode = (v: Record<string, unknown>) =>
  String(valueAt(v, "deploymentMode") ?? "SimpleScalable");

/**
 * Per chart (the name as in the release's `chart`), the pods it renders. Sources, each chart's
 * values.yaml at the versions the platform pins (the keys and defaults were read there):
 * - kube-prometheus-stack: https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-77.6.2/charts/kube-prometheus-stack/values.yaml
 *   (prometheus.prometheusSpec.{resources,replicas}, alertmanager.alertmanagerSpec.{resources,replicas},
 *   prometheusOperator.resources; grafana.{resources,replicas} from the grafana subchart,
 *   kube-state-metrics and prometheus-node-exporter subcharts' resources);
 * - loki: https://github.com/grafana/loki/blob/helm-loki-6.40.0/production/helm/loki/values.yaml
 *   (deploymentMode; singleBinary.{replicas,resources}, default 0 replicas; read/write/backend
 *   default 3 replicas in SimpleScalable mode; gateway.{enabled,replicas,resources});
 * - tempo: https://github.com/grafana/helm-charts/blob/tempo-1.23.3/charts/tempo/values.yaml
 *   (replicas; tempo.resources; tolerations, nodeSelector and affinity at the top level);
 * - opentelemetry-collector: https://github.com/open-telemetry/opentelemetry-helm-charts/blob/opentelemetry-collector-0.134.0/charts/opentelemetry-collector/values.yaml
 *   (mode deployment/statefulset/daemonset; replicaCount; resources at the top level).
 * Not counted: the Loki chart's memcached caches (chunksCache, resultsCache), whose requests the
 * chart derives from allocatedMemory, and pods whose resources the chart leaves empty (they
 * request nothing).
 */
export const CHART_PODS: Readonly<Record<string, readonly ChartPod[]>> = {
  "kube-prometheus-stack": [
    {
      pod: "prometheus",
      resources: "prometheus.prometheusSpec.resources",
      replicas: "prometheus.prometheusSpec.replicas",
      defaultReplicas: 1,
      when: enabled("prometheus.enabled"),
    },
    {
      pod: "alertmanager",
      resources: "alertmanager.alertmanagerSpec.resources",
      replicas: "alertmanager.alertmanagerSpec.replicas",
      defaultReplicas: 1,
      when: enabled("alertmanager.enabled"),
    },
    {
      pod: "grafana",
      resources: "grafana.resources",
      replicas: "grafana.replicas",
      defaultReplicas: 1,
      when: enabled("grafana.enabled"),
    },
    { pod: "operator", resources: "prometheusOperator.resources", defaultReplicas: 1 },
    {
      pod: "kube-state-metrics",
      resources: "kube-state-metrics.resources",
      replicas: "kube-state-metrics.replicas",
      defaultReplicas: 1,
      when: enabled("kubeStateMetrics.enabled"),
    },
    {
      pod: "node-exporter",
      resources: "prometheus-node-exporter.resources",
      defaultReplicas: 0,
      daemonSet: () => true,
      when: enabled("nodeExporter.enabled"),
    },
  ],
  loki: [
    {
      pod: "single-binary",
      resources: "singleBinary.resources",
      replicas: "singleBinary.replicas",
      defaultReplicas: 0,
      when: (v) => lokiMode(v) === "SingleBinary",
    },
    ...(["read", "write", "backend"] as const).map((target) => ({
      pod: target,
      resources: `${target}.resources`,
      replicas: `${target}.replicas`,
      defaultReplicas: 3,
      when: (v: Record<string, unknown>) => lokiMode(v).includes("SimpleScalable"),
    })),
    {
      pod: "gateway",
      resources: "gateway.resources",
      replicas: "gateway.replicas",
      defaultReplicas: 1,
      when: enabled("gateway.enabled"),
    },
  ],
  tempo: [
    {
      pod: "tempo",
      resources: "tempo.resources",
      replicas: "replicas",
      defaultReplicas: 1,
      scheduling: "",
    },
  ],
  "opentelemetry-collector": [
    {
      pod: "collector",
      resources: "resources",
      replicas: "replicaCount",
      defaultReplicas: 1,
      scheduling: "",
      daemonSet: (v) => valueAt(v, "mode") === "daemonset",
    },
  ],
};

/** A pod of a release as the simulation sees it, with where it came from. */
export interface ReleasePod {
  readonly release: PlanResource;
  readonly releaseName: string;
  readonly chart: string;
  readonly pod: ChartPod;
  /** Replicas (0 for a DaemonSet: one per node). */
  readonly replicas: number;
  /** The synthetic workload (a StatefulSet/Deployment or DaemonSet with one container). */
  readonly workload: K8sObject;
}

/** The chart's name in a release's inputs (`chart`, possibly `repo/chart` or an OCI URL). */
export function chartName(release: PlanResource): string {
  return (
    String(release.inputs["chart"] ?? "")
      .split("/")
      .pop() ?? ""
  );
}

/** The pods a Helm release (v3 Release, v3/v4 Chart) runs, from its values and CHART_PODS. */
export function releasePods(release: PlanResource): ReleasePod[] {
  const chart = chartName(release);
  const pods = CHART_PODS[chart];
  if (!pods) return [];
  const values = asObject(release.inputs["values"]);
  const releaseName = known(release.inputs["name"]) ? String(release.inputs["name"]) : release.name;
  const namespace = known(release.inputs["namespace"])
    ? String(release.inputs["namespace"])
    : "default";
  return pods
    .filter((p) => p.when?.(values) ?? true)
    .map((p) => {
      const daemon = p.daemonSet?.(values) ?? false;
      const replicas = daemon
        ? 0
        : (num(p.replicas ? valueAt(values, p.replicas) : undefined) ?? p.defaultReplicas);
      const scheduling = asObject(
        valueAt(values, p.scheduling ?? p.resources.split(".").slice(0, -1).join(".")),
      );
      const spec: Record<string, unknown> = {
        containers: [{ name: p.pod, resources: asObject(valueAt(values, p.resources)) }],
      };
      for (const key of ["nodeSelector", "tolerations", "affinity"])
        if (scheduling[key] !== undefined) spec[key] = scheduling[key];
      const workload: K8sObject = {
        resource: release,
        group: "apps",
        version: "v1",
        kind: daemon ? "DaemonSet" : "StatefulSet",
        name: `${releaseName}/${p.pod}`,
        namespace,
        body: { spec: { replicas, template: { metadata: { labels: {} }, spec } } },
      };
      return { release, releaseName, chart, pod: p, replicas, workload };
    });
}
