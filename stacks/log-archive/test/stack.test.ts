import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  accessLogDeliveries,
  describeAccountStack,
  expectConfigRejected,
  resourceNamed,
  resourcesOfType,
  runStackSource,
  stackConfig,
  topicPublishing,
} from "@platform/testing";
import type { ProgramRun } from "@platform/testing";

const c = { dir: path.resolve(__dirname, ".."), stack: "log-archive" };
const file = "Pulumi.log-archive.yaml";

describeAccountStack(c);

describe(`platform-log-archive (${file})`, () => {
  let run: ProgramRun;
  before(async () => {
    run = await runStackSource(c);
  });

  it("exports the destination every account subscribes to, and the archive's names", () => {
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "accountId",
      "alarmTopicArn",
      "bucketName",
      "destinationArn",
      "region",
      "trailArn",
    ]);
    assert.equal(
      run.outputs["destinationArn"],
      "arn:aws:logs:eu-west-1:700000000007:destination:platform-log-archive",
    );
  });

  it("protects the archive bucket, its key and the trail, and locks the bucket from creation", () => {
    const bucket = resourceNamed(run, "aws:s3/bucket:Bucket", "log-archive-archive");
    assert.equal(bucket.inputs["objectLockEnabled"], true);
    assert.equal(bucket.protect, true);
    assert.equal(resourceNamed(run, "aws:kms/key:Key", "log-archive-archive-key").protect, true);
    assert.equal(
      resourceNamed(run, "aws:cloudtrail/trail:Trail", "log-archive-trail").protect,
      true,
    );
  });

  it("admits the four source accounts to the destination", () => {
    const policy = JSON.parse(
      String(
        resourceNamed(
          run,
          "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy",
          "log-archive-collection",
        ).inputs["accessPolicy"],
      ),
    );
    assert.deepEqual(policy.Statement[0].Principal.AWS, [
      "100000000001",
      "200000000002",
      "300000000003",
      "400000000004",
    ]);
  });

  it("delivers access logs and alarm notifications where AWS accepts them", () => {
    assert.deepEqual(
      accessLogDeliveries(run).flatMap((d) => d.problems),
      [],
    );
    assert.deepEqual(
      topicPublishing(run).flatMap((t) => t.problems),
      [],
    );
    assert.equal(resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 10);
  });

  const storage = stackConfig(c, "storage");

  it("rejects a lifecycle S3 would refuse", () =>
    expectConfigRejected(
      c,
      {
        "platform-log-archive:storage": {
          ...storage,
          lifecycle: { standardIaDays: 30, glacierFlexibleRetrievalDays: 40, expireDays: 2555 },
        },
      },
      `${file}: platform-log-archive:storage.lifecycle.glacierFlexibleRetrievalDays = 40: S3 requires the transition to GLACIER at least 30 days after the transition to STANDARD_IA (day 30); use 60 or more`,
    ));

  it("rejects a search that is neither none nor an object with a kind", () =>
    expectConfigRejected(
      c,
      { "platform-log-archive:search": "serverless" },
      `${file}: platform-log-archive:search = "serverless": expected none, or an object with kind domain or serverless (see the README)`,
    ));

  const domain = {
    kind: "domain",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    subnetIds: ["subnet-0a000000000000001", "subnet-0b000000000000002"],
    allowedCidrs: ["10.70.0.0/16"],
    instanceCount: 2,
    masterUserRoleArn: "arn:aws:iam::700000000007:role/search-admin",
  };

  it("keeps search none as shipped, and plans a VPC domain when given one", async () => {
    assert.deepEqual(resourcesOfType(run, "aws:opensearch/domain:Domain"), []);
    const searched = await runStackSource(c, { "platform-log-archive:search": domain });
    const planned = resourceNamed(searched, "aws:opensearch/domain:Domain", "log-archive-search");
    assert.deepEqual(
      (planned.inputs["vpcOptions"] as { subnetIds: string[] }).subnetIds,
      domain.subnetIds,
    );
    assert.equal(planned.protect, true);
  });

  it("keeps the S3 stream as shipped; with a domain, the same stream indexes into it and backs every document up to the archive", async () => {
    const STREAM = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
    assert.equal(
      resourceNamed(run, STREAM, "log-archive-collection").inputs["destination"],
      "extended_s3",
    );
    const searched = await runStackSource(c, { "platform-log-archive:search": domain });
    const stream = resourceNamed(searched, STREAM, "log-archive-collection");
    assert.equal(stream.inputs["destination"], "opensearch");
    const os = stream.inputs["opensearchConfiguration"] as Record<string, unknown>;
    assert.equal(os["s3BackupMode"], "AllDocuments");
    assert.equal(os["domainArn"], "arn:aws:es:eu-west-1:700000000007:domain/platform-logs");
    assert.deepEqual((os["vpcConfig"] as { subnetIds: string[] }).subnetIds, domain.subnetIds);
    assert.deepEqual(resourcesOfType(searched, STREAM).length, 1);
  });

  it("rejects a domain whose data nodes do not spread evenly over its zones", () =>
    expectConfigRejected(
      c,
      { "platform-log-archive:search": { ...domain, instanceCount: 3 } },
      `${file}: platform-log-archive:search.instanceCount = 3: data nodes are spread evenly over the 2 zones (subnetIds); use a multiple of 2, e.g. 4`,
    ));
});
