import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import simple from "../examples/simple";

type Pod = {
  nodeSelector?: Record<string, string>;
  tolerations?: unknown[];
  containers: Array<{
    image: string;
    resources: unknown;
    env?: Array<{ name: string; value: string }>;
  }>;
};
const statefulSet = (run: ProgramRun, name: string) =>
  resourceNamed(run, "kubernetes:apps/v1:StatefulSet", name).inputs["spec"] as {
    replicas: number;
    template: { spec: Pod };
  };
const cronJob = (run: ProgramRun, name: string) =>
  resourceNamed(run, "kubernetes:batch/v1:CronJob", name).inputs["spec"] as {
    schedule: string;
    suspend: boolean;
    jobTemplate: { spec: { template: { spec: Pod } } };
  };
const env = (pod: Pod) => Object.fromEntries(pod.containers[0]!.env!.map((e) => [e.name, e.value]));

describe("examples", () => {
  describe("simple: three members with daily snapshots", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(simple);
    });

    it("runs three members of the pinned image with requests equal to limits, under the component", () => {
      const cluster = resourceNamed(run, "platform:etcd:Cluster", "dev-etcd");
      const sts = resourceNamed(run, "kubernetes:apps/v1:StatefulSet", "dev-etcd");
      assert.equal(sts.parent, cluster.urn);
      const spec = statefulSet(run, "dev-etcd");
      assert.equal(spec.replicas, 3);
      assert.equal(spec.template.spec.containers[0]!.image, "quay.io/coreos/etcd:v3.5.17");
      assert.deepEqual(spec.template.spec.containers[0]!.resources, {
        requests: { cpu: "500m", memory: "1Gi" },
        limits: { cpu: "500m", memory: "1Gi" },
      });
      assert.equal(spec.template.spec.nodeSelector, undefined);
    });

    it("keeps snapshots 14 days in a KMS-encrypted bucket that logs to its access-log bucket", () => {
      const key = resourceNamed(run, "aws:kms/key:Key", "dev-etcd-backups");
      assert.equal(key.inputs["enableKeyRotation"], true);
      const bucket = resourceNamed(run, "aws:s3/bucket:Bucket", "dev-etcd-snapshots");
      assert.equal(bucket.inputs["bucket"], "dev-200000000002-etcd");
      assert.equal(
        resourceNamed(run, "aws:s3/bucket:Bucket", "dev-etcd-access-logs").inputs["bucket"],
        "dev-200000000002-etcd-access-logs",
      );
      const lifecycle = resourcesOfType(
        run,
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      ).find((r) => r.propertyDependencies["bucket"]?.includes(bucket.urn))!;
      const rule = (lifecycle.inputs["rules"] as Array<{ expiration?: { days: number } }>)[0]!;
      assert.deepEqual(rule.expiration, { days: 14 });
    });

    it("schedules daily snapshots, the hourly age check and the weekly drill, with the default ages", () => {
      assert.equal(cronJob(run, "dev-etcd-snapshot").schedule, "0 3 * * *");
      assert.equal(cronJob(run, "dev-etcd-backup-age").schedule, "30 * * * *");
      assert.equal(cronJob(run, "dev-etcd-restore-drill").schedule, "0 5 * * 0");
      assert.equal(cronJob(run, "dev-etcd-snapshot-on-demand").suspend, true);
      const drill = env(cronJob(run, "dev-etcd-restore-drill").jobTemplate.spec.template.spec);
      assert.equal(drill["MAX_AGE_SECONDS"], "93600");
      assert.equal(drill["S3_BUCKET"], "dev-200000000002-etcd");
    });

    it("issues server, peer and client certificates after the cert-manager add-on", () => {
      const addon = resourceNamed(run, "aws:eks/addon:Addon", "dev-cert-manager");
      const certs = resourcesOfType(run, "kubernetes:cert-manager.io/v1:Certificate");
      assert.deepEqual(certs.map((c) => c.name).sort(), [
        "dev-etcd-ca",
        "dev-etcd-client-tls",
        "dev-etcd-peer-tls",
        "dev-etcd-server-tls",
      ]);
      assert.ok(certs.every((c) => c.dependencies.includes(addon.urn)));
    });
  });

  describe("complete: five protected members on a dedicated node group, hourly snapshots", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(complete);
    });

    it("pins five members to the etcd node group, tolerating its taint", () => {
      const pod = statefulSet(run, "prod-etcd");
      assert.equal(pod.replicas, 5);
      assert.deepEqual(pod.template.spec.nodeSelector, { "eks.amazonaws.com/nodegroup": "etcd" });
      assert.deepEqual(pod.template.spec.tolerations, [
        { key: "dedicated", operator: "Equal", value: "etcd", effect: "NoSchedule" },
      ]);
    });

    it("protects the key, the snapshot bucket, the namespace and the members", () => {
      for (const [type, name] of [
        ["aws:kms/key:Key", "prod-etcd-backups"],
        ["aws:s3/bucket:Bucket", "prod-etcd-snapshots"],
        ["kubernetes:core/v1:Namespace", "prod-etcd-ns"],
        ["kubernetes:apps/v1:StatefulSet", "prod-etcd"],
      ] as const)
        assert.equal(resourceNamed(run, type, name).protect, true, name);
      assert.equal(
        resourceNamed(run, "aws:s3/bucket:Bucket", "prod-etcd-access-logs").protect,
        false,
      );
    });

    it("snapshots hourly, alerts after two hours and drills nightly", () => {
      assert.equal(cronJob(run, "prod-etcd-snapshot").schedule, "15 * * * *");
      assert.equal(cronJob(run, "prod-etcd-restore-drill").schedule, "0 4 * * *");
      const age = env(cronJob(run, "prod-etcd-backup-age").jobTemplate.spec.template.spec);
      assert.equal(age["MAX_AGE_SECONDS"], "7200");
    });

    it("starts the members after the EBS CSI driver", () => {
      const csi = resourceNamed(run, "aws:eks/addon:Addon", "prod-aws-ebs-csi-driver");
      assert.ok(
        resourceNamed(run, "kubernetes:apps/v1:StatefulSet", "prod-etcd").dependencies.includes(
          csi.urn,
        ),
      );
    });
  });
});
