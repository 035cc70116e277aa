/**
 * S3 lifecycle rules derived from retention (pure). A bucket states how long objects and
 * noncurrent versions are kept and whether older objects may move to STANDARD_IA; the rule is
 * derived so that S3 accepts every combination and no object pays for Standard-IA storage it
 * never uses:
 *
 * - a transition to STANDARD_IA happens no earlier than day 30 (S3 refuses earlier transitions
 *   to STANDARD_IA and ONEZONE_IA, for current and noncurrent versions alike);
 * - an object is transitioned only if it stays in Standard-IA at least 30 more days before it
 *   expires (Standard-IA's minimum storage duration: deleting earlier is charged as 30 days), so
 *   expiration always comes after the transition, which S3 requires;
 * - expiration and noncurrent-version expiration are exactly the retention asked for.
 *
 * Sources: Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle: constraints
 * and considerations" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html);
 * S3 API reference, Transition.Days ("STANDARD_IA or ONEZONE_IA ... greater than 30"; the S3
 * error for smaller values reads "must be greater than or equal to 30", and AWS's own examples
 * transition at day 30) and NoncurrentVersionTransition
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html); storage classes'
 * minimum storage durations (https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html).
 */

/** Standard-IA: earliest transition day and minimum storage duration, both 30 days. */
export const STANDARD_IA_MIN_TRANSITION_DAYS = 30;
export const STANDARD_IA_MIN_STORAGE_DAYS = 30;

export interface Retention {
  /** Days current objects are kept; omit to keep them forever. */
  readonly expireDays?: number;
  /** Days a version is kept once it is noncurrent. */
  readonly noncurrentDays: number;
  /** Move objects to STANDARD_IA this many days after creation (>= 30) when worth it. */
  readonly infrequentAccessAfterDays?: number;
}

/** The lifecycle actions of one rule, in the shape of the provider's rule inputs. */
export interface LifecycleActions {
  transitions?: Array<{ days: number; storageClass: string }>;
  expiration?: { days: number };
  noncurrentVersionTransitions?: Array<{ noncurrentDays: number; storageClass: string }>;
  noncurrentVersionExpiration: { noncurrentDays: number };
}

const positiveInt = (n: number | undefined) => n === undefined || (Number.isInteger(n) && n > 0);

/** Retention values no rule can be derived from, each naming the argument, value and fix. */
export function retentionProblems(r: Retention): string[] {
  const problems: string[] = [];
  if (!positiveInt(r.expireDays))
    problems.push(`expireDays = ${r.expireDays}: expected a whole number of days >= 1`);
  if (!positiveInt(r.noncurrentDays))
    problems.push(`noncurrentDays = ${r.noncurrentDays}: expected a whole number of days >= 1`);
  const ia = r.infrequentAccessAfterDays;
  if (ia !== undefined && (!Number.isInteger(ia) || ia < STANDARD_IA_MIN_TRANSITION_DAYS))
    problems.push(
      `infrequentAccessAfterDays = ${ia}: S3 moves objects to STANDARD_IA no earlier than day ${STANDARD_IA_MIN_TRANSITION_DAYS}; use ${STANDARD_IA_MIN_TRANSITION_DAYS} or more`,
    );
  return problems;
}

/** The lifecycle actions for a retention (call `retentionProblems` first). */
export function lifecycleActions(r: Retention): LifecycleActions {
  const ia = r.infrequentAccessAfterDays;
  const keptInIa = (transitionDay: number, expiry: number | undefined) =>
    expiry === undefined || expiry >= transitionDay + STANDARD_IA_MIN_STORAGE_DAYS;
  const actions: LifecycleActions = {
    noncurrentVersionExpiration: { noncurrentDays: r.noncurrentDays },
  };
  if (r.expireDays !== undefined) actions.expiration = { days: r.expireDays };
  if (ia !== undefined && keptInIa(ia, r.expireDays))
    actions.transitions = [{ days: ia, storageClass: "STANDARD_IA" }];
  if (ia !== undefined && keptInIa(STANDARD_IA_MIN_TRANSITION_DAYS, r.noncurrentDays))
    actions.noncurrentVersionTransitions = [
      { noncurrentDays: STANDARD_IA_MIN_TRANSITION_DAYS, storageClass: "STANDARD_IA" },
    ];
  return actions;
}

const IA_CLASSES = new Set(["STANDARD_IA", "ONEZONE_IA"]);

/**
 * What S3 would refuse in a rule's actions (`error`) and what it accepts but charges for
 * (`warning`: an object deleted before its Standard-IA minimum storage duration). Independent of
 * the derivation, so tests (and preflight) can check any rule, derived or hand-written.
 */
export function lifecycleProblems(
  a: Partial<LifecycleActions>,
): Array<{ severity: "error" | "warning"; message: string }> {
  const out: Array<{ severity: "error" | "warning"; message: string }> = [];
  const error = (message: string) => out.push({ severity: "error", message });
  const check = (
    kind: string,
    transitions: Array<{ days: number; storageClass: string }>,
    expiry: number | undefined,
  ) => {
    if (expiry !== undefined && !(Number.isInteger(expiry) && expiry > 0))
      error(`${kind} expiration ${expiry}: must be a positive whole number of days`);
    for (const t of transitions) {
      if (IA_CLASSES.has(t.storageClass) && t.days < STANDARD_IA_MIN_TRANSITION_DAYS)
        error(
          `${kind} transition to ${t.storageClass} at day ${t.days}: S3 requires at least ${STANDARD_IA_MIN_TRANSITION_DAYS}`,
        );
      if (expiry !== undefined && expiry <= t.days)
        error(
          `${kind} expiration at day ${expiry} is not after the transition to ${t.storageClass} at day ${t.days}`,
        );
      else if (
        expiry !== undefined &&
        IA_CLASSES.has(t.storageClass) &&
        expiry - t.days < STANDARD_IA_MIN_STORAGE_DAYS
      )
        out.push({
          severity: "warning",
          message: `${kind} objects spend ${expiry - t.days} days in ${t.storageClass} before expiring, below its ${STANDARD_IA_MIN_STORAGE_DAYS}-day minimum storage duration (charged as ${STANDARD_IA_MIN_STORAGE_DAYS})`,
        });
    }
  };
  check("current", a.transitions ?? [], a.expiration?.days);
  check(
    "noncurrent",
    (a.noncurrentVersionTransitions ?? []).map((t) => ({
      days: t.noncurrentDays,
      storageClass: t.storageClass,
    })),
    a.noncurrentVersionExpiration?.noncurrentDays,
  );
  return out;
}
