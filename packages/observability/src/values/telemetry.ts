/**
 * Values of the Loki (grafana/loki), Tempo (grafana/tempo) and OpenTelemetry Collector
 * (open-telemetry/opentelemetry-collector) charts, typed for the keys set here. Loki and Tempo
 * keep their data in their S3 buckets (Pod Identity, no keys); the Collector is the one OTLP entry
 * point for applications and fans out to Tempo, Loki and Prometheus. Every key set here was
 * checked against the charts' values.yaml at the pinned versions:
 * - loki 6.40.0: https://github.com/grafana/loki/blob/helm-loki-6.40.0/production/helm/loki/values.yaml
 *   (loki.storage.bucketNames is the commented example there; limits_config and compactor are
 *   passed to Loki's config as they are);
 * - tempo 1.23.3: https://github.com/grafana/helm-charts/blob/tempo-1.23.3/charts/tempo/values.yaml
 *   (tempo.overrides.defaults in the new overrides format, as its metrics-generator example);
 * - opentelemetry-collector 0.134.0:
 *   https://github.com/open-telemetry/opentelemetry-helm-charts/blob/opentelemetry-collector-0.134.0/charts/opentelemetry-collector/values.yaml
 *   (its values.schema.json refuses unknown top-level keys; image.repository has no default).
 */
import type * as pulumi from "@pulumi/pulumi";
import { serviceUrls } from "../datasources";
import type { ObservabilityConfig } from "../schema";
import { podResources } from "./prometheus-stack";

export interface TelemetryInput {
  readonly config: ObservabilityConfig;
  readonly namespace: string;
  readonly region: string;
  readonly storageClass: string;
  readonly lokiBucket: pulumi.Input<string>;
  readonly tempoBucket: pulumi.Input<string>;
  readonly serviceAccounts: { readonly loki: string; readonly tempo: string };
}

const hours = (days: number) => `${days * 24}h`;

/** Loki as a single binary on S3 (the chart's SingleBinary mode), with retention by the compactor. */
export function lokiValues(i: TelemetryInput) {
  const c = i.config;
  return {
    deploymentMode: "SingleBinary",
    serviceAccount: { create: true, name: i.serviceAccounts.loki },
    loki: {
      auth_enabled: false,
      commonConfig: { replication_factor: 1 },
      schemaConfig: {
        configs: [
          {
            from: "2025-01-01",
            store: "tsdb",
            object_store: "s3",
            schema: "v13",
            index: { prefix: "loki_index_", period: "24h" },
          },
        ],
      },
      storage: {
        type: "s3",
        bucketNames: { chunks: i.lokiBucket, ruler: i.lokiBucket, admin: i.lokiBucket },
        s3: { region: i.region },
      },
      // OTLP logs keep trace_id/span_id as structured metadata (the derived field reads it).
      limits_config: {
        retention_period: hours(c.retention.logsDays),
        allow_structured_metadata: true,
        volume_enabled: true,
      },
      compactor: { retention_enabled: true, delete_request_store: "s3" },
    },
    singleBinary: {
      replicas: 1,
      resources: podResources(c.resources.loki),
      persistence: { enabled: true, storageClass: i.storageClass, size: "10Gi" },
    },
    read: { replicas: 0 },
    write: { replicas: 0 },
    backend: { replicas: 0 },
    // The chart's memcached caches request several GiB each by default; off at this size.
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    minio: { enabled: false },
    monitoring: { serviceMonitor: { enabled: true } },
  };
}

/** Tempo (single binary) on S3, with the metrics generator writing span metrics to Prometheus. */
export function tempoValues(i: TelemetryInput) {
  const c = i.config;
  return {
    serviceAccount: { create: true, name: i.serviceAccounts.tempo },
    tempo: {
      retention: hours(c.retention.tracesDays),
      resources: podResources(c.resources.tempo),
      storage: {
        trace: {
          backend: "s3",
          s3: { bucket: i.tempoBucket, endpoint: `s3.${i.region}.amazonaws.com`, region: i.region },
        },
      },
      receivers: {
        otlp: {
          protocols: { grpc: { endpoint: "0.0.0.0:4317" }, http: { endpoint: "0.0.0.0:4318" } },
        },
      },
      metricsGenerator: {
        enabled: true,
        remoteWriteUrl: `${serviceUrls(i.namespace).prometheus}/api/v1/write`,
      },
      overrides: {
        defaults: { metrics_generator: { processors: ["service-graphs", "span-metrics"] } },
      },
    },
    persistence: { enabled: true, storageClassName: i.storageClass, size: "10Gi" },
    serviceMonitor: { enabled: true },
  };
}

/** The OTLP endpoints applications send to (docs/observability.md). */
export function collectorEndpoints(namespace: string) {
  const host = `opentelemetry-collector.${namespace}.svc`;
  return { grpc: `http://${host}:4317`, http: `http://${host}:4318` };
}

/** The Collector: OTLP in, Kubernetes attributes added, traces/logs/metrics out. */
export function collectorValues(i: TelemetryInput) {
  const url = serviceUrls(i.namespace);
  const processors = ["memory_limiter", "k8sattributes", "batch"];
  return {
    mode: "deployment",
    replicaCount: 2,
    image: { repository: "otel/opentelemetry-collector-contrib" },
    resources: podResources(i.config.resources.collector),
    // k8sattributes (namespace, pod, deployment) on every signal: the labels that join them.
    presets: { kubernetesAttributes: { enabled: true } },
    serviceMonitor: { enabled: true },
    ports: { metrics: { enabled: true } },
    config: {
      receivers: {
        otlp: {
          protocols: {
            grpc: { endpoint: "${env:MY_POD_IP}:4317" },
            http: { endpoint: "${env:MY_POD_IP}:4318" },
          },
        },
      },
      processors: {
        memory_limiter: { check_interval: "1s", limit_percentage: 80, spike_limit_percentage: 25 },
        batch: {},
      },
      exporters: {
        "otlp/tempo": { endpoint: `tempo.${i.namespace}.svc:4317`, tls: { insecure: true } },
        "otlphttp/loki": { endpoint: `${url.loki}/otlp` },
        prometheusremotewrite: {
          endpoint: `${url.prometheus}/api/v1/write`,
          resource_to_telemetry_conversion: { enabled: true },
        },
      },
      service: {
        pipelines: {
          traces: { receivers: ["otlp"], processors, exporters: ["otlp/tempo"] },
          logs: { receivers: ["otlp"], processors, exporters: ["otlphttp/loki"] },
          metrics: { receivers: ["otlp"], processors, exporters: ["prometheusremotewrite"] },
        },
      },
    },
  };
}
