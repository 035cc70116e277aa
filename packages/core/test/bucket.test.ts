import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import { SecureBucket } from "../src";

describe("SecureBucket", () => {
  it("adds versioning, KMS encryption, all public-access blocks, TLS-only access, lifecycle and access logging", async () => {
    const run = await runProgram(
      () => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        const logs = new SecureBucket(
          "logs",
          { bucketName: "org-logs", kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k" },
          { provider },
        );
        new SecureBucket(
          "data",
          {
            bucketName: "org-data",
            kmsKeyArn: "arn:aws:kms:eu-west-1:1:key/k",
            expireDays: 30,
            infrequentAccessAfterDays: 7,
            accessLogBucket: logs.bucket,
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
      [{ days: 30 }, [{ days: 7, storageClass: "STANDARD_IA" }]],
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
});
