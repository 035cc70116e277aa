/**
 * The archive's storage: a rotating KMS key whose policy names the delivering services, the
 * archive bucket (Object Lock, versioning, SSE-KMS, lifecycle through the Glacier classes, TLS
 * only, no public access) and its server access-log bucket (core's SecureBucket log target).
 *
 * The archive bucket is not a core SecureBucket: Object Lock can only be enabled when a bucket is
 * created (`objectLockEnabled`; S3 User Guide, "Configuring S3 Object Lock",
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html), its lifecycle
 * goes through several storage classes, and its policy carries the delivery statements. Each
 * guardrail SecureBucket has is here too, and the TLS statement is core's.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { ACCESS_LOG_EXPIRE_DAYS, SecureBucket, accessLogPrefix } from "@platform/core";
import { archiveLifecycleActions } from "./lifecycle";
import { archiveBucketPolicy, archiveKeyPolicy } from "./policies";
import type { ArchiveDelivery } from "./policies";
import type { ArchiveStorageConfig } from "./schema";

export interface ArchiveStorage {
  /** The archive key (CloudTrail, log delivery and Firehose encrypt with it). */
  readonly key: aws.kms.Key;
  readonly bucket: aws.s3.Bucket;
  /** The SSE-S3 bucket receiving the archive bucket's server access logs. */
  readonly accessLogs: SecureBucket;
  /** The bucket policy (CloudTrail checks it when a trail is created). */
  readonly policy: aws.s3.BucketPolicy;
}

/** Children: `<name>-key`, `<name>-access-logs` (the log target), `<name>` and `<name>-<setting>`. */
export function archiveStorage(
  name: string,
  args: { readonly config: ArchiveStorageConfig; readonly delivery: ArchiveDelivery },
  opts: pulumi.CustomResourceOptions,
): ArchiveStorage {
  const { config, delivery } = args;
  const key = new aws.kms.Key(
    `${name}-key`,
    {
      description: `Encrypts the log archive ${config.bucketName}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(archiveKeyPolicy(delivery)),
    },
    { ...opts, protect: config.protect },
  );
  const accessLogs = new SecureBucket(
    `${name}-access-logs`,
    {
      bucketName: `${config.bucketName}-access-logs`,
      accessLogTargetFor: { accountId: delivery.accountId, bucketNames: [config.bucketName] },
      expireDays: ACCESS_LOG_EXPIRE_DAYS,
    },
    opts,
  );
  const bucket = new aws.s3.Bucket(
    name,
    { bucket: config.bucketName, objectLockEnabled: true, tags: { Purpose: "log-archive" } },
    { ...opts, protect: config.protect },
  );
  const id = bucket.id;
  const versioning = new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  new aws.s3.BucketObjectLockConfiguration(
    `${name}-object-lock`,
    {
      bucket: id,
      objectLockEnabled: "Enabled",
      rule: { defaultRetention: { mode: config.objectLock.mode, days: config.objectLock.days } },
    },
    { ...opts, dependsOn: [versioning] },
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    },
    opts,
  );
  new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access`,
    {
      bucket: id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    {
      bucket: id,
      policy: bucket.arn.apply((arn) => JSON.stringify(archiveBucketPolicy(arn, delivery))),
    },
    opts,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-lifecycle`,
    {
      bucket: id,
      rules: [
        {
          id: "archive",
          status: "Enabled",
          filter: {},
          ...archiveLifecycleActions(config.lifecycle, config.noncurrentDays),
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    { ...opts, dependsOn: [versioning] },
  );
  new aws.s3.BucketLogging(
    `${name}-logging`,
    {
      bucket: id,
      targetBucket: accessLogs.bucket.id,
      targetPrefix: accessLogPrefix(config.bucketName),
    },
    opts,
  );
  return { key, bucket, accessLogs, policy };
}
