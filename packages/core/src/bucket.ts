import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { lifecycleActions, retentionProblems } from "./lifecycle";

export interface SecureBucketArgs {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Customer KMS key for default encryption. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Expire current objects after this many days (default: keep them). */
  readonly expireDays?: number;
  /** Expire noncurrent versions after this many days. Default 30. */
  readonly noncurrentDays?: number;
  /**
   * Move objects to STANDARD_IA this many days after creation (at least 30), only when they are
   * kept 30 more days there (see `lifecycleActions`); noncurrent versions likewise. Default: never.
   */
  readonly infrequentAccessAfterDays?: number;
  /** Bucket that receives this bucket's access logs; omit only for a log-target bucket. */
  readonly accessLogBucket?: aws.s3.Bucket;
  /** Tags, e.g. Purpose=backup for buckets that hold backups. */
  readonly tags?: Record<string, string>;
  readonly protect?: boolean;
}

/**
 * An S3 bucket with every guardrail the platform's policies check: versioning, KMS encryption
 * (with a bucket key), all four public-access blocks, TLS-only access, lifecycle, access logging.
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:core:SecureBucket", name, {}, opts);
    const retention = {
      expireDays: args.expireDays,
      noncurrentDays: args.noncurrentDays ?? 30,
      infrequentAccessAfterDays: args.infrequentAccessAfterDays,
    };
    const problems = retentionProblems(retention);
    if (problems.length)
      throw new pulumi.ResourceError(
        `bucket ${args.bucketName}: invalid retention:\n  ${problems.join("\n  ")}`,
        this,
      );
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
          {
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
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Sid: "TlsOnly",
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [arn, `${arn}/*`],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          }),
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
        { bucket, targetBucket: args.accessLogBucket.id, targetPrefix: `${args.bucketName}/` },
        child,
      );
    }
    this.registerOutputs({ bucket: this.bucket.id });
  }
}
