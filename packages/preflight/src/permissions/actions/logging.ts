/**
 * The log archive: CloudWatch Logs destinations, account policies and metric filters, Firehose,
 * CloudTrail, the forwarder's Lambda and queue, and the archive bucket's Object Lock and
 * notification configuration.
 */
import { inputOr, sar } from "./shared";
import type { ActionsTable, TypeActions } from "./shared";

const LOGS = sar("Amazon CloudWatch Logs");
const S3 = sar("Amazon S3");
const LAMBDA = sar("AWS Lambda");

const bucketArn: TypeActions["arn"] = (r) => `arn:aws:s3:::${inputOr(r, "bucket")}`;
const destinationArn =
  (field: string): TypeActions["arn"] =>
  (r, at) =>
    `arn:aws:logs:${at.region}:${at.account}:destination:${inputOr(r, field)}`;

export const LOGGING_ACTIONS: ActionsTable = {
  // A bucket created with Object Lock needs both permissions on it (S3 API reference, CreateBucket:
  // "s3:PutBucketObjectLockConfiguration and s3:PutBucketVersioning permissions are required").
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": {
    source: S3,
    create: ["s3:PutBucketObjectLockConfiguration", "s3:PutBucketVersioning"],
    update: ["s3:PutBucketObjectLockConfiguration"],
    read: ["s3:GetBucketObjectLockConfiguration"],
    arn: bucketArn,
  },
  "aws:s3/bucketNotification:BucketNotification": {
    source: S3,
    create: ["s3:PutBucketNotification"],
    update: ["s3:PutBucketNotification"],
    read: ["s3:GetBucketNotification"],
    arn: bucketArn,
  },
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
    source: LOGS,
    create: ["logs:PutMetricFilter"],
    update: ["logs:PutMetricFilter"],
    read: ["logs:DescribeMetricFilters"],
    arn: (r, at) =>
      `arn:aws:logs:${at.region}:${at.account}:log-group:${inputOr(r, "logGroupName")}`,
  },
  "aws:cloudwatch/logDestination:LogDestination": {
    source: LOGS,
    create: ["logs:PutDestination", "logs:TagResource"],
    update: ["logs:PutDestination"],
    read: ["logs:DescribeDestinations", "logs:ListTagsForResource"],
    arn: destinationArn("name"),
    passRole: [{ input: "roleArn", service: "logs.amazonaws.com" }],
  },
  "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy": {
    source: LOGS,
    create: ["logs:PutDestinationPolicy"],
    update: ["logs:PutDestinationPolicy"],
    read: ["logs:DescribeDestinations"],
    arn: destinationArn("destinationName"),
  },
  // A subscription filter policy also needs logs:PutSubscriptionFilter (CloudWatch Logs API
  // reference, PutAccountPolicy).
  "aws:cloudwatch/logAccountPolicy:LogAccountPolicy": {
    source: LOGS,
    create: ["logs:PutAccountPolicy", "logs:PutSubscriptionFilter"],
    update: ["logs:PutAccountPolicy", "logs:PutSubscriptionFilter"],
    read: ["logs:DescribeAccountPolicies"],
    arn: (_r, at) => `arn:aws:logs:${at.region}:${at.account}:*`,
  },
  // The role Firehose assumes is nested in extendedS3Configuration (not checked for iam:PassRole).
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": {
    source: sar("Amazon Kinesis Firehose"),
    create: [
      "firehose:CreateDeliveryStream",
      "firehose:TagDeliveryStream",
      "firehose:StartDeliveryStreamEncryption",
    ],
    update: ["firehose:UpdateDestination"],
    read: ["firehose:DescribeDeliveryStream", "firehose:ListTagsForDeliveryStream"],
    arn: (_r, at) => `arn:aws:firehose:${at.region}:${at.account}:deliverystream/${at.name}`,
  },
  "aws:cloudtrail/trail:Trail": {
    source: sar("AWS CloudTrail"),
    create: [
      "cloudtrail:CreateTrail",
      "cloudtrail:StartLogging",
      "cloudtrail:PutEventSelectors",
      "cloudtrail:AddTags",
    ],
    update: ["cloudtrail:UpdateTrail", "cloudtrail:StartLogging"],
    read: [
      "cloudtrail:DescribeTrails",
      "cloudtrail:GetTrailStatus",
      "cloudtrail:GetEventSelectors",
      "cloudtrail:ListTags",
    ],
    arn: (_r, at) => `arn:aws:cloudtrail:${at.region}:${at.account}:trail/${at.name}`,
    passRole: [{ input: "cloudWatchLogsRoleArn", service: "cloudtrail.amazonaws.com" }],
  },
  "aws:lambda/function:Function": {
    source: LAMBDA,
    create: ["lambda:CreateFunction", "lambda:TagResource"],
    update: ["lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration"],
    read: [
      "lambda:GetFunction",
      "lambda:ListVersionsByFunction",
      "lambda:GetFunctionCodeSigningConfig",
    ],
    arn: (_r, at) => `arn:aws:lambda:${at.region}:${at.account}:function:${at.name}`,
    passRole: [{ input: "role", service: "lambda.amazonaws.com" }],
  },
  "aws:lambda/permission:Permission": {
    source: LAMBDA,
    create: ["lambda:AddPermission"],
    update: ["lambda:AddPermission", "lambda:RemovePermission"],
    read: ["lambda:GetPolicy"],
    arn: (r, at) => `arn:aws:lambda:${at.region}:${at.account}:function:${inputOr(r, "function")}`,
  },
  "aws:sqs/queue:Queue": {
    source: sar("Amazon SQS"),
    create: ["sqs:CreateQueue", "sqs:TagQueue"],
    update: ["sqs:SetQueueAttributes"],
    read: ["sqs:GetQueueAttributes", "sqs:ListQueueTags"],
    arn: (_r, at) => `arn:aws:sqs:${at.region}:${at.account}:${at.name}`,
  },
};
