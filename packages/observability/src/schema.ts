/**
 * The observability component's config. Stacks and the environment blueprint compose this
 * schema; the config type is inferred from it (`ObservabilityConfig`).
 */
import { addProblems } from "@platform/core";
import { z } from "zod";
import { SEVERITIES } from "./rules/model";
import { observabilityProblems } from "./validate";

const chartVersion = z.string().regex(/^\d+\.\d+\.\d+$/, {
  error: "expected a pinned chart version such as 1.2.3",
});
const days = z.number().int().positive();
const size = z.string().regex(/^\d+Gi$/, { error: "expected a size such as 50Gi" });
const quantity = z.strictObject({
  cpu: z.string().regex(/^\d+(\.\d+)?m?$/, { error: 'expected a CPU quantity such as "250m"' }),
  memory: z
    .string()
    .regex(/^\d+(\.\d+)?(Mi|Gi)$/, { error: "expected a memory quantity such as 512Mi" }),
});

/** Pinned chart versions (upgrade deliberately, one chart at a time). */
export const DEFAULT_CHARTS = {
  kubePrometheusStack: "77.6.2",
  loki: "6.40.0",
  tempo: "1.23.3",
  openTelemetryCollector: "0.134.0",
} as const;

/** Resource requests of the stack's main pods (preflight checks them against the node groups). */
export const DEFAULT_RESOURCES = {
  prometheus: { cpu: "500m", memory: "2Gi" },
  alertmanager: { cpu: "50m", memory: "128Mi" },
  grafana: { cpu: "100m", memory: "256Mi" },
  loki: { cpu: "250m", memory: "512Mi" },
  tempo: { cpu: "250m", memory: "512Mi" },
  collector: { cpu: "100m", memory: "256Mi" },
} as const;

/** Where alerts of some severities go: an encrypted SNS topic with these email subscriptions. */
export const receiverSchema = z.strictObject({
  /** The receiver's name (Alertmanager receiver, and the SNS topic's suffix). */
  name: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, {
    error: "expected a lowercase name of up to 31 letters, digits and dashes",
  }),
  /** The severities routed here (critical, warning, info). */
  severities: z.array(z.enum(SEVERITIES)).min(1),
  /** Email addresses subscribed to the receiver's topic (each confirms once). */
  emails: z.array(z.email()).min(1),
});

/** Metrics, logs and traces for the environment's cluster, with alerts and dashboards. */
export const observabilitySchema = z
  .strictObject({
    /** Pinned chart versions; default DEFAULT_CHARTS. */
    charts: z
      .strictObject({
        kubePrometheusStack: chartVersion,
        loki: chartVersion,
        tempo: chartVersion,
        openTelemetryCollector: chartVersion,
      })
      .default(DEFAULT_CHARTS),
    /** Days metrics (Prometheus TSDB), logs (Loki) and traces (Tempo) are kept. */
    retention: z.strictObject({ metricsDays: days, logsDays: days, tracesDays: days }),
    /** Volumes on the encrypted gp3 StorageClass: Prometheus TSDB, Alertmanager, Grafana. */
    volumes: z
      .strictObject({ prometheus: size, alertmanager: size, grafana: size })
      .default({ prometheus: "50Gi", alertmanager: "2Gi", grafana: "5Gi" }),
    /** Requests (and memory limits) per pod; default DEFAULT_RESOURCES. */
    resources: z
      .strictObject({
        prometheus: quantity,
        alertmanager: quantity,
        grafana: quantity,
        loki: quantity,
        tempo: quantity,
        collector: quantity,
      })
      .default(DEFAULT_RESOURCES),
    /** Where alerts go, by severity; every critical and warning alert must reach a receiver. */
    receivers: z.array(receiverSchema).min(1),
    /** PVC free-space thresholds of the KubePersistentVolume* alerts, in percent. */
    volumeFreePercent: z
      .strictObject({
        warning: z.number().positive().max(100),
        critical: z.number().positive().max(100),
      })
      .default({ warning: 15, critical: 5 }),
  })
  .superRefine((o, ctx) => addProblems(ctx, observabilityProblems(o)));

/** An observability section as validated. */
export type ObservabilityConfig = z.infer<typeof observabilitySchema>;
/** One receiver as validated. */
export type ReceiverConfig = z.infer<typeof receiverSchema>;
