/**
 * Failure notifications: a CodeStar notification rule on the pipeline's failed executions and
 * actions, to a topic the configured addresses subscribe to.
 */
import * as aws from "@pulumi/aws";
import { encryptedTopic } from "@platform/core";
import type { DeliveryScope } from "./args";

export function failureNotifications(
  scope: DeliveryScope,
  pipeline: aws.codepipeline.Pipeline,
): aws.sns.Topic {
  const { name, base, args, child } = scope;
  // CodeStar Notifications cannot publish to a topic under alias/aws/sns: a customer key it may use.
  const { topic } = encryptedTopic(
    `${name}-failures`,
    {
      topicName: `${base}-delivery-failures`,
      publishers: ["codestar-notifications"],
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    child,
  );
  args.notificationEmails.forEach(
    (email, i) =>
      new aws.sns.TopicSubscription(
        `${name}-failures-${i}`,
        { topic: topic.arn, protocol: "email", endpoint: email },
        child,
      ),
  );
  new aws.codestarnotifications.NotificationRule(
    `${name}-failures`,
    {
      name: `${base}-failures`,
      detailType: "FULL",
      resource: pipeline.arn,
      eventTypeIds: [
        "codepipeline-pipeline-pipeline-execution-failed",
        "codepipeline-pipeline-action-execution-failed",
      ],
      targets: [{ address: topic.arn, type: "SNS" }],
    },
    child,
  );
  return topic;
}
