/**
 * The archive's roles, least privilege, evaluated offline by the IAM simulator on the policy
 * documents the resources are given (policies.ts), with real ARNs: each role may do its job on
 * its own resources and nothing next to it; and every action they use is within the workload
 * permissions boundary's services (the roles carry that boundary).
 */
import * as assert from "node:assert/strict";
import { simulate } from "@platform/iam-simulator";
import type { IamRequest, PolicyDocument } from "@platform/iam-simulator";
import { BOUNDARY_SERVICES } from "@platform/identity";
import {
  archiveKeyPolicy,
  destinationRolePolicy,
  firehoseRolePolicy,
  forwarderRolePolicy,
  logWritePolicy,
} from "../src/policies";
import { chatbotNotificationPolicy } from "../src/chat";

const ACCOUNT = "700000000007";
const BUCKET = "arn:aws:s3:::acme-log-archive";
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/11111111-2222-3333-4444-555555555555`;
const STREAM = `arn:aws:firehose:eu-west-1:${ACCOUNT}:deliverystream/platform-log-archive`;
const group = (name: string) => `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:${name}`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:log-archive-log-forwarder-dlq`;

const firehose = firehoseRolePolicy(BUCKET, KEY, "eu-west-1");
const destination = destinationRolePolicy(STREAM);
const forwarder = forwarderRolePolicy({
  targetGroupArn: group("/platform/log-archive/forwarded"),
  runtimeGroupArn: group("/aws/lambda/log-archive-log-forwarder"),
  queueArn: QUEUE,
  sourceBuckets: ["acme-alb-logs"],
});
const trail = logWritePolicy(group("/platform/log-archive/cloudtrail/platform-audit"));
const chatbot = chatbotNotificationPolicy(ACCOUNT, "eu-west-1");

// The archive key's policy delegates to IAM (the account administers the key).
const keyPolicy = archiveKeyPolicy({
  accountId: ACCOUNT,
  region: "eu-west-1",
  trailArn: `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/platform-audit`,
  sourceAccounts: [],
});

const allowedBy = (policy: object) => async (request: IamRequest) =>
  (
    await simulate(
      {
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/stack-role/session`,
        identityPolicies: { inline: policy as PolicyDocument },
      },
      request.resource === KEY ? { ...request, resourcePolicy: keyPolicy } : request,
    )
  ).allowed;

describe("log archive IAM (simulated)", () => {
  it("uses only services the workload boundary admits", () => {
    for (const policy of [firehose, destination, forwarder, trail, chatbot]) {
      const services = (policy.Statement as Array<{ Action?: string | string[] }>)
        .flatMap((s) => [s.Action ?? []].flat())
        .map((a) => a.split(":")[0]!);
      assert.deepEqual(
        services.filter((s) => !(BOUNDARY_SERVICES as readonly string[]).includes(s)),
        [],
      );
    }
  });

  it("Firehose writes archive objects and uses the key only through S3 for that bucket", async () => {
    const allowed = allowedBy(firehose);
    const object = `${BUCKET}/cloudwatch-logs/2026/11/26/10/x.gz`;
    assert.equal(await allowed({ action: "s3:PutObject", resource: object }), true);
    assert.equal(await allowed({ action: "s3:DeleteObject", resource: object }), false);
    assert.equal(
      await allowed({ action: "s3:PutObject", resource: "arn:aws:s3:::other/x" }),
      false,
    );
    const viaS3 = {
      "kms:ViaService": "s3.eu-west-1.amazonaws.com",
      "kms:EncryptionContext:aws:s3:arn": object,
    };
    assert.equal(
      await allowed({ action: "kms:GenerateDataKey", resource: KEY, context: viaS3 }),
      true,
    );
    // With the bucket key (the archive's setting) S3 asks for the bucket's context.
    assert.equal(
      await allowed({
        action: "kms:GenerateDataKey",
        resource: KEY,
        context: { ...viaS3, "kms:EncryptionContext:aws:s3:arn": BUCKET },
      }),
      true,
    );
    assert.equal(await allowed({ action: "kms:GenerateDataKey", resource: KEY }), false);
    assert.equal(
      await allowed({
        action: "kms:Decrypt",
        resource: KEY,
        context: { ...viaS3, "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::other/x" },
      }),
      false,
    );
  });

  it("CloudWatch Logs puts records into the one stream, and nothing else", async () => {
    const allowed = allowedBy(destination);
    assert.equal(await allowed({ action: "firehose:PutRecordBatch", resource: STREAM }), true);
    assert.equal(
      await allowed({ action: "firehose:DeleteDeliveryStream", resource: STREAM }),
      false,
    );
    assert.equal(
      await allowed({ action: "firehose:PutRecord", resource: STREAM.replace(/[^/]+$/, "other") }),
      false,
    );
  });

  it("the forwarder reads its sources, writes its groups and its dead-letter queue, nothing else", async () => {
    const allowed = allowedBy(forwarder);
    const stream = (g: string) => `${group(g)}:log-stream:acme-alb-logs/x`;
    assert.equal(
      await allowed({
        action: "s3:GetObject",
        resource: "arn:aws:s3:::acme-alb-logs/AWSLogs/x.log.gz",
      }),
      true,
    );
    assert.equal(await allowed({ action: "s3:GetObject", resource: `${BUCKET}/x` }), false);
    assert.equal(
      await allowed({ action: "s3:PutObject", resource: "arn:aws:s3:::acme-alb-logs/x" }),
      false,
    );
    assert.equal(
      await allowed({
        action: "logs:PutLogEvents",
        resource: stream("/platform/log-archive/forwarded"),
      }),
      true,
    );
    assert.equal(await allowed({ action: "logs:PutLogEvents", resource: stream("/other") }), false);
    assert.equal(await allowed({ action: "sqs:SendMessage", resource: QUEUE }), true);
    assert.equal(await allowed({ action: "sqs:DeleteQueue", resource: QUEUE }), false);
  });

  it("Chatbot reads the account's alarms and their metric graphs, and changes nothing", async () => {
    const allowed = allowedBy(chatbot);
    const alarm = `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:log-archive-root-account-use`;
    assert.equal(await allowed({ action: "cloudwatch:DescribeAlarms", resource: alarm }), true);
    assert.equal(await allowed({ action: "cloudwatch:GetMetricWidgetImage", resource: "*" }), true);
    assert.equal(await allowed({ action: "cloudwatch:GetMetricData", resource: "*" }), true);
    for (const action of ["cloudwatch:PutMetricAlarm", "cloudwatch:SetAlarmState"])
      assert.equal(await allowed({ action, resource: alarm }), false);
    assert.equal(
      await allowed({
        action: "cloudwatch:DescribeAlarms",
        resource: alarm.replace(ACCOUNT, "999999999999"),
      }),
      false,
    );
  });

  it("CloudTrail writes only its own log group", async () => {
    const allowed = allowedBy(trail);
    const own = `${group("/platform/log-archive/cloudtrail/platform-audit")}:log-stream:o-1_CloudTrail_eu-west-1`;
    assert.equal(await allowed({ action: "logs:PutLogEvents", resource: own }), true);
    assert.equal(
      await allowed({
        action: "logs:DeleteLogGroup",
        resource: group("/platform/log-archive/cloudtrail/platform-audit"),
      }),
      false,
    );
  });
});
