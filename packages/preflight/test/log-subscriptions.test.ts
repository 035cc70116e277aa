import * as assert from "node:assert/strict";
import { excludedLogGroups, logSubscriptions } from "../src/aws/log-subscriptions";
import { check, messages, res } from "./fixtures";

const GROUP = "aws:cloudwatch/logGroup:LogGroup";
const POLICY = "aws:cloudwatch/logAccountPolicy:LogAccountPolicy";
const destination = (region: string) =>
  `arn:aws:logs:${region}:700000000007:destination:platform-log-archive`;
const subscription = (region: string, selectionCriteria?: string) =>
  res(POLICY, "log-subscription", {
    policyName: "platform-log-archive",
    policyType: "SUBSCRIPTION_FILTER_POLICY",
    policyDocument: JSON.stringify({ DestinationArn: destination(region), FilterPattern: "" }),
    ...(selectionCriteria ? { selectionCriteria } : {}),
  });
const groups = [
  res(GROUP, "flow", { name: "/platform/dev/vpc/flow-logs" }),
  res(GROUP, "eks", { name: "/aws/eks/dev/cluster" }),
];

describe("aws-log-subscriptions", () => {
  it("covers every log group with an account policy to a destination in the same Region", async () => {
    assert.deepEqual(await check(logSubscriptions, [...groups, subscription("eu-west-1")]), []);
  });

  it("fails a destination in another Region", async () => {
    assert.deepEqual(
      messages(await check(logSubscriptions, [...groups, subscription("us-east-1")])),
      [
        `error: the destination ${destination("us-east-1")} is in us-east-1, the account's log groups in eu-west-1: CloudWatch Logs delivers only to a destination in the same Region; create a destination in eu-west-1`,
      ],
    );
  });

  it("warns of every log group left out: excluded, or in an account without a policy", async () => {
    assert.deepEqual(
      messages(
        await check(logSubscriptions, [
          ...groups,
          subscription("eu-west-1", 'LogGroupName NOT IN ["/aws/eks/dev/cluster"]'),
        ]),
      ),
      [
        "warning: log group /aws/eks/dev/cluster is excluded from the account's subscription filter policy: it does not reach the log archive",
      ],
    );
    assert.deepEqual(messages(await check(logSubscriptions, groups)), [
      "warning: log group /platform/dev/vpc/flow-logs does not reach the log archive: the account has no subscription filter policy; set logging.destinationArn",
      "warning: log group /aws/eks/dev/cluster does not reach the log archive: the account has no subscription filter policy; set logging.destinationArn",
    ]);
  });

  it("exempts the archive account, which holds the destination", async () => {
    const archive = res("aws:cloudwatch/logDestination:LogDestination", "d", { name: "x" });
    assert.deepEqual(await check(logSubscriptions, [...groups, archive]), []);
  });

  it("reads the selection criteria's names", () => {
    assert.deepEqual(excludedLogGroups('LogGroupName NOT IN ["a", "b/c"]'), ["a", "b/c"]);
    assert.deepEqual(excludedLogGroups(undefined), []);
    assert.deepEqual(excludedLogGroups("LogGroupName IN [x]"), []);
  });
});
