import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { BUCKET_TYPES, byType, ofTypes, referrers } from "./lib";

const PAB = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
export const SSE = [
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
];
export const VERSIONING = [
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketVersioningV2:BucketVersioningV2",
];
const LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

/** Whether one of the encryption configurations defaults to SSE-KMS with a customer key. */
export function kmsDefault(configs: readonly PolicyResource[]): boolean {
  return configs.some((c) =>
    (
      (c.props["rules"] as
        | Array<{
            applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyId?: string };
          }>
        | undefined) ?? []
    ).some(
      (r) =>
        !!r.applyServerSideEncryptionByDefault?.sseAlgorithm?.startsWith("aws:kms") &&
        !!r.applyServerSideEncryptionByDefault.kmsMasterKeyId,
    ),
  );
}

/** A per-bucket stack check: each bucket needs a companion resource that satisfies `ok`. */
function perBucket(
  name: string,
  description: string,
  remediationSteps: string,
  companions: string[],
  check: (
    companions: PolicyResource[],
    bucket: PolicyResource,
    config: Record<string, unknown>,
    index: Map<string, PolicyResource[]>,
  ) => string | undefined,
  extra: Partial<StackValidationPolicy> = {},
): StackValidationPolicy {
  return {
    name,
    description,
    severity: "high",
    remediationSteps,
    ...extra,
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const byBucket = referrers(ofTypes(index, ...companions), "bucket");
      const config = args.getConfig<Record<string, unknown>>();
      for (const bucket of ofTypes(index, ...BUCKET_TYPES)) {
        const problem = check(byBucket.get(bucket.urn) ?? [], bucket, config, index);
        if (problem) report(`bucket ${bucket.name}: ${problem}`, bucket.urn);
      }
    },
  };
}

export function s3PublicAccessBlock(): StackValidationPolicy {
  return perBucket(
    "s3-public-access-block",
    "Every bucket has a public access block with all four settings on.",
    "Add aws.s3.BucketPublicAccessBlock with blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets true.",
    [PAB],
    (blocks) => {
      const flags = [
        "blockPublicAcls",
        "blockPublicPolicy",
        "ignorePublicAcls",
        "restrictPublicBuckets",
      ];
      if (blocks.length === 0) return "has no public access block";
      const off = flags.filter((f) => !blocks.some((b) => b.props[f] === true));
      return off.length ? `public access block leaves ${off.join(", ")} off` : undefined;
    },
  );
}

export function s3Encryption(): StackValidationPolicy {
  return perBucket(
    "s3-encryption",
    "Every bucket has server-side encryption; with requireKms (prod), a customer KMS key, except server access log targets (SSE-S3 is the only default encryption S3 log delivery supports).",
    "Add a BucketServerSideEncryptionConfiguration with sseAlgorithm aws:kms and kmsMasterKeyId (AES256 on a bucket that receives server access logs).",
    SSE,
    (configs, bucket, config, index) => {
      if (configs.length === 0) return "has no server-side encryption configuration";
      const kms = kmsDefault(configs);
      if (!config["requireKms"] || kms) return undefined;
      // S3 server access logging delivers only to buckets with SSE-S3 default encryption
      // (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html).
      if (referrers(ofTypes(index, ...LOGGING), "targetBucket").has(bucket.urn)) return undefined;
      return "is not encrypted with a customer KMS key";
    },
    { configSchema: { properties: { requireKms: { type: "boolean", default: false } } } },
  );
}

export function s3Versioning(): StackValidationPolicy {
  return perBucket(
    "s3-versioning",
    "Every bucket has versioning enabled.",
    "Add aws.s3.BucketVersioning with status Enabled.",
    VERSIONING,
    (v) =>
      v.some(
        (x) =>
          (x.props["versioningConfiguration"] as { status?: string } | undefined)?.status ===
          "Enabled",
      )
        ? undefined
        : "versioning is not enabled",
  );
}

export function s3AccessLogging(): StackValidationPolicy {
  return perBucket(
    "s3-access-logging",
    "Every bucket logs access, except buckets that are themselves log targets.",
    "Add aws.s3.BucketLogging pointing at the account's log bucket (log-target buckets are exempt).",
    LOGGING,
    (logs, bucket, _config, index) => {
      if (logs.length > 0) return undefined;
      const targets = referrers(ofTypes(index, ...LOGGING), "targetBucket");
      if (targets.has(bucket.urn)) return undefined; // a log target: logging it would loop
      return "access logging is not enabled";
    },
  );
}

export function kmsRotation(): ResourceValidationPolicy {
  return {
    name: "kms-rotation",
    description:
      "Symmetric customer KMS keys rotate; asymmetric and HMAC keys (which cannot) are exempt.",
    severity: "medium",
    remediationSteps: "Set enableKeyRotation: true.",
    validateResource: validateResourceOfType(aws.kms.Key, (key, _args, report) => {
      const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
      const usage = key.keyUsage ?? "ENCRYPT_DECRYPT";
      if (spec !== "SYMMETRIC_DEFAULT" || usage !== "ENCRYPT_DECRYPT") return;
      if (key.enableKeyRotation !== true) report("key rotation is not enabled on a symmetric key");
    }),
  };
}

export function logGroupRetentionKms(): ResourceValidationPolicy {
  return {
    name: "log-group-retention-kms",
    description:
      "Log groups keep logs at least the configured minimum and are encrypted with a KMS key.",
    severity: "medium",
    remediationSteps: "Set retentionInDays to at least the minimum and kmsKeyId to a customer key.",
    configSchema: { properties: { minRetentionDays: { type: "number", default: 90 } } },
    validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, args, report) => {
      const { minRetentionDays } = args.getConfig<{ minRetentionDays: number }>();
      // Unset or 0 retention means never expire, which meets any minimum.
      if (group.retentionInDays && group.retentionInDays < minRetentionDays)
        report(`retention ${group.retentionInDays} days is below ${minRetentionDays}`);
      if (!group.kmsKeyId) report("log group is not encrypted with a KMS key");
    }),
  };
}
