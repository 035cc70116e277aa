/**
 * Object storage of Loki (log chunks and index) and Tempo (trace blocks): one KMS key +
 * access-log bucket + versioned data bucket set each (core `encryptedBucketSet`). Loki's compactor
 * and Tempo's compactor delete data past the retention themselves; the bucket's expiry, a week
 * later, is the backstop, and the versions their deletes leave expire after seven days.
 */
import type * as pulumi from "@pulumi/pulumi";
import { encryptedBucketSet } from "@platform/core";
import type { EncryptedBucketSet } from "@platform/core";
import type { ObservabilityArgs } from "./observability";

/** Days past the retention the bucket lifecycle waits before it expires objects itself. */
export const LIFECYCLE_SLACK_DAYS = 7;

export interface TelemetryStores {
  readonly loki: EncryptedBucketSet;
  readonly tempo: EncryptedBucketSet;
}

/** `<namePrefix>-<accountId>-<store>`: unique per account, under S3's 63 characters. */
export function storeBucketName(
  args: Pick<ObservabilityArgs, "namePrefix" | "accountId">,
  store: string,
) {
  return `${args.namePrefix}-${args.accountId}-${store}`;
}

export function telemetryStores(
  parent: pulumi.Resource,
  name: string,
  args: ObservabilityArgs,
): TelemetryStores {
  const set = (store: "loki" | "tempo", what: string, retentionDays: number) =>
    encryptedBucketSet(
      `${name}-${store}`,
      {
        bucketName: storeBucketName(args, store),
        keyDescription: `${what} of ${args.namePrefix}`,
        accountId: args.accountId,
        expireDays: retentionDays + LIFECYCLE_SLACK_DAYS,
        noncurrentDays: 7,
        tags: { Purpose: what.toLowerCase() },
        protect: args.protect,
      },
      { parent },
    );
  return {
    loki: set("loki", "Logs", args.config.retention.logsDays),
    tempo: set("tempo", "Traces", args.config.retention.tracesDays),
  };
}
