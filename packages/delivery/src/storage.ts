/**
 * Where the pipeline keeps what it produces: its KMS key (artifacts, logs and images), the
 * artifact bucket with its access-log bucket, and the CodeBuild log group.
 */
import * as aws from "@pulumi/aws";
import { EncryptedLogGroup, SecureBucket } from "@platform/core";
import type { DeliveryScope } from "./args";
import { deliveryBucketNames } from "./validate";

export interface DeliveryStorage {
  readonly key: aws.kms.Key;
  readonly artifacts: SecureBucket;
  readonly logs: EncryptedLogGroup;
}

export function deliveryStorage(scope: DeliveryScope): DeliveryStorage {
  const { name, base, args, child } = scope;
  const bucketNames = deliveryBucketNames(args.namePrefix, args.app.name, args.accountId);
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `Delivery pipeline of ${base}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    },
    { ...child, protect: args.protect },
  );
  // S3 delivers server access logs only to a bucket with SSE-S3 and a grant to the logging service
  // scoped to the source bucket (Amazon S3 User Guide, "Enabling Amazon S3 server access logging").
  const logBucket = new SecureBucket(
    `${name}-access-logs`,
    {
      bucketName: bucketNames.accessLogs,
      accessLogTargetFor: {
        accountId: args.accountId,
        bucketNames: [bucketNames.artifacts],
      },
      expireDays: 90,
    },
    child,
  );
  const artifacts = new SecureBucket(
    `${name}-artifacts`,
    {
      bucketName: bucketNames.artifacts,
      kmsKeyArn: key.arn,
      expireDays: 30,
      noncurrentDays: 7,
      accessLogBucket: logBucket,
    },
    child,
  );
  const logs = new EncryptedLogGroup(
    `${name}-build-logs`,
    {
      logGroupName: `/platform/${args.namePrefix}/delivery/${args.app.name}`,
      retentionInDays: args.logRetentionInDays,
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    child,
  );
  return { key, artifacts, logs };
}
