/** CloudWatch Logs log groups, CloudWatch alarms and SNS topics. */
import { nameOf, sar } from "./shared";
import type { ActionsTable } from "./shared";

const LOGS = sar("Amazon CloudWatch Logs");
const CLOUDWATCH = sar("Amazon CloudWatch");
const SNS = sar("Amazon SNS");

export const MONITORING_ACTIONS: ActionsTable = {
  "aws:cloudwatch/logGroup:LogGroup": {
    source: LOGS,
    create: ["logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:TagResource"],
    update: ["logs:PutRetentionPolicy", "logs:AssociateKmsKey"],
    read: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:logs:${at.region}:${at.account}:log-group:${at.name}`,
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    source: CLOUDWATCH,
    create: ["cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"],
    update: ["cloudwatch:PutMetricAlarm"],
    read: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:cloudwatch:${at.region}:${at.account}:alarm:${at.name}`,
  },
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
    source: CLOUDWATCH,
    create: ["cloudwatch:PutCompositeAlarm", "cloudwatch:TagResource"],
    update: ["cloudwatch:PutCompositeAlarm"],
    read: ["cloudwatch:DescribeAlarms"],
    arn: (r, at) => `arn:aws:cloudwatch:${at.region}:${at.account}:alarm:${nameOf(r, "alarmName")}`,
  },
  "aws:sns/topic:Topic": {
    source: SNS,
    create: ["sns:CreateTopic", "sns:SetTopicAttributes", "sns:TagResource"],
    update: ["sns:SetTopicAttributes"],
    read: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:sns:${at.region}:${at.account}:${at.name}`,
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    source: SNS,
    create: ["sns:Subscribe"],
    update: ["sns:SetSubscriptionAttributes"],
    read: ["sns:GetSubscriptionAttributes"],
    arn: (_r, at) => `arn:aws:sns:${at.region}:${at.account}:*`,
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    source: SNS,
    create: ["sns:SetTopicAttributes"],
    update: ["sns:SetTopicAttributes"],
    read: ["sns:GetTopicAttributes"],
    arn: (_r, at) => `arn:aws:sns:${at.region}:${at.account}:*`,
  },
};
