import * as assert from "node:assert/strict";
import { supportEks } from "../src/calendar/eks";
import { supportPinned } from "../src/calendar/pinned";
import { supportVelero } from "../src/calendar/velero";
import { check, messages, res } from "./fixtures";
import { eksCluster } from "./k8s-fixtures";

function velero(provider: string, version: string, plugin: string) {
  return {
    ...res("kubernetes:helm.sh/v3:Release", "velero", {
      chart: "velero",
      version,
      values: {
        initContainers: [
          { name: "velero-plugin-for-aws", image: `velero/velero-plugin-for-aws:${plugin}` },
        ],
      },
    }),
    provider,
  };
}

describe("support-velero", () => {
  it("rejects a plugin of another minor and warns on Velero out of support and untested Kubernetes", async () => {
    const c = eksCluster();
    const findings = await check(
      supportVelero,
      [...c.all, velero(c.provider.urn, "8.1.0", "v1.12.0")],
      {
        today: new Date("2026-11-26T00:00:00Z"),
      },
    );
    assert.deepEqual(messages(findings), [
      "warning: chart 8.1.0 ships Velero 1.15, out of maintainer support since 2025-09-09 (Velero 1.17 released; only the current and previous minor are supported): move to Velero 1.18",
      "error: velero/velero-plugin-for-aws:v1.12.0 is plugin 1.12, but Velero 1.15 (chart 8.1.0) needs velero-plugin-for-aws v1.11.x",
      "warning: Velero 1.15 was tested on Kubernetes 1.28, 1.29, 1.30, 1.31, not 1.33",
    ]);
  });

  it("warns in the weeks before support ends, and accepts a supported, matching pair", async () => {
    const c = eksCluster();
    const before = await check(
      supportVelero,
      [...c.all, velero(c.provider.urn, "8.1.0", "v1.11.1")],
      {
        today: new Date("2025-08-01T00:00:00Z"),
      },
    );
    assert.deepEqual(messages(before), [
      "warning: Velero 1.15 leaves support on 2025-09-09 (39 days)",
      "warning: Velero 1.15 was tested on Kubernetes 1.28, 1.29, 1.30, 1.31, not 1.33",
    ]);
    const ok = await check(supportVelero, [...c.all, velero(c.provider.urn, "11.3.0", "v1.13.2")], {
      today: new Date("2026-01-15T00:00:00Z"),
    });
    assert.deepEqual(ok, []);
  });
});

describe("support-versions-pinned", () => {
  it("rejects an unpinned chart, an add-on without a version and kube-proxy of another minor", async () => {
    const cluster = res("aws:eks/cluster:Cluster", "c", { name: "dev", version: "1.33" });
    const findings = await check(supportPinned, [
      cluster,
      res("kubernetes:helm.sh/v3:Release", "r", { chart: "velero", version: "^8.0.0" }),
      res(
        "aws:eks/addon:Addon",
        "cni",
        { addonName: "vpc-cni" },
        { refs: { clusterName: [cluster] } },
      ),
      res(
        "aws:eks/addon:Addon",
        "kp",
        { addonName: "kube-proxy", addonVersion: "v1.32.0-eksbuild.2" },
        { refs: { clusterName: [cluster] } },
      ),
    ]);
    assert.deepEqual(messages(findings), [
      'error: chart velero version "^8.0.0" is not exact: each run may install a different chart; pin an exact version',
      "error: add-on vpc-cni has no addonVersion: EKS installs its default for the cluster version, which changes between runs; pin it",
      "error: kube-proxy add-on v1.32.0-eksbuild.2 is for Kubernetes 1.32, the cluster runs 1.33: use the kube-proxy build for 1.33",
    ]);
  });

  it("accepts pinned charts and add-ons that match the cluster", async () => {
    const cluster = res("aws:eks/cluster:Cluster", "c", { name: "dev", version: "1.33" });
    const findings = await check(supportPinned, [
      cluster,
      res("kubernetes:helm.sh/v3:Release", "r", { chart: "velero", version: "11.3.0" }),
      res(
        "aws:eks/addon:Addon",
        "kp",
        { addonName: "kube-proxy", addonVersion: "v1.33.3-eksbuild.4" },
        { refs: { clusterName: [cluster] } },
      ),
    ]);
    assert.deepEqual(findings, []);
  });
});

describe("support-eks (core's EKS calendar over the planned cluster)", () => {
  const today = new Date("2026-11-26T00:00:00Z");
  const cluster = (version: string, supportType = "STANDARD") =>
    res("aws:eks/cluster:Cluster", "c", {
      name: "dev",
      version,
      upgradePolicy: { supportType },
    });
  const addon = (addonName: string, addonVersion: string) =>
    res("aws:eks/addon:Addon", addonName, { clusterName: "dev", addonName, addonVersion });

  it("rejects 1.32 under STANDARD after its standard support ended, naming the way forward", async () => {
    assert.deepEqual(messages(await check(supportEks, [cluster("1.32")], { today })), [
      "error: Kubernetes 1.32 left EKS standard support on 2026-03-23 and upgradePolicy is STANDARD, so EKS upgrades the cluster itself; upgrade to 1.33, then one minor version at a time to 1.35 (standard support until 2027-03-27)",
    ]);
  });

  it("rejects a kube-proxy of another minor, and accepts 1.35 with documented add-ons", async () => {
    const wrong = await check(
      supportEks,
      [cluster("1.35"), addon("kube-proxy", "v1.32.0-eksbuild.2")],
      { today },
    );
    assert.equal(wrong.length, 1);
    assert.match(
      messages(wrong)[0]!,
      /^error: kube-proxy v1\.32\.0-eksbuild\.2 does not match Kubernetes 1\.35/,
    );
    assert.deepEqual(
      await check(supportEks, [cluster("1.35"), addon("kube-proxy", "v1.35.3-eksbuild.13")], {
        today,
      }),
      [],
    );
  });
});
