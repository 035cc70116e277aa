/**
 * Chat and webhook subscriptions of the security-alarm topic: HTTPS endpoints subscribed directly
 * (SNS posts a SubscriptionConfirmation the endpoint must confirm), and a Slack channel through
 * AWS Chatbot (Amazon Q Developer in chat applications). The Chatbot role may only read the alarms
 * and their metrics (what a notification shows) and the channel's guardrail is CloudWatch
 * read-only: the channel receives the alarms, nobody changes anything through it. Without
 * `guardrailPolicyArns` Chatbot applies the AWS managed
 * AdministratorAccess policy (AWS Chatbot API reference, CreateSlackChannelConfiguration,
 * GuardrailPolicyArns, https://docs.aws.amazon.com/chatbot/latest/APIReference/API_CreateSlackChannelConfiguration.html).
 * The Slack workspace must first be authorised in the Chatbot console (an OAuth step no API does).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { scopedRole, serviceTrustPolicy } from "@platform/core";
import type { AlertingConfig } from "./schema";

/**
 * Regions the Chatbot API is served in (AWS Chatbot API reference, introduction:
 * https://docs.aws.amazon.com/chatbot/latest/APIReference/Welcome.html). The configuration is made
 * in the archive's Region when it is one of them, else in US East (Ohio); the topic may be in any
 * Region.
 */
export const CHATBOT_API_REGIONS = ["us-east-2", "us-west-2", "ap-southeast-1", "eu-west-1"];

/** The Region the Slack channel configuration is created in. */
export function chatbotRegion(region: string): string {
  return CHATBOT_API_REGIONS.includes(region) ? region : "us-east-2";
}

/** The channel guardrail: what any role used from the channel may do at most. */
export const CHAT_GUARDRAIL_POLICY = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess";

/**
 * The channel role's permissions: Chatbot assumes the role to build a notification, e.g. it calls
 * CloudWatch with it for the metric graph shown with an alarm ("IAM resource-level permissions for
 * AWS Chatbot", https://docs.aws.amazon.com/chatbot/latest/adminguide/security_iam_service-with-iam-resource-based-policies.html);
 * a configuration that only delivers notifications uses the "Notification permissions" template,
 * CloudWatch `Describe*`, `Get*` and `List*` ("Understanding AWS Chatbot permissions",
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/understanding-permissions.html). Here the
 * template's alarm and metric reads by name: the metric reads have no resource-level permissions
 * (Resource `*`), the alarm reads are on the account's alarms in the archive's Region.
 */
export function chatbotNotificationPolicy(accountId: string, region: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AlarmMetricGraphs",
        Effect: "Allow",
        Action: [
          "cloudwatch:GetMetricWidgetImage",
          "cloudwatch:GetMetricData",
          "cloudwatch:GetMetricStatistics",
          "cloudwatch:ListMetrics",
          "cloudwatch:DescribeAlarmsForMetric",
        ],
        Resource: "*",
      },
      {
        Sid: "Alarms",
        Effect: "Allow",
        Action: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"],
        Resource: `arn:aws:cloudwatch:${region}:${accountId}:alarm:*`,
      },
    ],
  };
}

export interface ChatArgs {
  readonly config: Pick<AlertingConfig, "webhooks" | "slack">;
  readonly topicArn: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
}

/**
 * Children: `<name>-webhook-<i>` (HTTPS subscriptions), `<name>-chatbot` (the role Chatbot
 * assumes, and its policy) and `<name>-slack` (the channel configuration).
 */
export function chatSubscriptions(
  name: string,
  args: ChatArgs,
  opts: pulumi.CustomResourceOptions,
): aws.chatbot.SlackChannelConfiguration | undefined {
  args.config.webhooks.forEach((url, i) => {
    new aws.sns.TopicSubscription(
      `${name}-webhook-${i}`,
      { topic: args.topicArn, protocol: "https", endpoint: url },
      opts,
    );
  });
  const slack = args.config.slack;
  if (!slack) return undefined;
  const role = scopedRole(
    `${name}-chatbot`,
    {
      accountId: args.accountId,
      region: args.region,
      description: "AWS Chatbot posts the security alarms to Slack (CloudWatch alarm reads only)",
      // No aws:SourceAccount condition: Chatbot's documentation (security_iam_service-with-iam)
      // does not say it sends the key, and a condition on a key it omits would stop it from
      // assuming the role. Another account cannot use this role: handing a role to Chatbot needs
      // iam:PassRole in this account.
      assumeRolePolicy: serviceTrustPolicy("chatbot.amazonaws.com"),
    },
    opts,
  );
  new aws.iam.RolePolicy(
    `${name}-chatbot`,
    {
      role: role.name,
      policy: JSON.stringify(chatbotNotificationPolicy(args.accountId, args.region)),
    },
    opts,
  );
  return new aws.chatbot.SlackChannelConfiguration(
    `${name}-slack`,
    {
      configurationName: slack.configurationName,
      region: chatbotRegion(args.region),
      slackTeamId: slack.workspaceId,
      slackChannelId: slack.channelId,
      iamRoleArn: role.arn,
      snsTopicArns: [args.topicArn],
      guardrailPolicyArns: [CHAT_GUARDRAIL_POLICY],
      userAuthorizationRequired: true,
      loggingLevel: slack.loggingLevel,
    },
    opts,
  );
}
