/**
 * Alerting: one metric filter and alarm per security pattern (cis.ts) on the trail's log group,
 * to an SNS topic encrypted with a key CloudWatch may use (core's encryptedTopic), with the
 * configured email subscriptions and the chat and webhook subscriptions of chat.ts.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { encryptedTopic } from "@platform/core";
import { chatSubscriptions } from "./chat";
import { SECURITY_ALARMS, SECURITY_NAMESPACE } from "./cis";
import type { AlertingConfig } from "./schema";

export interface AlertingArgs {
  readonly config: AlertingConfig;
  readonly logGroupName: pulumi.Input<string>;
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

/**
 * Children: `<name>` (topic, policy), `<name>-key`, `<name>-<alarm id>` (filter, alarm),
 * `<name>-email-<address>`, and chat.ts's `<name>-webhook-<i>`, `<name>-chatbot`, `<name>-slack`.
 */
export function alerting(
  name: string,
  args: AlertingArgs,
  opts: pulumi.CustomResourceOptions,
): aws.sns.Topic {
  const { topic } = encryptedTopic(
    name,
    {
      topicName: args.config.topicName,
      publishers: ["cloudwatch"],
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    opts,
  );
  for (const a of SECURITY_ALARMS) {
    const metricName = `${args.namePrefix}-${a.id}`;
    const filter = new aws.cloudwatch.LogMetricFilter(
      `${name}-${a.id}`,
      {
        name: metricName,
        logGroupName: args.logGroupName,
        pattern: a.pattern,
        metricTransformation: { name: metricName, namespace: SECURITY_NAMESPACE, value: "1" },
      },
      opts,
    );
    new aws.cloudwatch.MetricAlarm(
      `${name}-${a.id}`,
      {
        name: metricName,
        alarmDescription: a.description,
        namespace: SECURITY_NAMESPACE,
        metricName,
        statistic: "Sum",
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        treatMissingData: "notBreaching",
        alarmActions: [topic.arn],
      },
      { ...opts, dependsOn: [filter] },
    );
  }
  for (const email of args.config.emails)
    new aws.sns.TopicSubscription(
      `${name}-email-${email}`,
      { topic: topic.arn, protocol: "email", endpoint: email },
      opts,
    );
  chatSubscriptions(
    name,
    {
      config: args.config,
      topicArn: topic.arn,
      accountId: args.accountId,
      region: args.region,
    },
    opts,
  );
  return topic;
}
