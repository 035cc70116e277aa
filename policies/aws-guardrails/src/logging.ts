/**
 * Central logging and audit (@platform/log-archive): every log group reaches the archive through
 * the account's subscription filter policy, the CloudTrail trail cannot be stopped or weakened,
 * and archive buckets (Object Lock) are versioned, KMS-encrypted and locked with a retention.
 */
import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { BUCKET_TYPES, byType, ofTypes, referrers } from "./lib";
import { SSE, VERSIONING, kmsDefault } from "./storage";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ACCOUNT_POLICY = "aws:cloudwatch/logAccountPolicy:LogAccountPolicy";
const DESTINATION = "aws:cloudwatch/logDestination:LogDestination";
const LOCK = [
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
];

/**
 * The log group names a `LogGroupName NOT IN [...]` criteria excludes, the only selection
 * criteria a SUBSCRIPTION_FILTER_POLICY accepts (CloudWatch Logs API PutAccountPolicy,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html).
 * Criteria that cannot be read exclude everything: the policy cannot show the group is covered.
 */
function excluded(criteria: unknown): (name: string) => boolean {
  if (criteria === undefined || criteria === null || criteria === "") return () => false;
  const list = /^\s*LogGroupName\s+NOT\s+IN\s+(\[.*\])\s*$/s.exec(String(criteria))?.[1];
  try {
    const names = list ? (JSON.parse(list) as unknown) : undefined;
    if (Array.isArray(names)) return (name) => names.map(String).includes(name);
  } catch {
    // unreadable: falls through
  }
  return () => true;
}

export function logGroupSubscribed(): StackValidationPolicy {
  return {
    name: "log-group-subscribed",
    description:
      "Every log group of a stack reaches the log archive: the stack has an account-level SUBSCRIPTION_FILTER_POLICY whose selection criteria do not exclude it; the log-archive stack (it holds the CloudWatch Logs destination) is exempt.",
    severity: "high",
    remediationSteps:
      "Set logging.destinationArn in the stack config (the environment and network stacks then create the account's subscription filter policy) and do not list the group in logging.excludeLogGroups.",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      // The archive account holds the destination; its own groups are not shipped to itself.
      if (ofTypes(index, DESTINATION).length) return;
      const policies = ofTypes(index, ACCOUNT_POLICY).filter(
        (p) => p.props["policyType"] === "SUBSCRIPTION_FILTER_POLICY",
      );
      const exclusions = policies.map((p) => excluded(p.props["selectionCriteria"]));
      for (const group of ofTypes(index, LOG_GROUP)) {
        const name = String(group.props["name"] ?? group.name);
        if (policies.length === 0)
          report(
            `log group ${name} does not reach the log archive: the stack has no subscription filter policy`,
            group.urn,
          );
        else if (exclusions.every((isExcluded) => isExcluded(name)))
          report(
            `log group ${name} is excluded from the account's subscription filter policy`,
            group.urn,
          );
      }
    },
  };
}

export function cloudtrailProtected(): ResourceValidationPolicy {
  return {
    name: "cloudtrail-protected",
    description:
      "A CloudTrail trail logs, validates its log files, is multi-Region, is encrypted with a KMS key and is protected.",
    severity: "critical",
    remediationSteps:
      "Set enableLogging, enableLogFileValidation and isMultiRegionTrail true, kmsKeyId to the archive key, and { protect: true } (the LogArchive component does this).",
    validateResource: validateResourceOfType(aws.cloudtrail.Trail, (trail, args, report) => {
      // enableLogging defaults to true; only an explicit false stops the trail.
      if (trail.enableLogging === false) report("the trail does not log (enableLogging false)");
      if (trail.enableLogFileValidation !== true) report("log file validation is not enabled");
      if (trail.isMultiRegionTrail !== true) report("the trail is not multi-Region");
      if (!trail.kmsKeyId) report("the trail's logs are not encrypted with a KMS key");
      if (!args.opts.protect) report(`trail ${args.name} is not protected`);
    }),
  };
}

interface LockRule {
  defaultRetention?: { mode?: string; days?: number; years?: number };
}

/** Whether a bucket uses Object Lock, and the retention rules that lock it. */
function lockOf(bucket: PolicyResource, locks: PolicyResource[]) {
  const inline = bucket.props["objectLockConfiguration"] as
    { objectLockEnabled?: string; rule?: LockRule } | undefined;
  const enabled =
    bucket.props["objectLockEnabled"] === true ||
    inline?.objectLockEnabled === "Enabled" ||
    locks.length > 0;
  const rules = [inline?.rule, ...locks.map((l) => l.props["rule"] as LockRule | undefined)];
  const retained = rules.some((r) => {
    const d = r?.defaultRetention;
    return !!d?.mode && ((d.days ?? 0) > 0 || (d.years ?? 0) > 0);
  });
  return { enabled, retained };
}

export function archiveBucketLocked(): StackValidationPolicy {
  return {
    name: "archive-bucket-locked",
    description:
      "A bucket with Object Lock has versioning enabled, SSE-KMS with a customer key and a default retention rule (mode and days or years).",
    severity: "high",
    remediationSteps:
      "Add BucketVersioning (Enabled), a BucketServerSideEncryptionConfiguration with aws:kms and kmsMasterKeyId, and a BucketObjectLockConfiguration rule with defaultRetention { mode, days }.",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const locksOf = referrers(ofTypes(index, ...LOCK), "bucket");
      const versioningOf = referrers(ofTypes(index, ...VERSIONING), "bucket");
      const sseOf = referrers(ofTypes(index, ...SSE), "bucket");
      for (const bucket of ofTypes(index, ...BUCKET_TYPES)) {
        const lock = lockOf(bucket, locksOf.get(bucket.urn) ?? []);
        if (!lock.enabled) continue;
        const problems: string[] = [];
        const versioned = (versioningOf.get(bucket.urn) ?? []).some(
          (v) =>
            (v.props["versioningConfiguration"] as { status?: string } | undefined)?.status ===
            "Enabled",
        );
        if (!versioned) problems.push("versioning is not enabled");
        const kms = kmsDefault(sseOf.get(bucket.urn) ?? []);
        if (!kms) problems.push("is not encrypted with a customer KMS key");
        if (!lock.retained) problems.push("Object Lock has no default retention rule");
        if (problems.length)
          report(`Object Lock bucket ${bucket.name}: ${problems.join("; ")}`, bucket.urn);
      }
    },
  };
}
