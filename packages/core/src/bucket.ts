import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lifecycleActions, retentionProblems } from "./lifecycle";
import { tlsOnlyStatement } from "./statements";

/** The buckets whose server access logs a log-target bucket receives. */
export interface AccessLogSources {
  /** The account of the source buckets (S3 delivers only within one account and region). */
  readonly accountId: string;
  /** Source bucket names; each one's logs land under `<name>/`. */
  readonly bucketNames: readonly string[];
}

interface CommonBucketArgs {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Expire current objects after this many days (default: keep them). */
  readonly expireDays?: number;
  /** Expire noncurrent versions after this many days. Default 30. */
  readonly noncurrentDays?: number;
  /**
   * Move objects to STANDARD_IA this many days after creation (at least 30), only when they are
   * kept 30 more days there (see `lifecycleActions`); noncurrent versions likewise. Default: never.
   */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Log-target bucket that receives this bucket's server access logs (one created with
   * `accessLogTargetFor` naming this bucket); omit only for a log-target bucket itself.
   */
  readonly accessLogBucket?: SecureBucket;
  /** Tags, e.g. Purpose=backup for buckets that hold backups. */
  readonly tags?: Record<string, string>;
  readonly protect?: boolean;
}

/**
 * A data bucket is encrypted with a customer KMS key. An access-log target bucket is encrypted
 * with SSE-S3 instead and grants the S3 logging service write access for its sources: S3 server
 * access logging supports only SSE-S3 default encryption on the destination, and with ACLs
 * disabled (bucket owner enforced) the grant must be a bucket policy.
 */
export type SecureBucketArgs = CommonBucketArgs &
  (
    | {
        /** Customer KMS key for default encryption. */
        readonly kmsKeyArn: pulumi.Input<string>;
        readonly accessLogTargetFor?: undefined;
      }
    | {
        readonly kmsKeyArn?: undefined;
        /** Makes this the server access log target of these buckets (SSE-S3, logging grant). */
        readonly accessLogTargetFor: AccessLogSources;
      }
  );

/** The prefix a source bucket's server access logs are written under in the target. */
export function accessLogPrefix(sourceBucketName: string): string {
  return `${sourceBucketName}/`;
}

/**
 * The bucket policy of a SecureBucket: deny anything but TLS, and for a log target allow the S3
 * logging service to put objects under each source's prefix, only for those source buckets in
 * that account (the confused-deputy conditions AWS documents for this grant).
 * Source: Amazon S3 User Guide, "Enabling Amazon S3 server access logging", permissions for log
 * delivery (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
 */
export function secureBucketPolicy(bucketArn: string, logSources?: AccessLogSources) {
  const statements: unknown[] = [tlsOnlyStatement(bucketArn)];
  if (logSources) {
    statements.push({
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: logSources.bucketNames.map((b) => `${bucketArn}/${accessLogPrefix(b)}*`),
      Condition: {
        ArnLike: { "aws:SourceArn": logSources.bucketNames.map((b) => `arn:aws:s3:::${b}`) },
        StringEquals: { "aws:SourceAccount": logSources.accountId },
      },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * An S3 bucket with every guardrail the platform's policies check: versioning, KMS encryption
 * (with a bucket key; SSE-S3 for access-log targets), all four public-access blocks, TLS-only
 * access, lifecycle, access logging.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  /** For a log-target bucket: the buckets it receives access logs from. */
  readonly accessLogSources?: AccessLogSources;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:core:SecureBucket", name, {}, opts);
    const retention = {
      expireDays: args.expireDays,
      noncurrentDays: args.noncurrentDays ?? 30,
      infrequentAccessAfterDays: args.infrequentAccessAfterDays,
    };
    const problems = retentionProblems(retention);
    if ((args.kmsKeyArn === undefined) === (args.accessLogTargetFor === undefined))
      problems.push(
        "give exactly one of kmsKeyArn (a data bucket) and accessLogTargetFor (an access-log target)",
      );
    const target = args.accessLogBucket?.accessLogSources;
    if (args.accessLogBucket && !target?.bucketNames.includes(args.bucketName))
      problems.push(
        `accessLogBucket does not list ${args.bucketName} in its accessLogTargetFor.bucketNames; S3 could not deliver its logs`,
      );
    if (problems.length)
      throw new pulumi.ResourceError(
        `bucket ${args.bucketName}: invalid arguments:\n  ${problems.join("\n  ")}`,
        this,
      );
    this.accessLogSources = args.accessLogTargetFor;
    const child = { parent: this };
    this.bucket = new aws.s3.Bucket(
      name,
      { bucket: args.bucketName, tags: args.tags },
      { parent: this, protect: args.protect },
    );
    const bucket = this.bucket.id;
    new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket, versioningConfiguration: { status: "Enabled" } },
      child,
    );
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          args.kmsKeyArn === undefined
            ? // Server access log targets: SSE-S3 is the only default encryption S3 logging supports.
              { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }
            : {
                applyServerSideEncryptionByDefault: {
                  sseAlgorithm: "aws:kms",
                  kmsMasterKeyId: args.kmsKeyArn,
                },
                bucketKeyEnabled: true,
              },
        ],
      },
      child,
    );
    new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    new aws.s3.BucketPolicy(
      `${name}-tls-only`,
      {
        bucket,
        policy: this.bucket.arn.apply((arn) =>
          JSON.stringify(secureBucketPolicy(arn, args.accessLogTargetFor)),
        ),
      },
      child,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        rules: [
          {
            id: "retention",
            status: "Enabled",
            filter: {},
            ...lifecycleActions(retention),
            abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
          },
        ],
      },
      child,
    );
    if (args.accessLogBucket) {
      new aws.s3.BucketLogging(
        `${name}-access-logs`,
        {
          bucket,
          targetBucket: args.accessLogBucket.bucket.id,
          targetPrefix: accessLogPrefix(args.bucketName),
        },
        child,
      );
    }
    this.registerOutputs({ bucket: this.bucket.id });
  }
}
