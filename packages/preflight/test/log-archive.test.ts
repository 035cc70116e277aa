import * as assert from "node:assert/strict";
import { logArchive } from "../src/aws/log-archive";
import { check, messages, res } from "./fixtures";

const bucket = (objectLockEnabled?: boolean) =>
  res("aws:s3/bucket:Bucket", "archive", {
    bucket: "acme-log-archive",
    ...(objectLockEnabled === undefined ? {} : { objectLockEnabled }),
  });
const versioning = (b: ReturnType<typeof bucket>) =>
  res(
    "aws:s3/bucketVersioning:BucketVersioning",
    "archive-versioning",
    { bucket: "acme-log-archive", versioningConfiguration: { status: "Enabled" } },
    { refs: { bucket: [b] } },
  );
const lock = (b: ReturnType<typeof bucket>) =>
  res(
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    "archive-object-lock",
    { bucket: "acme-log-archive", rule: { defaultRetention: { mode: "GOVERNANCE", days: 365 } } },
    { refs: { bucket: [b] } },
  );
const destinationPolicy = (actions: string[], principal?: unknown) =>
  res("aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy", "d", {
    destinationName: "d",
    accessPolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: principal
        ? [{ Effect: "Allow", Principal: principal, Action: actions, Resource: "*" }]
        : [],
    }),
  });
const stream = (bufferingSize: number, bufferingInterval: number) =>
  res("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "s", {
    destination: "extended_s3",
    extendedS3Configuration: { bufferingSize, bufferingInterval },
  });

describe("aws-log-archive", () => {
  it("accepts a locked, versioned bucket, an admitting destination policy and buffering in bounds", async () => {
    const b = bucket(true);
    assert.deepEqual(
      await check(logArchive, [
        b,
        versioning(b),
        lock(b),
        destinationPolicy(["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"], {
          AWS: ["200000000002"],
        }),
        stream(128, 900),
      ]),
      [],
    );
  });

  it("fails Object Lock on a bucket created without it and without versioning", async () => {
    const b = bucket();
    assert.deepEqual(messages(await check(logArchive, [b, lock(b)])), [
      "error: bucket archive is not created with objectLockEnabled: Object Lock is enabled when a bucket is created; set objectLockEnabled: true (a new bucket)",
      "error: bucket archive has no enabled versioning: Object Lock requires it",
    ]);
  });

  it("fails a destination policy that admits nobody, warns without the account-policy action", async () => {
    assert.deepEqual(messages(await check(logArchive, [destinationPolicy([])])), [
      "error: the destination policy allows no principal logs:PutSubscriptionFilter: no account can subscribe; list the source accounts or the organisation",
    ]);
    assert.deepEqual(
      messages(
        await check(logArchive, [
          destinationPolicy(["logs:PutSubscriptionFilter"], { AWS: ["200000000002"] }),
        ]),
      ),
      [
        "warning: the destination policy does not allow logs:PutAccountPolicy: accounts cannot point an account-level subscription filter policy at it",
      ],
    );
  });

  it("fails Firehose buffering hints out of bounds", async () => {
    assert.deepEqual(messages(await check(logArchive, [stream(129, 901)])), [
      "error: bufferingSize 129 MiB: Firehose accepts 1-128",
      "error: bufferingInterval 901 s: Firehose accepts 0-900",
    ]);
  });
});
