/**
 * The Helm releases (kubernetes.helm.v3.Release, pinned versions, typed values) and the platform's
 * PrometheusRule objects. The kube-prometheus-stack release installs the operator's CRDs, so
 * everything that creates a ServiceMonitor or PrometheusRule waits for it.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { ObservabilityArgs } from "./observability";
import { prometheusRuleManifests } from "./rules";
import type { RuleGroup } from "./rules";

/** The namespace the stack runs in. */
export const OBSERVABILITY_NAMESPACE = "monitoring";

/** Chart repositories, by release. */
export const CHARTS = {
  kubePrometheusStack: {
    release: "kube-prometheus-stack",
    chart: "kube-prometheus-stack",
    repo: "https://prometheus-community.github.io/helm-charts",
  },
  loki: { release: "loki", chart: "loki", repo: "https://grafana.github.io/helm-charts" },
  tempo: { release: "tempo", chart: "tempo", repo: "https://grafana.github.io/helm-charts" },
  openTelemetryCollector: {
    release: "opentelemetry-collector",
    chart: "opentelemetry-collector",
    repo: "https://open-telemetry.github.io/opentelemetry-helm-charts",
  },
} as const;

export type ChartId = keyof typeof CHARTS;

export function release(
  parent: pulumi.Resource,
  name: string,
  id: ChartId,
  args: ObservabilityArgs,
  values: pulumi.Input<Record<string, unknown>>,
  dependsOn: pulumi.Input<pulumi.Resource>[],
): k8s.helm.v3.Release {
  const c = CHARTS[id];
  return new k8s.helm.v3.Release(
    `${name}-${c.release}`,
    {
      name: c.release,
      chart: c.chart,
      version: args.config.charts[id],
      repositoryOpts: { repo: c.repo },
      namespace: OBSERVABILITY_NAMESPACE,
      createNamespace: true,
      atomic: true,
      values,
    },
    { parent, provider: args.kubernetesProvider, dependsOn },
  );
}

/** One PrometheusRule per rule group, applied after the operator's CRDs exist. */
export function prometheusRules(
  parent: pulumi.Resource,
  name: string,
  args: ObservabilityArgs,
  groups: readonly RuleGroup[],
  operator: k8s.helm.v3.Release,
): k8s.apiextensions.CustomResource[] {
  return prometheusRuleManifests(groups, OBSERVABILITY_NAMESPACE).map(
    (m) =>
      new k8s.apiextensions.CustomResource(
        `${name}-${m.metadata.name}`,
        { apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata, spec: m.spec },
        { parent, provider: args.kubernetesProvider, dependsOn: [operator] },
      ),
  );
}
