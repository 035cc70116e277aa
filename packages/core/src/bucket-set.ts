import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "./bucket";

/** Days the access-log bucket keeps server access logs. */
export const ACCESS_LOG_EXPIRE_DAYS = 365;

export interface EncryptedBucketSetArgs {
  /** Globally unique name of the data bucket; its access-log bucket is `<bucketName>-access-logs`. */
  readonly bucketName: string;
  /** The KMS key's description (what the key protects). */
  readonly keyDescription: string;
  /** The account of the buckets (S3 delivers server access logs only within one account). */
  readonly accountId: string;
  /** Expire current objects of the data bucket after this many days (default: keep them). */
  readonly expireDays?: number;
  /** Expire noncurrent versions of the data bucket after this many days. Default 30. */
  readonly noncurrentDays?: number;
  /** Move data objects to STANDARD_IA this many days after creation (see `SecureBucket`). */
  readonly infrequentAccessAfterDays?: number;
  /** Tags of the data bucket, e.g. Purpose=backup. */
  readonly tags?: Record<string, string>;
  /** Protects the key and the data bucket (not the access-log bucket). */
  readonly protect?: boolean;
  /**
   * Logical names of the three children, by default `<name>-key`, `<name>-access-logs` and
   * `<name>-bucket`. They are part of the URNs: a component that had its own names before keeps
   * them here.
   */
  readonly names?: {
    readonly key?: string;
    readonly accessLogs?: string;
    readonly bucket?: string;
  };
}

/** The three resources of an encrypted bucket set. */
export interface EncryptedBucketSet {
  /** The customer KMS key (rotating) that encrypts the data bucket. */
  readonly key: aws.kms.Key;
  /** The SSE-S3 log-target bucket receiving the data bucket's server access logs. */
  readonly accessLogs: SecureBucket;
  /** The versioned, KMS-encrypted data bucket. */
  readonly bucket: SecureBucket;
}

/**
 * A rotating customer KMS key, an access-log bucket, and a data bucket encrypted with the key that
 * logs to it: the trio behind every backup store. A function, not a component: the children are
 * created with the caller's options (its `parent`), so components that made them by hand keep
 * their URNs. The access-log bucket is SSE-S3, since S3 server access logging supports only SSE-S3
 * default encryption on the destination (see `SecureBucket`).
 */
export function encryptedBucketSet(
  name: string,
  args: EncryptedBucketSetArgs,
  opts: pulumi.ResourceOptions,
): EncryptedBucketSet {
  const key = new aws.kms.Key(
    args.names?.key ?? `${name}-key`,
    { description: args.keyDescription, enableKeyRotation: true, deletionWindowInDays: 30 },
    { ...opts, protect: args.protect },
  );
  const accessLogs = new SecureBucket(
    args.names?.accessLogs ?? `${name}-access-logs`,
    {
      bucketName: `${args.bucketName}-access-logs`,
      accessLogTargetFor: { accountId: args.accountId, bucketNames: [args.bucketName] },
      expireDays: ACCESS_LOG_EXPIRE_DAYS,
    },
    opts,
  );
  const bucket = new SecureBucket(
    args.names?.bucket ?? `${name}-bucket`,
    {
      bucketName: args.bucketName,
      kmsKeyArn: key.arn,
      infrequentAccessAfterDays: args.infrequentAccessAfterDays,
      expireDays: args.expireDays,
      noncurrentDays: args.noncurrentDays ?? 30,
      accessLogBucket: accessLogs,
      tags: args.tags,
      protect: args.protect,
    },
    opts,
  );
  return { key, accessLogs, bucket };
}
