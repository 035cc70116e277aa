/**
 * Alertmanager's routing, from the receivers in config: each receiver is an encrypted SNS topic
 * (with email subscriptions) that Alertmanager publishes to with its Pod Identity role (SigV4
 * from the AWS SDK's default credential chain). Routes match the `severity` label every platform
 * rule carries; an alert goes to every receiver that takes its severity (`continue: true`), and
 * what no receiver takes (info) goes to the `null` receiver, which drops it.
 *
 * Alertmanager docs, configuration (route, sns_config): https://prometheus.io/docs/alerting/latest/configuration/
 */
import type { Severity } from "./rules/model";

export interface AlertmanagerReceiver {
  readonly name: string;
  readonly severities: readonly Severity[];
  /** The receiver's SNS topic (an Output in the component, a string in tests). */
  readonly topicArn: unknown;
}

/** Group, wait and repeat timings: the defaults of the Prometheus community charts. */
const TIMING = { group_wait: "30s", group_interval: "5m", repeat_interval: "4h" } as const;

export function alertmanagerConfig(receivers: readonly AlertmanagerReceiver[], region: string) {
  return {
    route: {
      receiver: "null",
      group_by: ["alertname", "namespace", "severity"],
      ...TIMING,
      routes: receivers.map((r) => ({
        receiver: r.name,
        matchers: [`severity=~"${r.severities.join("|")}"`],
        continue: true,
      })),
    },
    // A critical alert silences the warnings of the same alert family on the same object.
    inhibit_rules: [
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity="warning"'],
        equal: ["namespace", "service", "persistentvolumeclaim", "pod"],
      },
    ],
    receivers: [
      { name: "null" },
      ...receivers.map((r) => ({
        name: r.name,
        sns_configs: [
          {
            topic_arn: r.topicArn,
            sigv4: { region },
            subject:
              "[{{ .Status | toUpper }}] {{ .CommonLabels.severity }}: {{ .CommonLabels.alertname }}",
            send_resolved: true,
          },
        ],
      })),
    ],
  };
}
