/**
 * The failover alarms' topic and the alarm shapes: metric alarms timed to their metric's
 * publication interval, and the "traffic is on VPN" composite.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTiming, encryptedTopic } from "@platform/core";
import type { HybridConnectivityArgs } from "./args";

/** What a metric alarm states; the component owns its name, timing, comparison and actions. */
export type AlarmMetric = Omit<
  aws.cloudwatch.MetricAlarmArgs,
  | "alarmActions"
  | "okActions"
  | "insufficientDataActions"
  | "comparisonOperator"
  | "evaluationPeriods"
  | "period"
  | "treatMissingData"
> & { namespace: string; metricName: string };

/** Creates the alarm `${name}-${id}` (named `${namePrefix}-${id}`) that notifies the topic. */
export type AlarmFactory = (
  id: string,
  description: string,
  metric: AlarmMetric,
) => aws.cloudwatch.MetricAlarm;

/**
 * The encrypted alarm topic with an email subscription per address, and the factory of the alarms
 * that publish to it.
 */
export function alarmTopic(
  parent: pulumi.Resource,
  name: string,
  args: HybridConnectivityArgs,
): { topicArn: pulumi.Output<string>; alarm: AlarmFactory } {
  const child = { parent };
  // CloudWatch alarms cannot publish to a topic under alias/aws/sns: a customer key they may use.
  const { topic } = encryptedTopic(
    `${name}-alarms`,
    {
      topicName: `${args.namePrefix}-hybrid-alarms`,
      publishers: ["cloudwatch"],
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    child,
  );
  args.config.alarmEmails.forEach(
    (email, i) =>
      new aws.sns.TopicSubscription(
        `${name}-alarms-${i}`,
        { topic: topic.arn, protocol: "email", endpoint: email },
        child,
      ),
  );
  const alarm: AlarmFactory = (id, description, a) =>
    new aws.cloudwatch.MetricAlarm(
      `${name}-${id}`,
      {
        name: `${args.namePrefix}-${id}`,
        alarmDescription: description,
        comparisonOperator: "LessThanThreshold",
        // Period and missing data follow the metric's publication interval (METRIC_PUBLICATION):
        // a shorter period sees empty periods and, with missing data as breaching, flaps.
        ...alarmTiming(a.namespace, a.metricName),
        alarmActions: [topic.arn],
        okActions: [topic.arn],
        // A delivery gap is reported as such (INSUFFICIENT_DATA), not as an outage.
        insufficientDataActions: [topic.arn],
        ...a,
      },
      child,
    );
  return { topicArn: topic.arn, alarm };
}

/** "Traffic is on VPN": Direct Connect is down while at least one VPN connection is up. */
export function trafficOnVpnAlarm(
  parent: pulumi.Resource,
  name: string,
  args: HybridConnectivityArgs,
  topicArn: pulumi.Output<string>,
  dxAlarms: readonly aws.cloudwatch.MetricAlarm[],
  vpnDownAlarms: readonly aws.cloudwatch.MetricAlarm[],
): void {
  if (!dxAlarms.length || !vpnDownAlarms.length) return;
  const dxDown = dxAlarms.map((a) => pulumi.interpolate`ALARM("${a.name}")`);
  const allVpnDown = vpnDownAlarms.map((a) => pulumi.interpolate`ALARM("${a.name}")`);
  new aws.cloudwatch.CompositeAlarm(
    `${name}-traffic-on-vpn`,
    {
      alarmName: `${args.namePrefix}-traffic-on-vpn`,
      alarmDescription:
        "Direct Connect is down and VPN carries on-premises traffic: follow docs/runbooks/dx-vpn-failover.md",
      alarmRule: pulumi
        .all([pulumi.all(dxDown), pulumi.all(allVpnDown)])
        .apply(([dx, vpn]) => `(${dx.join(" OR ")}) AND NOT (${vpn.join(" AND ")})`),
      alarmActions: [topicArn],
      okActions: [topicArn],
    },
    { parent },
  );
}
