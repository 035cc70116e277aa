/**
 * The archive's policy documents, pure (plain values in, JSON-able objects out), so tests read
 * them and the IAM simulator can evaluate them. Each statement's conditions are the ones AWS
 * documents for that service's delivery (the confused-deputy guards).
 */
import { secureBucketPolicy } from "@platform/core";
import { accountAdministersKey } from "@platform/core";

/** Who delivers into the archive, for its key and bucket policies. */
export interface ArchiveDelivery {
  /** The archive account (owner of the bucket, key and trail). */
  readonly accountId: string;
  readonly region: string;
  /** The trail's ARN (arn:aws:cloudtrail:<region>:<account>:trail/<name>). */
  readonly trailArn: string;
  /** An organisation trail writes under AWSLogs/<organizationId>/ as well. */
  readonly organizationId?: string;
  /** Accounts whose vended logs (delivery.logs.amazonaws.com) may be written. */
  readonly sourceAccounts: readonly string[];
}

/** The trail's ARN, known before the trail exists (its key and bucket policies need it). */
export function trailArn(region: string, accountId: string, trailName: string): string {
  return `arn:aws:cloudtrail:${region}:${accountId}:trail/${trailName}`;
}

const deliveryAccounts = (d: ArchiveDelivery) => [...new Set([d.accountId, ...d.sourceAccounts])];

/**
 * The archive key: the account administers it (and grants Firehose's role through IAM);
 * CloudTrail may encrypt only for this account's trails and this trail; log delivery only for the
 * listed accounts. Sources: CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html);
 * CloudWatch Logs User Guide, "Logs sent to Amazon S3", SSE-KMS key policy
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-S3.html).
 */
export function archiveKeyPolicy(d: ArchiveDelivery) {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(d.accountId),
      {
        Sid: "CloudTrailEncryptsLogs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey*",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": d.trailArn },
          StringLike: {
            "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${d.accountId}:trail/*`,
          },
        },
      },
      {
        Sid: "CloudTrailDescribesKey",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceArn": d.trailArn } },
      },
      {
        Sid: "LogDeliveryEncrypts",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:DescribeKey",
        ],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceAccount": deliveryAccounts(d) },
          ArnLike: {
            "aws:SourceArn": deliveryAccounts(d).map((a) => `arn:aws:logs:${d.region}:${a}:*`),
          },
        },
      },
    ],
  };
}

/**
 * The archive bucket's policy: TLS only (core's statement); CloudTrail checks the ACL and writes
 * under AWSLogs/<account>/ (and AWSLogs/<organizationId>/ for an organisation trail), only for this
 * trail and with bucket-owner-full-control; log delivery likewise for the listed accounts.
 * Sources: CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html);
 * CloudWatch Logs User Guide, "Logs sent to Amazon S3" (bucket policy).
 */
export function archiveBucketPolicy(bucketArn: string, d: ArchiveDelivery) {
  const trailPrefixes = [d.accountId, ...(d.organizationId ? [d.organizationId] : [])].map(
    (p) => `${bucketArn}/AWSLogs/${p}/*`,
  );
  const accounts = deliveryAccounts(d);
  return {
    Version: "2012-10-17",
    Statement: [
      ...secureBucketPolicy(bucketArn).Statement,
      {
        Sid: "CloudTrailAclCheck",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: { StringEquals: { "aws:SourceArn": d.trailArn } },
      },
      {
        Sid: "CloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: trailPrefixes,
        Condition: {
          StringEquals: {
            "s3:x-amz-acl": "bucket-owner-full-control",
            "aws:SourceArn": d.trailArn,
          },
        },
      },
      {
        Sid: "LogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: { StringEquals: { "aws:SourceAccount": accounts } },
      },
      {
        Sid: "LogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: accounts.map((a) => `${bucketArn}/AWSLogs/${a}/*`),
        Condition: {
          StringEquals: {
            "s3:x-amz-acl": "bucket-owner-full-control",
            "aws:SourceAccount": accounts,
          },
        },
      },
    ],
  };
}

/** Who may subscribe to the destination: listed accounts, or the organisation. */
export interface Subscribers {
  readonly sourceAccounts: readonly string[];
  readonly organizationId?: string;
}

/**
 * The destination's access policy: the accounts (or the organisation's principals) may create
 * subscription filters and account-level subscription filter policies against it.
 * Source: CloudWatch Logs User Guide, "Cross-account account-level subscriptions using Firehose",
 * step 2 (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestinationFirehose-Account.html).
 */
export function destinationAccessPolicy(destinationArn: string, s: Subscribers) {
  const actions = ["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"];
  const statements: unknown[] = [];
  if (s.sourceAccounts.length)
    statements.push({
      Sid: "AccountsSubscribe",
      Effect: "Allow",
      Principal: { AWS: [...s.sourceAccounts] },
      Action: actions,
      Resource: destinationArn,
    });
  if (s.organizationId)
    statements.push({
      Sid: "OrganizationSubscribes",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: actions,
      Resource: destinationArn,
      Condition: { StringEquals: { "aws:PrincipalOrgID": s.organizationId } },
    });
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The condition on the role CloudWatch Logs assumes to put the subscribed events into Firehose:
 * only on behalf of the sending accounts' (and this account's) log groups, or the organisation's.
 */
export function destinationTrustCondition(region: string, accountId: string, s: Subscribers) {
  if (s.organizationId) return { StringEquals: { "aws:SourceOrgID": s.organizationId } };
  return {
    StringLike: {
      "aws:SourceArn": [...new Set([accountId, ...s.sourceAccounts])].map(
        (a) => `arn:aws:logs:${region}:${a}:*`,
      ),
    },
  };
}

/** CloudWatch Logs may put records into the one delivery stream. */
export function destinationRolePolicy(streamArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["firehose:PutRecord", "firehose:PutRecordBatch"],
        Resource: streamArn,
      },
    ],
  };
}

/**
 * Firehose writes to the archive bucket under its prefixes and uses the archive key only through
 * S3 for that bucket. Source: Amazon Data Firehose Developer Guide, "Grant Firehose access to an
 * Amazon S3 destination" (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html).
 */
export function firehoseRolePolicy(bucketArn: string, keyArn: string, region: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "s3:AbortMultipartUpload",
          "s3:GetBucketLocation",
          "s3:GetObject",
          "s3:ListBucket",
          "s3:ListBucketMultipartUploads",
          "s3:PutObject",
        ],
        Resource: [bucketArn, `${bucketArn}/*`],
      },
      {
        Effect: "Allow",
        Action: ["kms:GenerateDataKey", "kms:Decrypt"],
        Resource: keyArn,
        Condition: {
          StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` },
          // With an S3 Bucket Key the context is the bucket's ARN, without it the object's (S3
          // User Guide, "Reducing the cost of SSE-KMS with Amazon S3 Bucket Keys").
          StringLike: { "kms:EncryptionContext:aws:s3:arn": [bucketArn, `${bucketArn}/*`] },
        },
      },
    ],
  };
}

/** A service writes events into one log group's streams (CloudTrail, the forwarder). */
export function logWritePolicy(logGroupArn: string, extra: unknown[] = []) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `${logGroupArn}:log-stream:*`,
      },
      ...extra,
    ],
  };
}

/**
 * The forwarder reads its source objects, writes the forwarded group and its own runtime group,
 * and sends what it could not forward to its dead-letter queue (Lambda sends on the function's
 * behalf: https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html).
 */
export function forwarderRolePolicy(args: {
  readonly targetGroupArn: string;
  readonly runtimeGroupArn: string;
  readonly queueArn: string;
  readonly sourceBuckets: readonly string[];
}) {
  return logWritePolicy(args.targetGroupArn, [
    {
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${args.runtimeGroupArn}:log-stream:*`,
    },
    {
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: args.sourceBuckets.map((b) => `arn:aws:s3:::${b}/*`),
    },
    { Effect: "Allow", Action: "sqs:SendMessage", Resource: args.queueArn },
  ]);
}
