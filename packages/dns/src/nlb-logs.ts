/**
 * The access-log bucket of an NLB service. NLB access logs are delivered by the log delivery
 * service (`delivery.logs.amazonaws.com`), need a bucket policy letting it write under
 * `<prefix>/AWSLogs/<account>/` and read the bucket ACL, for this account's log sources only, and
 * support SSE-S3 (or a customer KMS key) on the bucket; logs are written only for TLS listeners
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-access-logs.html).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { tlsOnlyStatement } from "@platform/core";

/** The log bucket's policy: TLS only, and the log delivery grant with confused-deputy conditions. */
export function nlbLogBucketPolicy(
  bucketArn: string,
  accountId: string,
  region: string,
  prefix: string,
) {
  const source = {
    StringEquals: { "aws:SourceAccount": accountId },
    ArnLike: { "aws:SourceArn": `arn:aws:logs:${region}:${accountId}:*` },
  };
  return {
    Version: "2012-10-17",
    Statement: [
      tlsOnlyStatement(bucketArn),
      {
        Sid: "AWSLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${bucketArn}/${prefix}/AWSLogs/${accountId}/*`,
        Condition: {
          ...source,
          StringEquals: { ...source.StringEquals, "s3:x-amz-acl": "bucket-owner-full-control" },
        },
      },
      {
        Sid: "AWSLogDeliveryAclCheck",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: "s3:GetBucketAcl",
        Resource: bucketArn,
        Condition: source,
      },
    ],
  };
}

export interface NlbLogBucketArgs {
  readonly bucketName: string;
  readonly prefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly expireDays: number;
  readonly protect?: boolean;
}

/**
 * The bucket (`<name>-logs`): versioned, SSE-S3, every public-access block, the policy above,
 * logs expired after `expireDays`. The policy exists before the load balancer enables logging
 * (ELB checks it then).
 */
export function nlbLogBucket(
  parent: pulumi.Resource,
  name: string,
  args: NlbLogBucketArgs,
): { bucket: aws.s3.Bucket; policy: aws.s3.BucketPolicy } {
  const child = { parent };
  const bucket = new aws.s3.Bucket(
    `${name}-logs`,
    { bucket: args.bucketName, tags: { Name: args.bucketName } },
    { parent, protect: args.protect },
  );
  new aws.s3.BucketVersioning(
    `${name}-logs-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    child,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-logs-encryption`,
    {
      bucket: bucket.id,
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    },
    child,
  );
  new aws.s3.BucketPublicAccessBlock(
    `${name}-logs-public-access`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    child,
  );
  new aws.s3.BucketLifecycleConfiguration(
    `${name}-logs-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "retention",
          status: "Enabled",
          filter: {},
          expiration: { days: args.expireDays },
          noncurrentVersionExpiration: { noncurrentDays: 7 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    child,
  );
  const policy = new aws.s3.BucketPolicy(
    `${name}-logs-policy`,
    {
      bucket: bucket.id,
      policy: bucket.arn.apply((arn) =>
        JSON.stringify(nlbLogBucketPolicy(arn, args.accountId, args.region, args.prefix)),
      ),
    },
    child,
  );
  return { bucket, policy };
}
