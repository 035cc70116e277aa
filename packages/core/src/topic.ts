import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { accountAdministersKey } from "./statements";

/**
 * AWS services that publish to the platform's topics. A topic encrypted with the AWS-managed
 * `alias/aws/sns` key cannot receive their messages: its key policy cannot be changed to let the
 * service use the key. Each publisher therefore gets a statement in the policy of the topic's own
 * customer-managed key, with the conditions AWS documents for that service.
 */
export type TopicPublisher = "cloudwatch" | "codestar-notifications";

export interface EncryptedTopicArgs {
  readonly topicName: string;
  /** Services that publish to the topic; each gets key and topic permissions. */
  readonly publishers: readonly TopicPublisher[];
  readonly accountId: string;
  readonly region: string;
  /** Protect the key (prod, or anything that must not lose its notifications). */
  readonly protect?: boolean;
}

const SERVICE: Record<TopicPublisher, string> = {
  cloudwatch: "cloudwatch.amazonaws.com",
  "codestar-notifications": "codestar-notifications.amazonaws.com",
};

/**
 * Key policy: the account administers the key; each publisher may generate data keys and
 * decrypt, only for this account's use.
 * - CloudWatch alarms: conditioned on `aws:SourceAccount` and the account's alarm ARNs.
 *   Source: Amazon SNS Developer Guide, "Enable compatibility between event sources from AWS
 *   services and encrypted topics" (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 * - CodeStar Notifications: conditioned on `kms:ViaService` = SNS in the key's Region, the
 *   condition AWS documents for this publisher. Source: Developer Tools console User Guide,
 *   "Configure Amazon SNS topics for notifications" (https://docs.aws.amazon.com/dtconsole/latest/userguide/set-up-sns.html).
 */
export function topicKeyPolicy(args: EncryptedTopicArgs) {
  const publisherStatement = (p: TopicPublisher) => ({
    Sid: `${p === "cloudwatch" ? "CloudWatchAlarms" : "CodeStarNotifications"}PublishEncrypted`,
    Effect: "Allow",
    Principal: { Service: SERVICE[p] },
    Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
    Resource: "*",
    Condition:
      p === "cloudwatch"
        ? {
            StringEquals: { "aws:SourceAccount": args.accountId },
            ArnLike: {
              "aws:SourceArn": `arn:aws:cloudwatch:${args.region}:${args.accountId}:alarm:*`,
            },
          }
        : { StringEquals: { "kms:ViaService": `sns.${args.region}.amazonaws.com` } },
  });
  return {
    Version: "2012-10-17",
    Statement: [accountAdministersKey(args.accountId), ...args.publishers.map(publisherStatement)],
  };
}

/** Topic policy: each publisher may publish, only on behalf of this account. */
export function topicAccessPolicy(topicArn: string, args: EncryptedTopicArgs) {
  return {
    Version: "2012-10-17",
    Statement: args.publishers.map((p) => ({
      Sid: `${p === "cloudwatch" ? "CloudWatchAlarms" : "CodeStarNotifications"}Publish`,
      Effect: "Allow",
      Principal: { Service: SERVICE[p] },
      Action: "sns:Publish",
      Resource: topicArn,
      Condition: {
        StringEquals: { "aws:SourceAccount": args.accountId },
        ...(p === "cloudwatch"
          ? {
              ArnLike: {
                "aws:SourceArn": `arn:aws:cloudwatch:${args.region}:${args.accountId}:alarm:*`,
              },
            }
          : {}),
      },
    })),
  };
}

/**
 * An SNS topic encrypted with its own rotating customer-managed key that its publishing services
 * may use, and a topic policy that lets them publish. Children: `<name>` (topic and policy),
 * `<name>-key`.
 */
export function encryptedTopic(
  name: string,
  args: EncryptedTopicArgs,
  opts: pulumi.CustomResourceOptions,
): { topic: aws.sns.Topic; key: aws.kms.Key } {
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `Encrypts SNS topic ${args.topicName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(topicKeyPolicy(args)),
    },
    { ...opts, protect: args.protect },
  );
  const topic = new aws.sns.Topic(name, { name: args.topicName, kmsMasterKeyId: key.arn }, opts);
  new aws.sns.TopicPolicy(
    name,
    {
      arn: topic.arn,
      policy: topic.arn.apply((arn) => JSON.stringify(topicAccessPolicy(arn, args))),
    },
    opts,
  );
  return { topic, key };
}
