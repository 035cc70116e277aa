/**
 * Encryption a service must be able to use, or what it delivers never arrives:
 * - SNS topics published to by AWS services (CloudWatch alarms, CodeStar notifications,
 *   EventBridge, S3 events): the AWS managed key alias/aws/sns cannot be shared with them; a
 *   customer key's policy must give the service principal kms:GenerateDataKey* and kms:Decrypt.
 * - S3 server access logging: the target bucket must not default to SSE-KMS (only SSE-S3 is
 *   supported) and, with ACLs disabled, its bucket policy must let logging.s3.amazonaws.com
 *   s3:PutObject.
 * - CloudWatch Logs log groups with a KMS key: the key policy must let logs.<region>.amazonaws.com
 *   use the key, and an encryption-context condition must match the group's ARN.
 * Keys created outside the plan cannot be read: a warning says so.
 */
import { asArray, asObject, known } from "../context";
import type { PlanResource, Problem, Rule } from "../types";
import type { Context } from "../context";
import { conditionValues, likeMatches, serviceGrant } from "./policy-doc";

const SNS_KMS =
  "SNS Developer Guide, configuring AWS KMS permissions for AWS services that publish to encrypted topics, https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html";
const S3_LOGGING =
  "S3 User Guide, enabling server access logging (target bucket: SSE-S3 only, bucket policy grant to logging.s3.amazonaws.com), https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html";
const LOGS_KMS =
  "CloudWatch Logs User Guide, encrypt log data using AWS KMS (key policy for logs.<region>.amazonaws.com), https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html";

const KEY = "aws:kms/key:Key";
const TOPIC = "aws:sns/topic:Topic";

/** A finding of one concern; the concern's document is added as its source. */
type Finding = Omit<Problem, "source">;

/** Who publishes to a topic: resources whose listed properties came from it, and their service. */
const PUBLISHERS: ReadonlyArray<{ type: string; properties: string[]; service: string }> = [
  {
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    properties: ["alarmActions", "okActions", "insufficientDataActions"],
    service: "cloudwatch.amazonaws.com",
  },
  {
    type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    properties: ["alarmActions", "okActions", "insufficientDataActions"],
    service: "cloudwatch.amazonaws.com",
  },
  {
    type: "aws:codestarnotifications/notificationRule:NotificationRule",
    properties: ["targets"],
    service: "codestar-notifications.amazonaws.com",
  },
  {
    type: "aws:cloudwatch/eventTarget:EventTarget",
    properties: ["arn"],
    service: "events.amazonaws.com",
  },
  {
    type: "aws:s3/bucketNotification:BucketNotification",
    properties: ["topics"],
    service: "s3.amazonaws.com",
  },
];

const SNS_ACTIONS = ["kms:GenerateDataKey", "kms:Decrypt"];
const LOGS_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncryptFrom",
  "kms:GenerateDataKey",
  "kms:DescribeKey",
];

function isManagedSnsKey(value: unknown): boolean {
  return typeof value === "string" && /(^|:)alias\/aws\/sns$/.test(value);
}

function snsProblems(ctx: Context): Finding[] {
  const out: Finding[] = [];
  for (const topic of ctx.ofType(TOPIC)) {
    const keyId = topic.inputs["kmsMasterKeyId"];
    if (keyId === undefined) continue;
    const services = new Map<string, string>();
    for (const p of PUBLISHERS)
      for (const r of ctx.ofType(p.type))
        if (p.properties.some((prop) => (r.propertyDependencies?.[prop] ?? []).includes(topic.urn)))
          services.set(p.service, r.name);
    if (services.size === 0) continue;
    const who = [...services].map(([s, r]) => `${s} (${r})`).join(", ");
    if (isManagedSnsKey(keyId)) {
      out.push({
        severity: "error",
        urn: topic.urn,
        message: `topic encrypted with the AWS managed key alias/aws/sns, whose policy cannot be changed: ${who} cannot publish to it; use a customer managed key whose policy lets ${[...services.keys()].join(", ")} use kms:GenerateDataKey* and kms:Decrypt`,
      });
      continue;
    }
    const key = ctx.ref(topic, "kmsMasterKeyId", KEY);
    if (!key) {
      out.push({
        severity: "warning",
        urn: topic.urn,
        message: `topic key ${known(keyId) ? String(keyId) : "(computed)"} is not created in this stack, so its policy cannot be checked for ${who}`,
      });
      continue;
    }
    for (const service of services.keys()) {
      const problem = keyPolicyProblem(ctx, key, service, SNS_ACTIONS);
      if (problem)
        out.push({
          severity: "error",
          urn: topic.urn,
          message: `${problem}: ${services.get(service)} cannot publish to this topic`,
        });
    }
  }
  return out;
}

/** Why the key's policy does not let the service use the actions, or undefined. */
function keyPolicyProblem(
  ctx: Context,
  key: PlanResource,
  service: string,
  actions: readonly string[],
): string | undefined {
  if (key.inputs["policy"] === undefined)
    return `key ${key.name} has the default key policy, which only the account's IAM principals can use, not ${service}`;
  const policy = ctx.json(key, "policy");
  if (policy === undefined) return undefined; // computed: cannot be read offline
  const grant = serviceGrant(policy, service, actions);
  if (grant.missing.length)
    return `key ${key.name}'s policy does not give ${service} ${grant.missing.join(", ")}`;
  if (grant.denied.length)
    return `key ${key.name}'s policy denies ${service} ${grant.denied.join(", ")}`;
  return undefined;
}

function accessLogProblems(ctx: Context): Finding[] {
  const out: Finding[] = [];
  for (const logging of ctx.ofType("aws:s3/bucketLogging:BucketLogging")) {
    const target = ctx.ref(logging, "targetBucket", "aws:s3/bucket:Bucket");
    if (!target) continue;
    const name = target.inputs["bucket"];
    const label = `target bucket ${known(name) ? String(name) : target.name}`;
    for (const sse of ctx.referrers(
      target,
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "bucket",
    )) {
      const algorithms = asArray(sse.inputs["rules"]).map(
        (r) => asObject(asObject(r)["applyServerSideEncryptionByDefault"])["sseAlgorithm"],
      );
      const kms = algorithms.find((a) => a === "aws:kms" || a === "aws:kms:dsse");
      if (kms)
        out.push({
          severity: "error",
          urn: logging.urn,
          message: `${label} defaults to ${String(kms)}; server access logs are only delivered to a target whose default encryption is SSE-S3 (AES256): no access log would ever arrive`,
        });
    }
    const policies = ctx.referrers(target, "aws:s3/bucketPolicy:BucketPolicy", "bucket");
    const granted = policies.some(
      (p) =>
        serviceGrant(ctx.json(p, "policy"), "logging.s3.amazonaws.com", ["s3:PutObject"]).missing
          .length === 0,
    );
    if (
      !granted &&
      !policies.some((p) => ctx.json(p, "policy") === undefined && p.inputs["policy"] !== undefined)
    ) {
      out.push({
        severity: "error",
        urn: logging.urn,
        message: `${label} has no bucket policy letting logging.s3.amazonaws.com s3:PutObject (with ACLs disabled, the only way the logging service can write): no access log would ever arrive; grant it, conditioned on aws:SourceAccount and aws:SourceArn`,
      });
    }
  }
  return out;
}

function logGroupProblems(ctx: Context): Finding[] {
  const out: Finding[] = [];
  for (const group of ctx.ofType("aws:cloudwatch/logGroup:LogGroup")) {
    if (group.inputs["kmsKeyId"] === undefined) continue;
    const key = ctx.ref(group, "kmsKeyId", KEY);
    if (!key) {
      out.push({
        severity: "warning",
        urn: group.urn,
        message:
          "the log group's KMS key is not created in this stack, so its policy cannot be checked for CloudWatch Logs",
      });
      continue;
    }
    const region = ctx.region(group);
    const service = region ? `logs.${region}.amazonaws.com` : undefined;
    if (!service) continue;
    const problem = keyPolicyProblem(ctx, key, service, LOGS_ACTIONS);
    if (problem) {
      out.push({
        severity: "error",
        urn: group.urn,
        message: `${problem}: creating the log group fails (CloudWatch Logs checks the key)`,
      });
      continue;
    }
    // An encryption-context condition must admit this group's ARN.
    const account = ctx.accountId(group);
    const name = group.inputs["name"];
    if (!account || !known(name)) continue;
    const arn = `arn:aws:logs:${region}:${account}:log-group:${String(name)}`;
    const policy = ctx.json(key, "policy");
    const conditioned = serviceGrant(policy, service, LOGS_ACTIONS).allowing.map((s) =>
      conditionValues(s, "kms:EncryptionContext:aws:logs:arn"),
    );
    const admits = conditioned.some(
      (conds) =>
        conds.length === 0 ||
        conds.every((c) =>
          c.values.some((v) => (/Like$/.test(c.operator) ? likeMatches(v, arn) : v === arn)),
        ),
    );
    if (!admits)
      out.push({
        severity: "error",
        urn: group.urn,
        message: `key ${key.name}'s policy limits CloudWatch Logs to other log groups (kms:EncryptionContext:aws:logs:arn does not admit ${arn})`,
      });
  }
  return out;
}

/** Each concern's check, with the document its findings cite. */
const CONCERNS: ReadonlyArray<{ source: string; check: (ctx: Context) => Finding[] }> = [
  { source: SNS_KMS, check: snsProblems },
  { source: S3_LOGGING, check: accessLogProblems },
  { source: LOGS_KMS, check: logGroupProblems },
];

export const awsEncryption: Rule = {
  id: "aws-encryption-access",
  family: "aws",
  description:
    "a service cannot use the key or bucket it must write to: SNS topics under alias/aws/sns or a key that does not admit the publishing service, S3 access-log targets with SSE-KMS or without the logging service's grant, log groups whose key policy does not admit CloudWatch Logs",
  source: CONCERNS.map((c) => c.source).join("; "),
  check: (ctx) =>
    CONCERNS.flatMap((c) => c.check(ctx).map((p): Problem => ({ ...p, source: c.source }))),
};
