/**
 * Values of the kube-prometheus-stack chart (prometheus-community/helm-charts,
 * charts/kube-prometheus-stack/values.yaml): the Prometheus operator and its CRDs, Prometheus,
 * Alertmanager, kube-state-metrics, node-exporter and Grafana, typed for the keys set here.
 * Every key set here was checked against the chart's values.yaml at the pinned 77.6.2
 * (https://github.com/prometheus-community/helm-charts/blob/kube-prometheus-stack-77.6.2/charts/kube-prometheus-stack/values.yaml)
 * and, under `grafana`, its grafana subchart 9.4.5
 * (https://github.com/grafana/helm-charts/blob/grafana-9.4.5/charts/grafana/values.yaml:
 * serviceAccount, resources, persistence.storageClassName, additionalDataSources via the parent,
 * grafana.ini, dashboardProviders, dashboards).
 */
import type * as pulumi from "@pulumi/pulumi";
import { DATASOURCE_UIDS, datasources } from "../datasources";
import type { DatasourceOptions } from "../datasources";
import { DASHBOARDS, buildDashboard } from "../dashboards";
import { RULE_SELECTOR_LABELS } from "../rules";
import { ETCD_CLIENT_LABELS } from "../scrape";
import type { ObservabilityConfig } from "../schema";

export interface Quantity {
  readonly cpu: string;
  readonly memory: string;
}

/** Requests, with the memory request as the limit too (memory is not compressible). */
export function podResources(q: Quantity) {
  return { requests: { cpu: q.cpu, memory: q.memory }, limits: { memory: q.memory } };
}

/** A PVC template on the encrypted StorageClass. */
export function volumeClaim(storageClass: string, size: string) {
  return {
    spec: {
      storageClassName: storageClass,
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: size } },
    },
  };
}

/** Prometheus drops the oldest blocks past 85% of its volume, before the volume fills. */
export function retentionSize(volume: string): string {
  return `${Math.floor(Number.parseInt(volume, 10) * 0.85)}GB`;
}

/**
 * Where the dashboards' CloudWatch panels (the DX/VPN ones) read: the network account's
 * datasource, in the hub's region, when the environment has the hub's read role; else the
 * environment's own CloudWatch.
 */
export function networkPanelsSource(o: DatasourceOptions): {
  cloudwatchUid: string;
  region: string;
} {
  return o.networkMetricsRoleArn
    ? { cloudwatchUid: DATASOURCE_UIDS.cloudwatchNetwork, region: o.networkRegion ?? o.region }
    : { cloudwatchUid: DATASOURCE_UIDS.cloudwatch, region: o.region };
}

export interface PrometheusStackInput {
  readonly config: ObservabilityConfig;
  readonly storageClass: string;
  readonly datasources: DatasourceOptions;
  /** Alertmanager's configuration (alertmanager.ts), topic ARNs as outputs. */
  readonly alertmanagerConfig: pulumi.Input<Record<string, unknown>>;
  /** Service account names the Pod Identity associations are made for. */
  readonly serviceAccounts: { readonly alertmanager: string; readonly grafana: string };
}

export type PrometheusStackValues = {
  crds: { enabled: boolean };
  defaultRules: { create: boolean };
  kubeEtcd: { enabled: boolean };
  kubeControllerManager: { enabled: boolean };
  kubeScheduler: { enabled: boolean };
  kubeProxy: { enabled: boolean };
  prometheus: { prometheusSpec: Record<string, unknown> };
  alertmanager: Record<string, unknown>;
  grafana: Record<string, unknown>;
};

export function prometheusStackValues(i: PrometheusStackInput): PrometheusStackValues {
  const c = i.config;
  return {
    // The chart installs the operator's CRDs (PrometheusRule, ServiceMonitor, ...) first.
    crds: { enabled: true },
    // Every rule that can notify is the platform's own, tested with promtool (src/rules).
    defaultRules: { create: false },
    // EKS runs etcd, the controller manager and the scheduler out of the cluster's reach, and
    // kube-proxy serves metrics on localhost only.
    kubeEtcd: { enabled: false },
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeProxy: { enabled: false },
    prometheus: {
      prometheusSpec: {
        retention: `${c.retention.metricsDays}d`,
        retentionSize: retentionSize(c.volumes.prometheus),
        resources: podResources(c.resources.prometheus),
        storageSpec: { volumeClaimTemplate: volumeClaim(i.storageClass, c.volumes.prometheus) },
        // The platform's PrometheusRules in any namespace, and every ServiceMonitor/PodMonitor.
        ruleSelector: { matchLabels: { ...RULE_SELECTOR_LABELS } },
        ruleNamespaceSelector: {},
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        // Exemplars (trace ids on histograms) and the remote-write receiver the Collector and
        // Tempo's metrics generator write to.
        enableFeatures: ["exemplar-storage"],
        enableRemoteWriteReceiver: true,
        // The etcd members' NetworkPolicy admits pods with the etcd client label (scrape.ts).
        podMetadata: { labels: { ...ETCD_CLIENT_LABELS } },
      },
    },
    alertmanager: {
      serviceAccount: { create: true, name: i.serviceAccounts.alertmanager },
      config: i.alertmanagerConfig,
      alertmanagerSpec: {
        resources: podResources(c.resources.alertmanager),
        storage: { volumeClaimTemplate: volumeClaim(i.storageClass, c.volumes.alertmanager) },
      },
    },
    grafana: {
      serviceAccount: { create: true, name: i.serviceAccounts.grafana },
      resources: podResources(c.resources.grafana),
      persistence: {
        enabled: true,
        storageClassName: i.storageClass,
        size: c.volumes.grafana,
      },
      // The datasources are ours (fixed uids the dashboards and links use), not the chart's.
      sidecar: {
        datasources: { defaultDatasourceEnabled: false, alertmanager: { enabled: false } },
      },
      additionalDataSources: datasources(i.datasources),
      "grafana.ini": {
        // CloudWatch with the pod's credentials (Pod Identity) only; no keys in Grafana. Assuming
        // a role is on only for the network account's read role (Grafana docs, AWS
        // authentication, assume_role_enabled:
        // https://grafana.com/docs/grafana/latest/datasources/aws-cloudwatch/aws-authentication/).
        aws: {
          allowed_auth_providers: "default",
          assume_role_enabled: i.datasources.networkMetricsRoleArn !== undefined,
        },
      },
      dashboardProviders: {
        "dashboardproviders.yaml": {
          apiVersion: 1,
          providers: [
            {
              name: "platform",
              folder: "Platform",
              type: "file",
              disableDeletion: true,
              editable: false,
              options: { path: "/var/lib/grafana/dashboards/platform" },
            },
          ],
        },
      },
      dashboards: {
        platform: Object.fromEntries(
          DASHBOARDS.map((d) => [
            d.uid,
            {
              json: JSON.stringify(buildDashboard(d, networkPanelsSource(i.datasources))),
            },
          ]),
        ),
      },
    },
  };
}
