/**
 * The archive bucket's lifecycle (pure): Standard, then optional transitions to Standard-IA and
 * the Glacier classes, then expiry. S3 refuses a lifecycle configuration whose days are out of
 * order, so the order is checked here, before a resource exists:
 *
 * - a transition to STANDARD_IA is at day 30 or later (S3 API reference, Transition.Days:
 *   "If the specified storage class is STANDARD_IA or ONEZONE_IA, valid values are positive
 *   integers greater than 30"; the S3 error for smaller values reads "must be greater than or
 *   equal to 30");
 * - each later transition comes after the earlier one, and a transition out of STANDARD_IA comes
 *   at least 30 days after the transition into it (objects must stay 30 days in Standard-IA; S3
 *   rejects the rule with "'Days' in the Transition action for StorageClass 'GLACIER' ... must be
 *   30 days more than 'Days' in the Transition action for StorageClass 'STANDARD_IA'");
 * - expiration comes after the last transition (S3: "Days in the Expiration action ... must be
 *   greater than Days in the Transition action").
 * - The Glacier classes' minimum storage durations (Glacier Instant Retrieval and Flexible
 *   Retrieval 90 days, Deep Archive 180) are not refusals but early-deletion charges: a warning.
 *
 * Sources: Amazon S3 User Guide, "Transitioning objects using Amazon S3 Lifecycle",
 * constraints and considerations
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html);
 * S3 API reference, Transition (https://docs.aws.amazon.com/AmazonS3/latest/API/API_Transition.html);
 * storage classes' minimum storage durations
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/storage-class-intro.html).
 */

/** Lifecycle keys in the order objects move through them, with their S3 storage class. */
export const ARCHIVE_TIERS = [
  { key: "standardIaDays", storageClass: "STANDARD_IA", minStorageDays: 30 },
  { key: "glacierInstantRetrievalDays", storageClass: "GLACIER_IR", minStorageDays: 90 },
  { key: "glacierFlexibleRetrievalDays", storageClass: "GLACIER", minStorageDays: 90 },
  { key: "deepArchiveDays", storageClass: "DEEP_ARCHIVE", minStorageDays: 180 },
] as const;

export type ArchiveTierKey = (typeof ARCHIVE_TIERS)[number]["key"];

/** Days after creation for each transition (each optional) and for expiry. */
export type ArchiveLifecycle = { readonly [K in ArchiveTierKey]?: number } & {
  readonly expireDays: number;
};

export interface LifecycleFinding {
  readonly severity: "error" | "warning";
  /** The lifecycle key at fault. */
  readonly key: ArchiveTierKey | "expireDays";
  readonly value: number;
  readonly message: string;
}

/** Earliest day S3 accepts a transition to STANDARD_IA, and days objects must stay there. */
export const STANDARD_IA_MIN_DAYS = 30;

/** The configured transitions, in tier order. */
export function archiveTransitions(
  l: ArchiveLifecycle,
): Array<{ key: ArchiveTierKey; days: number; storageClass: string; minStorageDays: number }> {
  return ARCHIVE_TIERS.flatMap((t) => {
    const days = l[t.key];
    return days === undefined ? [] : [{ ...t, days }];
  });
}

/** What S3 would refuse in the lifecycle (`error`) and what it charges for early (`warning`). */
export function archiveLifecycleFindings(l: ArchiveLifecycle): LifecycleFinding[] {
  const out: LifecycleFinding[] = [];
  const steps = archiveTransitions(l);
  const ia = steps.find((s) => s.storageClass === "STANDARD_IA");
  if (ia && ia.days < STANDARD_IA_MIN_DAYS)
    out.push({
      severity: "error",
      key: ia.key,
      value: ia.days,
      message: `S3 moves objects to STANDARD_IA no earlier than day ${STANDARD_IA_MIN_DAYS}; use ${STANDARD_IA_MIN_DAYS} or more`,
    });
  steps.forEach((step, i) => {
    const prev = steps[i - 1];
    if (!prev) return;
    const gap = prev.storageClass === "STANDARD_IA" ? STANDARD_IA_MIN_DAYS : 1;
    if (step.days < prev.days + gap)
      out.push({
        severity: "error",
        key: step.key,
        value: step.days,
        message:
          gap > 1
            ? `S3 requires the transition to ${step.storageClass} at least ${gap} days after the transition to ${prev.storageClass} (day ${prev.days}); use ${prev.days + gap} or more`
            : `the transition to ${step.storageClass} must come after the transition to ${prev.storageClass} (day ${prev.days}); use ${prev.days + 1} or more`,
      });
    else if (step.days - prev.days < prev.minStorageDays)
      out.push({
        severity: "warning",
        key: step.key,
        value: step.days,
        message: `objects leave ${prev.storageClass} after ${step.days - prev.days} days, below its ${prev.minStorageDays}-day minimum storage duration (charged as ${prev.minStorageDays})`,
      });
  });
  const last = steps[steps.length - 1];
  if (last && l.expireDays <= last.days)
    out.push({
      severity: "error",
      key: "expireDays",
      value: l.expireDays,
      message: `S3 requires expiration after the last transition (${last.storageClass} at day ${last.days}); use ${last.days + 1} or more`,
    });
  else if (last && l.expireDays - last.days < last.minStorageDays)
    out.push({
      severity: "warning",
      key: "expireDays",
      value: l.expireDays,
      message: `objects expire ${l.expireDays - last.days} days after moving to ${last.storageClass}, below its ${last.minStorageDays}-day minimum storage duration (charged as ${last.minStorageDays})`,
    });
  return out;
}

/** The lifecycle rule's actions in the provider's shape (check the findings first). */
export function archiveLifecycleActions(l: ArchiveLifecycle, noncurrentDays: number) {
  return {
    transitions: archiveTransitions(l).map((s) => ({ days: s.days, storageClass: s.storageClass })),
    expiration: { days: l.expireDays },
    noncurrentVersionExpiration: { noncurrentDays },
  };
}
