import * as assert from "node:assert/strict";
import { ConfigError, loadStackConfig } from "@platform/core";
import { environmentStackSchema } from "../src";
import { config } from "./fixture";

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
        "Pulumi.qa.yaml: platform-qa:eks.nodeGroups[0].desiredSize = 2: must lie between minSize (3) and maxSize (4)",
      ],
    );
  });
});
