import type { DashboardSpec } from "./model";

/**
 * The delivered applications (@platform/delivery): rollout state from kube-state-metrics, and
 * requests, errors and latency from the spans the applications send (Tempo's metrics generator
 * writes `traces_spanmetrics_*` with exemplars into Prometheus), with their error logs from Loki.
 */
export const deliveryDashboard: DashboardSpec = {
  uid: "platform-delivery",
  title: "Platform / Delivery",
  description:
    "Each delivered application: whether its rollout is complete, its request rate, error ratio and latency from its traces (click an exemplar to open the trace), and its error logs.",
  variables: {
    namespace: "label_values(kube_deployment_spec_replicas, namespace)",
    service: "label_values(traces_spanmetrics_calls_total, service)",
  },
  rows: [
    {
      title: "Rollout",
      panels: [
        {
          title: "Replicas available",
          description:
            "Available replicas as a share of the desired ones, per Deployment: below 1 a rollout is in progress or stuck.",
          kind: "timeseries",
          unit: "percentunit",
          queries: [
            {
              promql:
                'kube_deployment_status_replicas_available{namespace=~"$namespace"} / kube_deployment_spec_replicas{namespace=~"$namespace"}',
              legend: "{{namespace}}/{{deployment}}",
            },
          ],
        },
        {
          title: "Generation not observed",
          description:
            "Deployments whose controller has not yet acted on the latest spec (a deploy that has not started).",
          kind: "stat",
          queries: [
            {
              promql:
                'count(kube_deployment_metadata_generation{namespace=~"$namespace"} != kube_deployment_status_observed_generation{namespace=~"$namespace"}) or vector(0)',
            },
          ],
        },
      ],
    },
    {
      title: "Requests (from traces)",
      panels: [
        {
          title: "Request rate",
          description: "Server spans per second, per service.",
          kind: "timeseries",
          unit: "reqps",
          queries: [
            {
              promql:
                'sum by (service) (rate(traces_spanmetrics_calls_total{service=~"$service", span_kind="SPAN_KIND_SERVER"}[5m]))',
              legend: "{{service}}",
            },
          ],
        },
        {
          title: "Error ratio",
          description: "Share of server spans with status ERROR, per service.",
          kind: "timeseries",
          unit: "percentunit",
          queries: [
            {
              promql:
                'sum by (service) (rate(traces_spanmetrics_calls_total{service=~"$service", span_kind="SPAN_KIND_SERVER", status_code="STATUS_CODE_ERROR"}[5m])) / sum by (service) (rate(traces_spanmetrics_calls_total{service=~"$service", span_kind="SPAN_KIND_SERVER"}[5m]))',
              legend: "{{service}}",
            },
          ],
        },
        {
          title: "Latency p95",
          description:
            "95th percentile server span duration, per service; exemplar dots link to a slow request's trace.",
          kind: "timeseries",
          unit: "s",
          queries: [
            {
              promql:
                'histogram_quantile(0.95, sum by (service, le) (rate(traces_spanmetrics_latency_bucket{service=~"$service", span_kind="SPAN_KIND_SERVER"}[5m])))',
              legend: "{{service}}",
            },
          ],
        },
      ],
    },
    {
      title: "Logs",
      panels: [
        {
          title: "Error logs",
          description:
            "Error lines of the selected services; a trace id in a line links to its trace in Tempo.",
          kind: "logs",
          queries: [{ logql: '{service_name=~"$service"} |~ "(?i)error"' }],
        },
      ],
    },
  ],
};
