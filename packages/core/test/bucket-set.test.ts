import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { encryptedBucketSet } from "../src";
import type { EncryptedBucketSetArgs } from "../src";

class Owner extends pulumi.ComponentResource {
  constructor(name: string, args: EncryptedBucketSetArgs, opts?: pulumi.ComponentResourceOptions) {
    super("test:index:Owner", name, {}, opts);
    encryptedBucketSet(name, args, { parent: this });
    this.registerOutputs({});
  }
}

function plan(args: Partial<EncryptedBucketSetArgs> = {}): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("p", { region: "eu-west-1" });
      new Owner(
        "backups",
        {
          bucketName: "org-111122223333-backups",
          keyDescription: "backups of org",
          accountId: "111122223333",
          ...args,
        },
        { provider },
      );
      return {};
    },
    { project: "p", stack: "s" },
  );
}

/** The child of `type` configuring the bucket named `bucket` (through its `bucket` input). */
const of = (run: ProgramRun, type: string, bucket: string) => {
  const urn = resourceNamed(run, "aws:s3/bucket:Bucket", bucket).urn;
  return resourcesOfType(run, type).find((r) => r.propertyDependencies["bucket"]?.includes(urn))!;
};

describe("encryptedBucketSet", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan({
      expireDays: 90,
      tags: { Purpose: "backup" },
      protect: true,
    });
  });

  it("creates a rotating key, an access-log bucket and a data bucket as children of the caller", () => {
    const owner = resourceNamed(run, "test:index:Owner", "backups");
    const key = resourceNamed(run, "aws:kms/key:Key", "backups-key");
    const logs = resourceNamed(run, "platform:core:SecureBucket", "backups-access-logs");
    const data = resourceNamed(run, "platform:core:SecureBucket", "backups-bucket");
    assert.deepEqual([key.parent, logs.parent, data.parent], [owner.urn, owner.urn, owner.urn]);
    assert.deepEqual(key.inputs, {
      description: "backups of org",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
  });

  it("encrypts the data bucket with the key and the log bucket with SSE-S3, as S3 logging requires", () => {
    const key = resourceNamed(run, "aws:kms/key:Key", "backups-key");
    const sse =
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration";
    const rule = (bucket: string) =>
      (
        of(run, sse, bucket).inputs["rules"] as Array<{
          applyServerSideEncryptionByDefault: { sseAlgorithm: string };
        }>
      )[0]!.applyServerSideEncryptionByDefault.sseAlgorithm;
    assert.equal(rule("backups-bucket"), "aws:kms");
    assert.ok(of(run, sse, "backups-bucket").dependencies.includes(key.urn));
    assert.equal(rule("backups-access-logs"), "AES256");
  });

  it("logs the data bucket to <bucketName>-access-logs under its own prefix", () => {
    const logs = resourceNamed(run, "aws:s3/bucket:Bucket", "backups-access-logs");
    assert.equal(logs.inputs["bucket"], "org-111122223333-backups-access-logs");
    const logging = of(run, "aws:s3/bucketLogging:BucketLogging", "backups-bucket");
    assert.equal(logging.inputs["targetPrefix"], "org-111122223333-backups/");
    assert.ok(logging.dependencies.includes(logs.urn));
  });

  it("protects the key and the data bucket, tags and expires the data, keeps access logs a year", () => {
    assert.equal(resourceNamed(run, "aws:kms/key:Key", "backups-key").protect, true);
    const data = resourceNamed(run, "aws:s3/bucket:Bucket", "backups-bucket");
    assert.equal(data.protect, true);
    assert.deepEqual(data.inputs["tags"], { Purpose: "backup" });
    assert.equal(resourceNamed(run, "aws:s3/bucket:Bucket", "backups-access-logs").protect, false);
    const expiry = (bucket: string) =>
      (
        of(run, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", bucket).inputs[
          "rules"
        ] as Array<{
          expiration?: { days: number };
          noncurrentVersionExpiration?: { noncurrentDays: number };
        }>
      )[0]!;
    assert.deepEqual(expiry("backups-bucket").expiration, { days: 90 });
    assert.deepEqual(expiry("backups-bucket").noncurrentVersionExpiration, { noncurrentDays: 30 });
    assert.deepEqual(expiry("backups-access-logs").expiration, { days: 365 });
  });

  it("keeps the logical names a component already had", async () => {
    const named = await plan({ names: { key: "backups-kms", bucket: "backups-snapshots" } });
    assert.deepEqual(
      [
        ...resourcesOfType(named, "aws:kms/key:Key"),
        ...resourcesOfType(named, "platform:core:SecureBucket"),
      ].map((r) => r.name),
      ["backups-kms", "backups-access-logs", "backups-snapshots"],
    );
  });
});
