import * as assert from "node:assert/strict";
import * as path from "node:path";
import { ConfigError, loadStackConfig } from "@platform/core";
import { readStackFile } from "@platform/testing";
import { environmentStackSchema } from "../src";
import { config, etcd } from "./fixture";

type Overrides = Partial<Record<keyof typeof config, unknown>>;

/** The problems `Pulumi.qa.yaml` would report with the fixture's config and these overrides. */
function problems(overrides: Overrides = {}): string[] {
  const { secrets: _secrets, ...plain } = { ...config, ...overrides };
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(plain))
    if (value !== undefined) values[`platform-qa:${key}`] = JSON.stringify(value);
  try {
    loadStackConfig(environmentStackSchema, {
      source: { project: "platform-qa", stack: "qa", values, secretKeys: new Set() },
    });
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return [...err.problems];
  }
  return [];
}

describe("environmentStackSchema", () => {
  it("accepts the fixture", () => {
    assert.deepEqual(problems(), []);
  });

  it("rejects a VPC CNI too old to enforce NetworkPolicy", () => {
    assert.deepEqual(
      problems({
        eks: { ...config.eks, addons: { ...config.eks.addons, "vpc-cni": "v1.13.4-eksbuild.1" } },
      }),
      [
        'Pulumi.qa.yaml: platform-qa:eks.addons.vpc-cni = "v1.13.4-eksbuild.1": is older than v1.14.0-eksbuild.3, the first vpc-cni version that enforces NetworkPolicy (enableNetworkPolicy); pin v1.14.0-eksbuild.3 or later',
      ],
    );
  });

  it("rejects node group sizes the EKS API rejects", () => {
    const general = config.eks.nodeGroups[0]!;
    assert.deepEqual(
      problems({
        eks: { ...config.eks, nodeGroups: [{ ...general, minSize: 3, desiredSize: 2 }] },
      }),
      [
        "Pulumi.qa.yaml: platform-qa:eks.nodeGroups[0].desiredSize = 2: must lie between minSize (3) and maxSize (6)",
      ],
    );
  });

  it("rejects etcd members the node groups cannot place, before anything is created", () => {
    const general = config.eks.nodeGroups[0]!;
    assert.deepEqual(problems({ etcd }), []);
    assert.deepEqual(
      problems({
        etcd,
        eks: { ...config.eks, nodeGroups: [{ ...general, minSize: 2, desiredSize: 2 }] },
      }),
      [
        "Pulumi.qa.yaml: platform-qa:etcd.members = 3: needs 3 nodes it can run on, one member each, spread evenly over the AZs; node groups general (minSize 2) over 2 AZs guarantee room for only 2 (an Auto Scaling group may put an uneven count's extra nodes in any AZ). Raise eks.nodeGroups[0].minSize (general) to 3, or pin etcd to a larger group with etcd.nodeGroup",
      ],
    );
    assert.deepEqual(problems({ etcd: { ...etcd, nodeGroup: "etcd" } }), [
      'Pulumi.qa.yaml: platform-qa:etcd.nodeGroup = "etcd": is not a node group of the cluster; known: general',
    ]);
    assert.deepEqual(
      problems({ etcd: { ...etcd, resources: { cpu: "4", memory: "1Gi" } } }).length,
      1,
    );
  });

  it("requires production etcd to survive the loss of an AZ", () => {
    assert.deepEqual(problems({ etcd, account: { ...config.account, tier: "prod" } }), [
      "Pulumi.qa.yaml: platform-qa:vpc.azCount = 2: 3 etcd members over 2 AZs: losing the AZ with the most members leaves fewer than a quorum (2); production etcd needs at least 3 AZs",
    ]);
  });

  it("rejects a Kubernetes version without a pinned Cluster Autoscaler release", () => {
    assert.deepEqual(problems({ eks: { ...config.eks, version: "1.36" } }).slice(0, 1), [
      'Pulumi.qa.yaml: platform-qa:eks.version = "1.36": has no Cluster Autoscaler release pinned in @platform/eks (CLUSTER_AUTOSCALER_RELEASES covers 1.32, 1.33, 1.34, 1.35); add the chart and image of the matching minor first',
    ]);
  });

  describe("against the EKS support calendar (on 2026-11-26)", () => {
    const saved = process.env["PLATFORM_TODAY"];
    before(() => {
      process.env["PLATFORM_TODAY"] = "2026-11-26";
    });
    after(() => {
      if (saved === undefined) delete process.env["PLATFORM_TODAY"];
      else process.env["PLATFORM_TODAY"] = saved;
    });

    it("rejects 1.32 with upgradePolicy STANDARD, naming the end date and the version to move to", () => {
      assert.deepEqual(
        problems({
          eks: {
            ...config.eks,
            version: "1.32",
            addons: { ...config.eks.addons, "kube-proxy": "v1.32.13-eksbuild.16" },
          },
        }),
        [
          'Pulumi.qa.yaml: platform-qa:eks.version = "1.32": Kubernetes 1.32 left EKS standard support on 2026-03-23 and upgradePolicy is STANDARD, so EKS upgrades the cluster itself; upgrade to 1.33, then one minor version at a time to 1.35 (standard support until 2027-03-27)',
        ],
      );
    });

    it("accepts 1.32 with upgradePolicy EXTENDED (billed, warned about at plan time)", () => {
      assert.deepEqual(
        problems({
          eks: {
            ...config.eks,
            version: "1.32",
            upgradePolicy: "EXTENDED",
            addons: { ...config.eks.addons, "kube-proxy": "v1.32.13-eksbuild.16" },
          },
        }),
        [],
      );
    });

    it("rejects a kube-proxy add-on built for another Kubernetes minor", () => {
      assert.deepEqual(
        problems({
          eks: {
            ...config.eks,
            addons: { ...config.eks.addons, "kube-proxy": "v1.32.0-eksbuild.2" },
          },
        }),
        [
          'Pulumi.qa.yaml: platform-qa:eks.addons.kube-proxy = "v1.32.0-eksbuild.2": kube-proxy v1.32.0-eksbuild.2 does not match Kubernetes 1.35: EKS ships kube-proxy per Kubernetes minor version and it may not be newer than the control plane; use v1.35.3-eksbuild.13',
        ],
      );
    });

    it("accepts every shipped environment's EKS block", () => {
      for (const name of ["dev", "test", "prod"]) {
        const dir = path.resolve(__dirname, "..", "..", "..", "stacks", name);
        const eks = readStackFile(dir, name).config[`platform-${name}:eks`];
        assert.deepEqual(problems({ eks }), [], name);
      }
    });
  });

  describe("where pulumi reaches the Kubernetes API from (eks.apiAccess)", () => {
    const withAccess = (apiAccess: unknown, tier = "nonprod") =>
      problems({
        account: { ...config.account, tier },
        eks: { ...config.eks, apiAccess },
      });

    it("deploys from the runner by default", () => {
      const { apiAccess: _omitted, ...eks } = config.eks;
      assert.deepEqual(problems({ eks }), []);
    });

    it("rejects deploying from the internet while the endpoint is private only", () => {
      assert.deepEqual(withAccess({ deployFrom: "internet", publicAccessCidrs: [] }), [
        'Pulumi.qa.yaml: platform-qa:eks.apiAccess.deployFrom = "internet": the endpoint is private only (publicAccessCidrs is empty), so pulumi on the internet cannot reach it; allowlist the egress CIDRs of the machines that run pulumi in publicAccessCidrs, or deploy from the runner',
      ]);
    });

    it("rejects the runner with a public endpoint, whose name it would resolve to public addresses", () => {
      assert.match(
        withAccess({ deployFrom: "runner", publicAccessCidrs: ["198.51.100.0/24"] })[0]!,
        /^Pulumi\.qa\.yaml: platform-qa:eks\.apiAccess\.publicAccessCidrs = \["198\.51\.100\.0\/24"\]: with a public endpoint the cluster's name resolves to its public addresses outside its VPC/,
      );
    });

    it("rejects a public endpoint or internet deploys in prod", () => {
      assert.deepEqual(
        withAccess({ deployFrom: "internet", publicAccessCidrs: ["198.51.100.0/24"] }, "prod"),
        [
          'Pulumi.qa.yaml: platform-qa:eks.apiAccess.publicAccessCidrs = ["198.51.100.0/24"]: a prod cluster keeps a private endpoint only; remove publicAccessCidrs',
          `Pulumi.qa.yaml: platform-qa:eks.apiAccess.deployFrom = "internet": prod's endpoint is private, so nothing on the internet reaches it; deploy from the runner`,
        ],
      );
      assert.deepEqual(
        withAccess({ deployFrom: "internet", publicAccessCidrs: ["198.51.100.0/24"] }),
        [],
      );
    });

    it("rejects an administrators' role that is one of the roles pulumi runs as", () => {
      assert.deepEqual(
        problems({
          eks: { ...config.eks, adminRoleArn: "arn:aws:iam::500000000005:role/platform-previewer" },
        }),
        [
          'Pulumi.qa.yaml: platform-qa:eks.adminRoleArn = "arn:aws:iam::500000000005:role/platform-previewer": is a role pulumi runs as (arn:aws:iam::500000000005:role/platform-deployer, arn:aws:iam::500000000005:role/platform-previewer, arn:aws:iam::500000000005:role/platform-drift), which has its own access entry; a principal has one: use a separate administrators\' role',
        ],
      );
    });
  });
});
