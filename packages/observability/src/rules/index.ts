/**
 * The platform's alert rules: the groups (pure data), their Prometheus rule-file form (what
 * `promtool check rules` reads) and their PrometheusRule objects (what the Prometheus operator
 * loads). One source, so what promtool tests is what the cluster runs.
 */
import { stringify } from "yaml";
import { etcdRules } from "./etcd";
import type { EtcdRuleOptions } from "./etcd";
import { kubernetesRules } from "./kubernetes";
import type { KubernetesRuleOptions } from "./kubernetes";
import { toPrometheusRule } from "./model";
import type { PrometheusAlertingRule, RuleGroup } from "./model";
import { stackRules } from "./stack";
import { veleroRules, veleroScheduleAges } from "./velero";
import type { VeleroRuleOptions } from "./velero";

export * from "./model";
export type { EtcdRuleOptions, KubernetesRuleOptions, VeleroRuleOptions };
export { veleroScheduleAges };

export interface RuleOptions {
  /** etcd rules; omitted when the environment runs no etcd cluster. */
  readonly etcd?: EtcdRuleOptions;
  readonly kubernetes: KubernetesRuleOptions;
  readonly velero: VeleroRuleOptions;
}

/** The label the Prometheus instance selects PrometheusRule objects by (values.ts `ruleSelector`). */
export const RULE_SELECTOR_LABELS: Readonly<Record<string, string>> = {
  "platform.observability/rules": "true",
};

/** Every rule group, in a stable order. */
export function alertRuleGroups(o: RuleOptions): RuleGroup[] {
  return [
    ...(o.etcd ? [etcdRules(o.etcd)] : []),
    kubernetesRules(o.kubernetes),
    veleroRules(o.velero),
    stackRules(),
  ];
}

export interface PrometheusRuleGroup {
  name: string;
  rules: PrometheusAlertingRule[];
}

/** The groups as Prometheus spells them (a rule file's `groups`, a PrometheusRule's `spec.groups`). */
export function prometheusGroups(groups: readonly RuleGroup[]): PrometheusRuleGroup[] {
  return groups.map((g) => ({ name: g.name, rules: g.rules.map((r) => toPrometheusRule(r)) }));
}

/** A Prometheus rule file (YAML) holding the groups. */
export function ruleFileYaml(groups: readonly RuleGroup[]): string {
  return stringify({ groups: prometheusGroups(groups) }, { lineWidth: 0 });
}

export interface PrometheusRuleManifest {
  apiVersion: "monitoring.coreos.com/v1";
  kind: "PrometheusRule";
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  spec: { groups: PrometheusRuleGroup[] };
}

/** One PrometheusRule object per group, labelled for the Prometheus instance's rule selector. */
export function prometheusRuleManifests(
  groups: readonly RuleGroup[],
  namespace: string,
): PrometheusRuleManifest[] {
  return prometheusGroups(groups).map((g) => ({
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: `platform-${g.name}`, namespace, labels: { ...RULE_SELECTOR_LABELS } },
    spec: { groups: [g] },
  }));
}

/** Markdown listing the alerts by group (docs/observability.md, between markers). */
export function describeAlerts(groups: readonly RuleGroup[]): string {
  return groups
    .map((g) =>
      [
        `- **${g.name}**`,
        ...g.rules.map(
          (r) => `  - \`${r.alert}\` (${r.severity}${r.for ? `, for ${r.for}` : ""}): ${r.summary}`,
        ),
      ].join("\n"),
    )
    .join("\n");
}
