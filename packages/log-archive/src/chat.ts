/**
 * Chat and webhook subscriptions of the security-alarm topic: HTTPS endpoints subscribed directly
 * (SNS posts a SubscriptionConfirmation the endpoint must confirm), and a Slack channel through
 * AWS Chatbot (Amazon Q Developer in chat applications). The Chatbot role has no permissions of
 * its own and the channel's guardrail is CloudWatch read-only: the channel receives the alarms,
 * nobody runs commands through it. Without `guardrailPolicyArns` Chatbot applies the AWS managed
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

export interface ChatArgs {
  readonly config: Pick<AlertingConfig, "webhooks" | "slack">;
  readonly topicArn: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
}

/**
 * Children: `<name>-webhook-<i>` (HTTPS subscriptions), `<name>-chatbot` (the role Chatbot
 * assumes) and `<name>-slack` (the channel configuration).
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
      description: "AWS Chatbot posts the security alarms to Slack (no permissions of its own)",
      assumeRolePolicy: serviceTrustPolicy("chatbot.amazonaws.com", {
        condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      }),
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
