/**
 * Chat notifications: AWS Chatbot (Amazon Q Developer in chat applications) Slack channel
 * configurations, which the log archive's security alarms may post to. Chatbot is global: its
 * configurations' ARNs carry no Region. Chatbot subscribes the configuration to its SNS topics with
 * its service-linked role AWSServiceRoleForAWSChatbot (`management.chatbot.amazonaws.com`, "Using
 * service-linked roles", https://docs.aws.amazon.com/chatbot/latest/adminguide/using-service-linked-roles.html),
 * which the bootstrap lets the deployer create (identity SERVICE_LINKED_ROLES).
 */
import { inputOr, sar } from "./shared";
import type { ActionsTable } from "./shared";

export const CHAT_ACTIONS: ActionsTable = {
  "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": {
    source: sar("AWS Chatbot"),
    create: ["chatbot:CreateSlackChannelConfiguration", "chatbot:TagResource"],
    update: ["chatbot:UpdateSlackChannelConfiguration"],
    read: ["chatbot:DescribeSlackChannelConfigurations", "chatbot:ListTagsForResource"],
    arn: (r, at) =>
      `arn:aws:chatbot::${at.account}:chat-configuration/slack-channel/${inputOr(r, "configurationName")}`,
    passRole: [{ input: "iamRoleArn", service: "chatbot.amazonaws.com" }],
  },
};
