/**
 * Log coverage: whether the account's log groups reach the log archive. An account-level
 * subscription filter policy (CloudWatch Logs PutAccountPolicy, SUBSCRIPTION_FILTER_POLICY) covers
 * every log group of the account and Region but those its selection criteria exclude; a
 * cross-account destination must be in the same Region as the log groups.
 */
import { known } from "../context";
import type { Context } from "../context";
import type { PlanResource, Problem, Rule } from "../types";

const API_DOC =
  "CloudWatch Logs API PutAccountPolicy, https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html";
const REGION_DOC =
  "CloudWatch Logs User Guide, cross-account account-level subscriptions using Firehose (the log groups and the destination must be in the same Region), https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateSubscriptionFilterFirehose-Account.html";

/** The log group names a `LogGroupName NOT IN [...]` criteria excludes (none when unset). */
export function excludedLogGroups(criteria: unknown): string[] {
  if (!known(criteria) || typeof criteria !== "string") return [];
  const list = /^\s*LogGroupName\s+NOT\s+IN\s+(\[.*\])\s*$/s.exec(criteria)?.[1];
  if (!list) return [];
  try {
    const names = JSON.parse(list) as unknown;
    return Array.isArray(names) ? names.map(String) : [];
  } catch {
    return [];
  }
}

/** The subscription filter policies of a plan. */
export function subscriptionPolicies(ctx: Context): readonly PlanResource[] {
  return ctx
    .ofType("aws:cloudwatch/logAccountPolicy:LogAccountPolicy")
    .filter((p) => p.inputs["policyType"] === "SUBSCRIPTION_FILTER_POLICY");
}

/** Log groups of the plan and whether a subscription policy covers each (for summaries). */
export function logCoverage(ctx: Context): Array<{ group: PlanResource; covered: boolean }> {
  const policies = subscriptionPolicies(ctx);
  const excluded = new Set(
    policies.flatMap((p) => excludedLogGroups(p.inputs["selectionCriteria"])),
  );
  return ctx.ofType("aws:cloudwatch/logGroup:LogGroup").map((group) => ({
    group,
    covered: policies.length > 0 && !excluded.has(String(group.inputs["name"])),
  }));
}

export const logSubscriptions: Rule = {
  id: "aws-log-subscriptions",
  family: "aws",
  description:
    "a subscription filter policy whose destination is in another Region than the account's log groups (error); log groups no subscription filter policy covers, in a plan without one or excluded by its selection criteria (warning; the log-archive account itself is exempt)",
  source: `${API_DOC}; ${REGION_DOC}`,
  *check(ctx) {
    for (const p of subscriptionPolicies(ctx)) {
      const doc = ctx.json(p, "policyDocument") as { DestinationArn?: unknown } | undefined;
      const destination = doc?.DestinationArn;
      const destRegion =
        typeof destination === "string" && known(destination)
          ? destination.split(":")[3]
          : undefined;
      const region = ctx.region(p);
      if (destRegion && region && destRegion !== region)
        yield {
          severity: "error",
          urn: p.urn,
          message: `the destination ${String(destination)} is in ${destRegion}, the account's log groups in ${region}: CloudWatch Logs delivers only to a destination in the same Region; create a destination in ${region}`,
          source: REGION_DOC,
        } satisfies Problem;
    }
    // The archive account holds the destination; its own groups are not shipped to itself.
    if (ctx.ofType("aws:cloudwatch/logDestination:LogDestination").length) return;
    const uncovered = logCoverage(ctx).filter((c) => !c.covered);
    const none = subscriptionPolicies(ctx).length === 0;
    for (const { group } of uncovered)
      yield {
        severity: "warning",
        urn: group.urn,
        message: none
          ? `log group ${String(group.inputs["name"])} does not reach the log archive: the account has no subscription filter policy; set logging.destinationArn`
          : `log group ${String(group.inputs["name"])} is excluded from the account's subscription filter policy: it does not reach the log archive`,
      };
  },
};
