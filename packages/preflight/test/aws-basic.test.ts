import * as assert from "node:assert/strict";
import { flowLogOptions } from "../src/aws/flow-logs";
import { s3Lifecycle } from "../src/aws/s3-lifecycle";
import { check, messages, res } from "./fixtures";

const FLOW = "aws:ec2/flowLog:FlowLog";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

describe("aws-flow-log-options", () => {
  const cw = { logDestinationType: "cloud-watch-logs", iamRoleArn: "arn:aws:iam::1:role/r" };

  it("rejects a traffic type and a 600 s aggregation on a transit gateway flow log", async () => {
    const findings = await check(flowLogOptions, [
      res(FLOW, "tgw", {
        ...cw,
        transitGatewayId: "tgw-1",
        trafficType: "ALL",
        maxAggregationInterval: 600,
      }),
    ]);
    assert.deepEqual(messages(findings), [
      'error: trafficType "ALL" is set on a transit gateway flow log: AWS returns an error when a traffic type is given for transit gateway resource types; remove it',
      "error: maxAggregationInterval 600 on a transit gateway flow log: 60 is the only accepted value; set 60 or leave it unset",
    ]);
    assert.match(findings[0]!.source, /flow-logs-api-cli\.html/);
  });

  it("accepts a transit gateway flow log without traffic type and a VPC flow log with one", async () => {
    const findings = await check(flowLogOptions, [
      res(FLOW, "tgw", { ...cw, transitGatewayId: "tgw-1", maxAggregationInterval: 60 }),
      res(FLOW, "vpc", { ...cw, vpcId: "vpc-1", trafficType: "ALL", maxAggregationInterval: 600 }),
    ]);
    assert.deepEqual(findings, []);
  });

  it("rejects a VPC flow log without traffic type, and CloudWatch Logs without a role", async () => {
    const findings = await check(flowLogOptions, [res(FLOW, "vpc", { vpcId: "vpc-1" })]);
    assert.deepEqual(messages(findings), [
      "error: trafficType is missing: it is required for vpcId flow logs (ACCEPT, REJECT or ALL)",
      "error: a flow log to CloudWatch Logs needs iamRoleArn (DeliverLogsPermissionArn): the role the flow logs service assumes to write the log group",
    ]);
  });
});

describe("aws-s3-lifecycle", () => {
  const rule = (extra: Record<string, unknown>) =>
    res(LIFECYCLE, "l", { rules: [{ id: "retention", status: "Enabled", filter: {}, ...extra }] });

  it("rejects an expiration before the STANDARD_IA transition (Velero dev: 14 vs 30 days)", async () => {
    const findings = await check(s3Lifecycle, [
      rule({ transitions: [{ days: 30, storageClass: "STANDARD_IA" }], expiration: { days: 14 } }),
    ]);
    assert.deepEqual(messages(findings), [
      'error: rule "retention": expiration at day 14 is not after the transition to STANDARD_IA at day 30; S3 rejects an expiration that does not come after every transition (derive the transition from the retention, or drop it when retention is shorter)',
    ]);
  });

  it("rejects a STANDARD_IA transition before 30 days and one up the waterfall", async () => {
    const findings = await check(s3Lifecycle, [
      rule({
        transitions: [
          { days: 10, storageClass: "STANDARD_IA" },
          { days: 5, storageClass: "GLACIER" },
        ],
      }),
    ]);
    assert.deepEqual(messages(findings), [
      'error: rule "retention": transition to STANDARD_IA at day 10; S3 requires at least 30 days',
      'error: rule "retention": transition to STANDARD_IA at day 10 after GLACIER at day 5 goes up the storage-class waterfall, which S3 does not support',
    ]);
  });

  it("rejects GLACIER less than 30 days after STANDARD_IA, for noncurrent versions too", async () => {
    const findings = await check(s3Lifecycle, [
      rule({
        noncurrentVersionTransitions: [
          { noncurrentDays: 30, storageClass: "STANDARD_IA" },
          { noncurrentDays: 45, storageClass: "GLACIER" },
        ],
        noncurrentVersionExpiration: { noncurrentDays: 400 },
      }),
    ]);
    assert.deepEqual(messages(findings), [
      'error: rule "retention" (noncurrent versions): transition to GLACIER at day 45 is less than 30 days after the transition to STANDARD_IA at day 30; S3 requires 30 days in STANDARD_IA first',
    ]);
  });

  it("warns when objects expire inside a class's minimum storage duration", async () => {
    const findings = await check(s3Lifecycle, [
      rule({ transitions: [{ days: 30, storageClass: "GLACIER" }], expiration: { days: 60 } }),
    ]);
    assert.deepEqual(messages(findings), [
      'warning: rule "retention": objects expire 30 days after moving to GLACIER, whose minimum storage duration is 90 days: each object is billed as if kept 90 days',
    ]);
  });

  it("accepts a valid waterfall with expiration after it", async () => {
    const findings = await check(s3Lifecycle, [
      rule({
        transitions: [
          { days: 30, storageClass: "STANDARD_IA" },
          { days: 90, storageClass: "GLACIER" },
        ],
        expiration: { days: 365 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      }),
    ]);
    assert.deepEqual(findings, []);
  });
});
