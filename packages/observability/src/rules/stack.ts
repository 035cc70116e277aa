/**
 * The observability stack watching itself: scrape targets down, rules that fail to evaluate,
 * notifications that do not leave Alertmanager, and telemetry the OpenTelemetry Collector or
 * Loki drops. Without these, a broken pipeline looks like a quiet, healthy platform.
 * Metric names: Prometheus (`prometheus_rule_evaluation_failures_total`), Alertmanager
 * (`alertmanager_notifications_failed_total`), the Collector's internal telemetry
 * (`otelcol_exporter_send_failed_*`, https://opentelemetry.io/docs/collector/internal-telemetry/)
 * and Loki's request metrics (`loki_request_duration_seconds_count` by `status_code`).
 */
import type { AlertRule, RuleGroup } from "./model";

export function stackRules(): RuleGroup {
  const rules: AlertRule[] = [
    {
      alert: "TargetDown",
      expr: `100 * count by (namespace, job) (up == 0) / count by (namespace, job) (up) > 10`,
      for: "10m",
      severity: "warning",
      service: "observability",
      summary: "Scrape targets are down.",
      description:
        '{{ printf "%.0f" $value }}% of the {{ $labels.job }} targets in {{ $labels.namespace }} are down: their metrics, and alerts on them, are missing.',
    },
    {
      alert: "PrometheusRuleEvaluationFailures",
      expr: `increase(prometheus_rule_evaluation_failures_total[5m]) > 0`,
      for: "15m",
      severity: "critical",
      service: "observability",
      summary: "Prometheus fails to evaluate rules.",
      description:
        "Prometheus {{ $labels.pod }} failed to evaluate rules of {{ $labels.rule_group }}: those alerts cannot fire.",
    },
    {
      alert: "AlertmanagerNotificationsFailing",
      expr: `rate(alertmanager_notifications_failed_total[5m]) > 0`,
      for: "15m",
      severity: "critical",
      service: "observability",
      summary: "Alertmanager cannot deliver notifications.",
      description:
        "Alertmanager {{ $labels.pod }} fails to send to the {{ $labels.integration }} integration: alerts are not reaching anyone.",
    },
    {
      alert: "OtelCollectorExportFailing",
      expr: `sum by (namespace, pod, exporter) (rate({__name__=~"otelcol_exporter_send_failed_(spans|metric_points|log_records)_total"}[5m])) > 0`,
      for: "15m",
      severity: "warning",
      service: "observability",
      summary: "The OpenTelemetry Collector drops telemetry.",
      description:
        "Collector {{ $labels.pod }} fails to export through {{ $labels.exporter }}: traces, metrics or logs of applications are being lost.",
    },
    {
      alert: "LokiRequestErrors",
      expr: `100 * sum by (namespace, job, route) (rate(loki_request_duration_seconds_count{status_code=~"5.."}[5m])) / sum by (namespace, job, route) (rate(loki_request_duration_seconds_count[5m])) > 10`,
      for: "15m",
      severity: "warning",
      service: "observability",
      summary: "Loki answers with errors.",
      description:
        '{{ printf "%.1f" $value }}% of {{ $labels.job }} requests to {{ $labels.route }} fail: log ingestion or queries are broken.',
    },
  ];
  return { name: "observability", rules };
}
