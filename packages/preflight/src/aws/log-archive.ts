/**
 * What AWS refuses, or what silently does not work, in a log archive: Object Lock on a bucket not
 * created with it or without versioning, a CloudWatch Logs destination policy that admits nobody,
 * Firehose buffering hints out of bounds.
 */
import { num } from "../context";
import type { Problem, Rule } from "../types";

const LOCK_DOC =
  "S3 User Guide, Configuring S3 Object Lock (enabled at bucket creation, requires versioning), https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-configure.html";
const DESTINATION_DOC =
  "CloudWatch Logs API PutDestinationPolicy, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutDestinationPolicy.html";
const FIREHOSE_DOC =
  "Amazon Data Firehose API BufferingHints (SizeInMBs 1-128, IntervalInSeconds 0-900), https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html";

const BUCKET = "aws:s3/bucket:Bucket";

type Statement = { Effect?: string; Principal?: unknown; Action?: string | string[] };

export const logArchive: Rule = {
  id: "aws-log-archive",
  family: "aws",
  description:
    "Object Lock on a bucket created without it or without versioning; a CloudWatch Logs destination policy admitting no principal to subscribe (error) or not to account-level policies (warning); Firehose buffering hints out of bounds",
  source: `${LOCK_DOC}; ${DESTINATION_DOC}; ${FIREHOSE_DOC}`,
  *check(ctx) {
    for (const lock of ctx.ofType(
      "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    )) {
      const bucket = ctx.ref(lock, "bucket", BUCKET);
      if (!bucket) continue;
      const problem = (message: string): Problem => ({
        severity: "error",
        urn: lock.urn,
        message,
        source: LOCK_DOC,
      });
      if (bucket.inputs["objectLockEnabled"] !== true)
        yield problem(
          `bucket ${bucket.name} is not created with objectLockEnabled: Object Lock is enabled when a bucket is created; set objectLockEnabled: true (a new bucket)`,
        );
      const versioned = ctx
        .referrers(bucket, "aws:s3/bucketVersioning:BucketVersioning", "bucket")
        .some((v) => JSON.stringify(v.inputs["versioningConfiguration"]).includes("Enabled"));
      if (!versioned)
        yield problem(`bucket ${bucket.name} has no enabled versioning: Object Lock requires it`);
    }
    for (const p of ctx.ofType("aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy")) {
      const doc = ctx.json(p, "accessPolicy") as { Statement?: Statement[] } | undefined;
      if (!doc) continue;
      const allows = (action: string) =>
        (doc.Statement ?? []).some(
          (s) =>
            s.Effect === "Allow" && s.Principal !== undefined && [s.Action].flat().includes(action),
        );
      if (!allows("logs:PutSubscriptionFilter"))
        yield {
          severity: "error",
          urn: p.urn,
          message:
            "the destination policy allows no principal logs:PutSubscriptionFilter: no account can subscribe; list the source accounts or the organisation",
          source: DESTINATION_DOC,
        };
      else if (!allows("logs:PutAccountPolicy"))
        yield {
          severity: "warning",
          urn: p.urn,
          message:
            "the destination policy does not allow logs:PutAccountPolicy: accounts cannot point an account-level subscription filter policy at it",
          source: DESTINATION_DOC,
        };
    }
    for (const s of ctx.ofType("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")) {
      const s3 = s.inputs["extendedS3Configuration"] as Record<string, unknown> | undefined;
      const size = num(s3?.["bufferingSize"]);
      const interval = num(s3?.["bufferingInterval"]);
      if (size !== undefined && (size < 1 || size > 128))
        yield {
          severity: "error",
          urn: s.urn,
          message: `bufferingSize ${size} MiB: Firehose accepts 1-128`,
        };
      if (interval !== undefined && (interval < 0 || interval > 900))
        yield {
          severity: "error",
          urn: s.urn,
          message: `bufferingInterval ${interval} s: Firehose accepts 0-900`,
        };
    }
  },
};
