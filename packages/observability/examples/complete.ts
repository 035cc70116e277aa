/**
 * Production: longer retention, larger volumes and requests, critical alerts to the on-call and
 * warnings to the team, etcd alerts for the application etcd (daily snapshots: overdue after
 * 26 hours) and Velero alerts per schedule, the network account's DX/VPN metrics through the hub's
 * read-only role, protected buckets and keys. The config is parsed with
 * `observabilitySchema`, which runs validate.ts, before any resource exists.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { Observability, observabilitySchema } from "../src";

export default function complete() {
  const provider = new aws.Provider("prod", { region: "eu-west-1" });
  const kubernetesProvider = new k8s.Provider("prod-k8s", { kubeconfig: "~/.kube/prod.yaml" });
  const config = observabilitySchema.parse({
    charts: {
      kubePrometheusStack: "77.6.2",
      loki: "6.40.0",
      tempo: "1.23.3",
      openTelemetryCollector: "0.134.0",
    },
    retention: { metricsDays: 30, logsDays: 90, tracesDays: 14 },
    volumes: { prometheus: "200Gi", alertmanager: "5Gi", grafana: "10Gi" },
    resources: {
      prometheus: { cpu: "1", memory: "8Gi" },
      alertmanager: { cpu: "100m", memory: "256Mi" },
      grafana: { cpu: "200m", memory: "512Mi" },
      loki: { cpu: "1", memory: "2Gi" },
      tempo: { cpu: "500m", memory: "2Gi" },
      collector: { cpu: "250m", memory: "512Mi" },
    },
    receivers: [
      { name: "oncall", severities: ["critical"], emails: ["oncall@example.com"] },
      { name: "platform", severities: ["critical", "warning"], emails: ["platform@example.com"] },
    ],
    volumeFreePercent: { warning: 20, critical: 5 },
  });
  const observability = new Observability(
    "prod-observability",
    {
      config,
      clusterName: "prod",
      kubernetesProvider,
      storageClass: "gp3-encrypted",
      namePrefix: "prod",
      accountId: "200000000004",
      region: "eu-west-1",
      etcd: { name: "prod-etcd", namespace: "etcd", backupMaxAgeSeconds: 93600 },
      velero: { scheduleMaxAgeSeconds: { daily: 93600, "critical-hourly": 7200 } },
      // The hub's read-only metrics role (hub output networkMetrics): DX/VPN panels read through it.
      networkMetrics: {
        roleArn: "arn:aws:iam::100000000001:role/stack-network-metrics-read",
        region: "eu-west-1",
      },
      protect: true,
    },
    { providers: [provider, kubernetesProvider] },
  );
  return { alertTopics: observability.alertTopicArns, tempoBucket: observability.tempoBucketName };
}
