import * as assert from "node:assert/strict";
import { findings, res } from "./helpers";

const bucket = () => res("aws:s3/bucket:Bucket", { bucket: "b" }, { name: "data" });

describe("storage and logging policies", () => {
  it("s3-public-access-block", async () => {
    const b = bucket();
    const all = {
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    };
    assert.deepEqual(
      await findings("s3-public-access-block", [
        b,
        res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", all, {
          deps: { bucket: [b] },
        }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("s3-public-access-block", [
        b,
        res(
          "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
          { ...all, restrictPublicBuckets: false },
          { deps: { bucket: [b] } },
        ),
      ]),
      ["bucket data: public access block leaves restrictPublicBuckets off"],
    );
    assert.deepEqual(await findings("s3-public-access-block", [bucket()]), [
      "bucket data: has no public access block",
    ]);
  });

  it("s3-encryption, with a customer KMS key when required", async () => {
    const b = bucket();
    const sse = (rule: Record<string, unknown>) =>
      res(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        { rules: [{ applyServerSideEncryptionByDefault: rule }] },
        { deps: { bucket: [b] } },
      );
    assert.deepEqual(await findings("s3-encryption", [b, sse({ sseAlgorithm: "AES256" })]), []);
    assert.deepEqual(
      await findings("s3-encryption", [b, sse({ sseAlgorithm: "AES256" })], { requireKms: true }),
      ["bucket data: is not encrypted with a customer KMS key"],
    );
    assert.deepEqual(
      await findings(
        "s3-encryption",
        [b, sse({ sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:k" })],
        { requireKms: true },
      ),
      [],
    );
    assert.deepEqual(await findings("s3-encryption", [bucket()]), [
      "bucket data: has no server-side encryption configuration",
    ]);
  });

  it("s3-encryption lets a server access log target keep SSE-S3 when KMS is required", async () => {
    const data = res("aws:s3/bucket:Bucket", {}, { name: "data" });
    const logs = res("aws:s3/bucket:Bucket", {}, { name: "access-logs" });
    const sse = (b: ReturnType<typeof res>, rule: Record<string, unknown>) =>
      res(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        { rules: [{ applyServerSideEncryptionByDefault: rule }] },
        { deps: { bucket: [b] } },
      );
    const resources = [
      data,
      logs,
      sse(data, { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:k" }),
      sse(logs, { sseAlgorithm: "AES256" }),
    ];
    const logging = res(
      "aws:s3/bucketLogging:BucketLogging",
      {},
      { deps: { bucket: [data], targetBucket: [logs] } },
    );
    assert.deepEqual(
      await findings("s3-encryption", [...resources, logging], { requireKms: true }),
      [],
    );
    // Without the logging configuration, the same SSE-S3 bucket is an ordinary bucket.
    assert.deepEqual(await findings("s3-encryption", resources, { requireKms: true }), [
      "bucket access-logs: is not encrypted with a customer KMS key",
    ]);
  });

  it("s3-versioning", async () => {
    const b = bucket();
    assert.deepEqual(
      await findings("s3-versioning", [
        b,
        res(
          "aws:s3/bucketVersioning:BucketVersioning",
          { versioningConfiguration: { status: "Enabled" } },
          { deps: { bucket: [b] } },
        ),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("s3-versioning", [
        b,
        res(
          "aws:s3/bucketVersioning:BucketVersioning",
          { versioningConfiguration: { status: "Suspended" } },
          { deps: { bucket: [b] } },
        ),
      ]),
      ["bucket data: versioning is not enabled"],
    );
  });

  it("s3-access-logging exempts the log-target bucket (no false positive)", async () => {
    const data = res("aws:s3/bucket:Bucket", {}, { name: "data" });
    const logs = res("aws:s3/bucket:Bucket", {}, { name: "access-logs" });
    const logging = res(
      "aws:s3/bucketLogging:BucketLogging",
      {},
      { deps: { bucket: [data], targetBucket: [logs] } },
    );
    assert.deepEqual(await findings("s3-access-logging", [data, logs, logging]), []);
    assert.deepEqual(await findings("s3-access-logging", [data, logs]), [
      "bucket data: access logging is not enabled",
      "bucket access-logs: access logging is not enabled",
    ]);
  });

  it("kms-rotation skips asymmetric and HMAC keys (no false positive)", async () => {
    assert.deepEqual(
      await findings("kms-rotation", [res("aws:kms/key:Key", { enableKeyRotation: true })]),
      [],
    );
    assert.deepEqual(
      await findings("kms-rotation", [
        res("aws:kms/key:Key", { customerMasterKeySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("kms-rotation", [
        res("aws:kms/key:Key", {
          customerMasterKeySpec: "HMAC_256",
          keyUsage: "GENERATE_VERIFY_MAC",
        }),
      ]),
      [],
    );
    assert.deepEqual(await findings("kms-rotation", [res("aws:kms/key:Key", {})]), [
      "key rotation is not enabled on a symmetric key",
    ]);
  });

  it("log-group-retention-kms with the configured minimum", async () => {
    assert.deepEqual(
      await findings(
        "log-group-retention-kms",
        [res("aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 365, kmsKeyId: "arn:k" })],
        { minRetentionDays: 365 },
      ),
      [],
    );
    assert.deepEqual(
      await findings(
        "log-group-retention-kms",
        [res("aws:cloudwatch/logGroup:LogGroup", { retentionInDays: 90 })],
        { minRetentionDays: 365 },
      ),
      ["retention 90 days is below 365", "log group is not encrypted with a KMS key"],
    );
  });
});
