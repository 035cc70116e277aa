/**
 * The shape of the platform's alert rules: one Prometheus alerting rule each, with the routing
 * labels every rule carries (`severity`, `team`, `service`) so Alertmanager's routes (see
 * alertmanager.ts) pick the receiver from labels, never from alert names.
 *
 * Prometheus docs, Alerting rules: https://prometheus.io/docs/prometheus/latest/configuration/alerting_rules/
 */

/** How urgent: `critical` pages the on-call, `warning` notifies, `info` is kept for dashboards. */
export const SEVERITIES = ["critical", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Which on-call owns the alert (a routing label). */
export type Team = "platform" | "network";

export interface AlertRule {
  /** The alert name (CamelCase, unique across the platform's rules). */
  readonly alert: string;
  /** The PromQL expression; every resulting series is one firing alert. */
  readonly expr: string;
  /** How long the expression must hold before the alert fires (Prometheus duration). */
  readonly for?: string;
  readonly severity: Severity;
  /** The service the alert is about (`service` label: etcd, kubernetes, velero, observability). */
  readonly service: string;
  /** Static one-line summary (the notification's title). */
  readonly summary: string;
  /** What is wrong and what to do, with `{{ $labels.x }}` / `{{ $value }}` templates. */
  readonly description: string;
}

export interface RuleGroup {
  /** The Prometheus rule group name (also the PrometheusRule object's name suffix). */
  readonly name: string;
  readonly rules: readonly AlertRule[];
}

/** A rule as Prometheus (and a PrometheusRule's spec.groups[].rules[]) spells it. */
export interface PrometheusAlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The Prometheus form of a rule: routing labels and annotations spelled out. */
export function toPrometheusRule(rule: AlertRule, team: Team = "platform"): PrometheusAlertingRule {
  return {
    alert: rule.alert,
    expr: rule.expr,
    ...(rule.for ? { for: rule.for } : {}),
    labels: { severity: rule.severity, team, service: rule.service },
    annotations: {
      summary: rule.summary,
      description: rule.description,
    },
  };
}
