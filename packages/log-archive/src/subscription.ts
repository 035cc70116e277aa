/**
 * The per-account side of collection: one account-level subscription filter policy that sends
 * every log group of the account (present and future, but the excluded ones) to the archive's
 * destination, so no log group needs its own wiring. The destination must be in the same Region
 * as the log groups; being in another account, it needs no role here (its access policy admits
 * this account). Source: CloudWatch Logs API reference, PutAccountPolicy
 * (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html),
 * and "Cross-account account-level subscriptions using Firehose", step 3.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { LogSubscriptionConfig } from "./schema";

/** The policy document of a SUBSCRIPTION_FILTER_POLICY (pure). */
export function subscriptionPolicyDocument(
  cfg: Pick<LogSubscriptionConfig, "destinationArn" | "filterPattern">,
) {
  return { DestinationArn: cfg.destinationArn, FilterPattern: cfg.filterPattern };
}

/** `LogGroupName NOT IN [...]`, the only selection criteria the policy type accepts; none for none. */
export function selectionCriteria(excluded: readonly string[]): string | undefined {
  return excluded.length ? `LogGroupName NOT IN ${JSON.stringify(excluded)}` : undefined;
}

/** The account's subscription of all its log groups to the archive (one per account and Region). */
export function accountLogSubscription(
  name: string,
  cfg: LogSubscriptionConfig,
  opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.LogAccountPolicy {
  const criteria = selectionCriteria(cfg.excludeLogGroups);
  return new aws.cloudwatch.LogAccountPolicy(
    name,
    {
      policyName: "platform-log-archive",
      policyType: "SUBSCRIPTION_FILTER_POLICY",
      policyDocument: JSON.stringify(subscriptionPolicyDocument(cfg)),
      scope: "ALL",
      ...(criteria ? { selectionCriteria: criteria } : {}),
    },
    opts,
  );
}
