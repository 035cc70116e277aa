/**
 * S3 lifecycle configurations: what PutBucketLifecycleConfiguration rejects (transition days below a
 * class's minimum, transitions against the storage-class waterfall or less than 30 days after a
 * transition to an infrequent-access class, expiration not after every transition), and what it
 * accepts but bills as if kept longer (expiring within a class's minimum storage duration).
 */
import { asArray, asObject, num } from "../context";
import type { Problem, Rule } from "../types";

const TRANSITION_API =
  "S3 API Transition (Days: STANDARD_IA and ONEZONE_IA need at least 30), https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html";
const CONSTRAINTS =
  "S3 User Guide, Transitioning objects using Amazon S3 Lifecycle: supported transitions and constraints, https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html";

/** The waterfall: an object may only move to a class further down. */
const ORDER = [
  "STANDARD",
  "STANDARD_IA",
  "INTELLIGENT_TIERING",
  "ONEZONE_IA",
  "GLACIER_IR",
  "GLACIER",
  "DEEP_ARCHIVE",
];

/** Minimum days an object must have been stored before a transition into the class. */
const MIN_DAYS_BEFORE: Record<string, number> = { STANDARD_IA: 30, ONEZONE_IA: 30 };

/** Minimum storage duration billed per class (S3 pricing / user guide), in days. */
export const MIN_STORAGE_DAYS: Record<string, number> = {
  STANDARD_IA: 30,
  ONEZONE_IA: 30,
  GLACIER_IR: 90,
  GLACIER: 90,
  DEEP_ARCHIVE: 180,
};

interface Step {
  days: number;
  storageClass: string;
}

/** Problems of one rule's transitions and expiration (current or noncurrent versions). */
export function lifecycleProblems(
  what: string,
  transitions: readonly Step[],
  expirationDays: number | undefined,
): Array<Omit<Problem, "urn">> {
  const out: Array<Omit<Problem, "urn">> = [];
  const steps = [...transitions].sort((a, b) => a.days - b.days);
  let previous: Step | undefined;
  for (const step of steps) {
    const minimum = MIN_DAYS_BEFORE[step.storageClass];
    if (minimum !== undefined && step.days < minimum) {
      out.push({
        severity: "error",
        message: `${what}: transition to ${step.storageClass} at day ${step.days}; S3 requires at least ${minimum} days`,
        source: TRANSITION_API,
      });
    }
    if (!ORDER.includes(step.storageClass)) {
      out.push({
        severity: "error",
        message: `${what}: "${step.storageClass}" is not a lifecycle transition storage class (${ORDER.slice(1).join(", ")})`,
        source: TRANSITION_API,
      });
    } else if (previous) {
      if (ORDER.indexOf(step.storageClass) <= ORDER.indexOf(previous.storageClass)) {
        out.push({
          severity: "error",
          message: `${what}: transition to ${step.storageClass} at day ${step.days} after ${previous.storageClass} at day ${previous.days} goes up the storage-class waterfall, which S3 does not support`,
          source: CONSTRAINTS,
        });
      } else if (
        MIN_DAYS_BEFORE[previous.storageClass] !== undefined &&
        step.days - previous.days < 30
      ) {
        out.push({
          severity: "error",
          message: `${what}: transition to ${step.storageClass} at day ${step.days} is less than 30 days after the transition to ${previous.storageClass} at day ${previous.days}; S3 requires 30 days in ${previous.storageClass} first`,
          source: CONSTRAINTS,
        });
      }
    }
    previous = step;
  }
  if (expirationDays !== undefined && previous) {
    if (expirationDays <= previous.days) {
      out.push({
        severity: "error",
        message: `${what}: expiration at day ${expirationDays} is not after the transition to ${previous.storageClass} at day ${previous.days}; S3 rejects an expiration that does not come after every transition (derive the transition from the retention, or drop it when retention is shorter)`,
        source: CONSTRAINTS,
      });
    } else {
      const minimum = MIN_STORAGE_DAYS[previous.storageClass];
      if (minimum !== undefined && expirationDays - previous.days < minimum) {
        out.push({
          severity: "warning",
          message: `${what}: objects expire ${expirationDays - previous.days} days after moving to ${previous.storageClass}, whose minimum storage duration is ${minimum} days: each object is billed as if kept ${minimum} days`,
          source: CONSTRAINTS,
        });
      }
    }
  }
  return out;
}

export const s3Lifecycle: Rule = {
  id: "aws-s3-lifecycle",
  family: "aws",
  description:
    "lifecycle rules S3 rejects (transition minimums, waterfall order, expiration not after transitions) or bills beyond their intent (expiry inside a class's minimum storage duration)",
  source: `${TRANSITION_API}; ${CONSTRAINTS}`,
  *check(ctx) {
    for (const r of ctx.ofType(
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    )) {
      for (const [index, raw] of asArray(r.inputs["rules"]).entries()) {
        const rule = asObject(raw);
        const label = `rule ${typeof rule["id"] === "string" ? `"${rule["id"]}"` : index}`;
        const current = asArray(rule["transitions"])
          .map(asObject)
          .filter((t) => num(t["days"]) !== undefined)
          .map((t) => ({ days: num(t["days"])!, storageClass: String(t["storageClass"]) }));
        const noncurrent = asArray(rule["noncurrentVersionTransitions"])
          .map(asObject)
          .filter((t) => num(t["noncurrentDays"]) !== undefined)
          .map((t) => ({
            days: num(t["noncurrentDays"])!,
            storageClass: String(t["storageClass"]),
          }));
        const problems = [
          ...lifecycleProblems(label, current, num(asObject(rule["expiration"])["days"])),
          ...lifecycleProblems(
            `${label} (noncurrent versions)`,
            noncurrent,
            num(asObject(rule["noncurrentVersionExpiration"])["noncurrentDays"]),
          ),
        ];
        for (const p of problems) yield { ...p, urn: r.urn } satisfies Problem;
      }
    }
  },
};
