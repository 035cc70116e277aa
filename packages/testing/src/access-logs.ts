/**
 * What S3 server access log delivery needs from each target bucket in a planned run: SSE-S3
 * default encryption and a bucket-policy grant to logging.s3.amazonaws.com for the source bucket,
 * under its prefix, conditioned on the source ARN and account (ACLs are disabled, so only a policy
 * can grant). Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
 */
import type { ProgramRun } from "@platform/engine";
import { resourcesOfType } from "@platform/engine";

export interface AccessLogDelivery {
  readonly source: string;
  readonly target: string;
  /** Why S3 could not deliver this source's logs to its target; empty when it can. */
  readonly problems: string[];
}

type Statement = {
  Effect?: string;
  Principal?: { Service?: string | string[] };
  Action?: string | string[];
  Resource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
};

const list = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

export function accessLogDeliveries(run: ProgramRun): AccessLogDelivery[] {
  const forBucket = (type: string, bucket: string) =>
    resourcesOfType(run, type).filter((r) => r.inputs["bucket"] === bucket);
  return resourcesOfType(run, "aws:s3/bucketLogging:BucketLogging").map((logging) => {
    const source = String(logging.inputs["bucket"]);
    const target = String(logging.inputs["targetBucket"]);
    const prefix = String(logging.inputs["targetPrefix"] ?? "");
    const problems: string[] = [];
    const sse = forBucket(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      target,
    ).flatMap(
      (c) =>
        c.inputs["rules"] as Array<{
          applyServerSideEncryptionByDefault?: { sseAlgorithm?: string };
        }>,
    );
    const algorithms = sse.map((r) => r.applyServerSideEncryptionByDefault?.sseAlgorithm);
    if (algorithms.some((a) => a !== "AES256"))
      problems.push(
        `target ${target} uses ${algorithms.join(", ")}; log delivery needs SSE-S3 (AES256)`,
      );
    const statements = forBucket("aws:s3/bucketPolicy:BucketPolicy", target).flatMap(
      (p) => (JSON.parse(String(p.inputs["policy"])) as { Statement: Statement[] }).Statement,
    );
    const granted = statements.some(
      (s) =>
        s.Effect === "Allow" &&
        list(s.Principal?.Service).includes("logging.s3.amazonaws.com") &&
        list(s.Action).includes("s3:PutObject") &&
        list(s.Resource).some((r) => r === `arn:aws:s3:::${target}/${prefix}*`) &&
        list(s.Condition?.["ArnLike"]?.["aws:SourceArn"]).includes(`arn:aws:s3:::${source}`) &&
        list(s.Condition?.["StringEquals"]?.["aws:SourceAccount"]).length > 0,
    );
    if (!granted)
      problems.push(
        `target ${target} has no bucket-policy grant to logging.s3.amazonaws.com for ${source} under ${prefix}`,
      );
    return { source, target, problems };
  });
}
