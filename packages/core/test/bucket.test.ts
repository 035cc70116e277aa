import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import { lifecycleProblems, SecureBucket } from "../src";
import type { LifecycleActions } from "../src";

describe("SecureBucket", () => {
  it("adds versioning, KMS encryption, all public-access blocks, TLS-only access, lifecycle and access logging", async () => {
    const run = await runProgram(
      () => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        const logs = new SecureBucket(
          "logs",
          {
            bucketName: "org-logs",
            accessLogTargetFor: { accountId: "111122223333", bucketNames: ["org-data"] },
          },
          { provider },
        );
        new SecureBucket(
          "data",
          {
            bucketName: "org-data",
            kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
            expireDays: 400,
            infrequentAccessAfterDays: 30,
            accessLogBucket: logs,
            tags: { Purpose: "backup" },
            protect: true,
          },
          { provider },
        );
        return {};
      },
      { project: "p", stack: "s" },
    );
    const data = resourceNamed(run, "aws:s3/bucket:Bucket", "data");
    assert.equal(data.protect, true);
    const of = (type: string) =>
      resourcesOfType(run, type).filter((r) =>
        r.propertyDependencies["bucket"]?.includes(data.urn),
      );
    assert.deepEqual(
      (
        of("aws:s3/bucketVersioning:BucketVersioning")[0]!.inputs["versioningConfiguration"] as {
          status: string;
        }
      ).status,
      "Enabled",
    );
    const pab = of("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")[0]!.inputs;
    assert.deepEqual(
      [
        pab["blockPublicAcls"],
        pab["blockPublicPolicy"],
        pab["ignorePublicAcls"],
        pab["restrictPublicBuckets"],
      ],
      [true, true, true, true],
    );
    const sse = of(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    )[0]!.inputs["rules"] as Array<{
      applyServerSideEncryptionByDefault: { sseAlgorithm: string };
    }>;
    assert.equal(sse[0]!.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
    const tls = JSON.parse(String(of("aws:s3/bucketPolicy:BucketPolicy")[0]!.inputs["policy"]));
    assert.deepEqual(tls.Statement[0].Condition, { Bool: { "aws:SecureTransport": "false" } });
    const rule = (
      of("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")[0]!.inputs[
        "rules"
      ] as Array<Record<string, unknown>>
    )[0]!;
    assert.deepEqual(
      [rule["expiration"], rule["transitions"]],
      [{ days: 400 }, [{ days: 30, storageClass: "STANDARD_IA" }]],
    );
    const logging = of("aws:s3/bucketLogging:BucketLogging")[0]!;
    assert.deepEqual(logging.propertyDependencies["targetBucket"], [
      resourceNamed(run, "aws:s3/bucket:Bucket", "logs").urn,
    ]);
    const logsBucket = resourceNamed(run, "aws:s3/bucket:Bucket", "logs");
    assert.equal(
      resourcesOfType(run, "aws:s3/bucketLogging:BucketLogging").filter((r) =>
        r.propertyDependencies["bucket"]?.includes(logsBucket.urn),
      ).length,
      0,
    );
  });

  it("derives lifecycle rules S3 accepts when retention is shorter than the Standard-IA transition", async () => {
    const run = await runProgram(
      () => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        new SecureBucket(
          "backups",
          {
            bucketName: "dev-velero",
            kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
            expireDays: 14,
            noncurrentDays: 30,
            infrequentAccessAfterDays: 30,
          },
          { provider },
        );
        return {};
      },
      { project: "p", stack: "s" },
    );
    const [lifecycle] = resourcesOfType(
      run,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    );
    const [rule] = lifecycle!.inputs["rules"] as LifecycleActions[];
    assert.deepEqual(lifecycleProblems(rule!), []);
    assert.deepEqual(rule!.expiration, { days: 14 });
  });

  it("refuses a Standard-IA transition before day 30, naming the bucket and the fix", async () => {
    await assert.rejects(
      runProgram(
        () => {
          const provider = new aws.Provider("p", { region: "eu-west-1" });
          new SecureBucket(
            "data",
            {
              bucketName: "org-data",
              kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
              infrequentAccessAfterDays: 7,
            },
            { provider },
          );
          return {};
        },
        { project: "p", stack: "s" },
      ),
      /bucket org-data: invalid arguments:\n  infrequentAccessAfterDays = 7: S3 moves objects to STANDARD_IA no earlier than day 30; use 30 or more/,
    );
  });

  it("makes an access-log target S3 can deliver to: SSE-S3 and a source-scoped grant to the logging service", async () => {
    const run = await runProgram(
      () => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        const logs = new SecureBucket(
          "logs",
          {
            bucketName: "org-logs",
            accessLogTargetFor: { accountId: "111122223333", bucketNames: ["org-data"] },
          },
          { provider },
        );
        new SecureBucket(
          "data",
          {
            bucketName: "org-data",
            kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
            accessLogBucket: logs,
          },
          { provider },
        );
        return {};
      },
      { project: "p", stack: "s" },
    );
    const logsBucket = resourceNamed(run, "aws:s3/bucket:Bucket", "logs");
    const of = (type: string) =>
      resourcesOfType(run, type).find((r) =>
        r.propertyDependencies["bucket"]?.includes(logsBucket.urn),
      )!;
    const sse = of(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ).inputs["rules"];
    assert.deepEqual(sse, [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
    const policy = JSON.parse(String(of("aws:s3/bucketPolicy:BucketPolicy").inputs["policy"]));
    assert.equal(policy.Statement[0].Sid, "TlsOnly");
    assert.deepEqual(policy.Statement[1], {
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: ["arn:aws:s3:::org-logs/org-data/*"],
      Condition: {
        ArnLike: { "aws:SourceArn": ["arn:aws:s3:::org-data"] },
        StringEquals: { "aws:SourceAccount": "111122223333" },
      },
    });
    const logging = resourceNamed(run, "aws:s3/bucketLogging:BucketLogging", "data-access-logs");
    assert.equal(logging.inputs["targetPrefix"], "org-data/");
  });

  it("refuses a log bucket that does not receive this bucket's logs, and a bucket with no encryption choice", async () => {
    const attempt = (program: () => void) =>
      runProgram(
        () => {
          program();
          return {};
        },
        { project: "p", stack: "s" },
      );
    await assert.rejects(
      attempt(() => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        const logs = new SecureBucket(
          "logs",
          {
            bucketName: "org-logs",
            accessLogTargetFor: { accountId: "1", bucketNames: ["other"] },
          },
          { provider },
        );
        new SecureBucket(
          "data",
          { bucketName: "org-data", kmsKeyArn: "arn:k", accessLogBucket: logs },
          { provider },
        );
      }),
      /bucket org-data: invalid arguments:\n  accessLogBucket does not list org-data in its accessLogTargetFor.bucketNames/,
    );
    await assert.rejects(
      attempt(() => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        new SecureBucket("none", { bucketName: "org-none" } as never, { provider });
      }),
      /give exactly one of kmsKeyArn \(a data bucket\) and accessLogTargetFor/,
    );
  });
});
