import * as assert from "node:assert/strict";
import { ConfigError, loadStackConfig } from "@platform/core";
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
    assert.deepEqual(problems({ eks: { ...config.eks, version: "1.36" } }), [
      'Pulumi.qa.yaml: platform-qa:eks.version = "1.36": has no Cluster Autoscaler release pinned in @platform/eks (CLUSTER_AUTOSCALER_RELEASES covers 1.32, 1.33, 1.34, 1.35); add the chart and image of the matching minor first',
    ]);
  });
});
