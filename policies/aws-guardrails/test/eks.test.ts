import * as assert from "node:assert/strict";
import { findings, res } from "./helpers";

const CLUSTER = "aws:eks/cluster:Cluster";
const good = {
  version: "1.32",
  vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: ["s"] },
  encryptionConfig: {
    resources: ["secrets"],
    provider: { keyArn: "arn:aws:kms:eu-west-1:1:key/k" },
  },
  enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
};

describe("EKS policies", () => {
  it("eks-private-endpoint", async () => {
    assert.deepEqual(await findings("eks-private-endpoint", [res(CLUSTER, good)]), []);
    assert.deepEqual(
      await findings("eks-private-endpoint", [
        res(CLUSTER, {
          ...good,
          vpcConfig: {
            endpointPrivateAccess: true,
            endpointPublicAccess: true,
            publicAccessCidrs: ["203.0.113.0/24"],
          },
        }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("eks-private-endpoint", [
        res(CLUSTER, { ...good, vpcConfig: { endpointPrivateAccess: true } }),
      ]),
      ["the public endpoint is open to 0.0.0.0/0; disable it or allowlist CIDRs"],
    );
  });

  it("eks-secrets-encryption", async () => {
    assert.deepEqual(await findings("eks-secrets-encryption", [res(CLUSTER, good)]), []);
    assert.deepEqual(
      await findings("eks-secrets-encryption", [
        res(CLUSTER, { ...good, encryptionConfig: undefined }),
      ]),
      ["secrets are not envelope-encrypted with a customer KMS key"],
    );
  });

  it("eks-control-plane-logging", async () => {
    assert.deepEqual(await findings("eks-control-plane-logging", [res(CLUSTER, good)]), []);
    assert.deepEqual(
      await findings("eks-control-plane-logging", [
        res(CLUSTER, { ...good, enabledClusterLogTypes: ["api", "audit"] }),
      ]),
      ["control-plane log types not enabled: authenticator, controllerManager, scheduler"],
    );
  });

  it("eks-supported-version with the configured minimum", async () => {
    assert.deepEqual(await findings("eks-supported-version", [res(CLUSTER, good)]), []);
    assert.deepEqual(
      await findings("eks-supported-version", [res(CLUSTER, good)], { minimumVersion: "1.33" }),
      ["version 1.32 is below 1.33"],
    );
  });

  it("eks-backup-present: a Velero release on a versioned, encrypted bucket", async () => {
    const cluster = res(CLUSTER, good, { name: "dev" });
    const bucket = res("aws:s3/bucket:Bucket", { bucket: "dev-velero" });
    const versioning = res(
      "aws:s3/bucketVersioning:BucketVersioning",
      { versioningConfiguration: { status: "Enabled" } },
      { deps: { bucket: [bucket] } },
    );
    const sse = res(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      {},
      { deps: { bucket: [bucket] } },
    );
    const velero = res("kubernetes:helm.sh/v3:Release", {
      chart: "velero",
      values: { configuration: { backupStorageLocation: [{ bucket: "dev-velero" }] } },
    });
    assert.deepEqual(
      await findings("eks-backup-present", [cluster, bucket, versioning, sse, velero]),
      [],
    );
    assert.deepEqual(await findings("eks-backup-present", [cluster, bucket, sse, velero]), [
      "cluster dev has no Velero release backing up to a versioned, encrypted bucket in this stack",
    ]);
  });
});
