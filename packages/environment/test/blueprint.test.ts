import * as assert from "node:assert/strict";
import { resourcesOfType, runProgram } from "@platform/testing";
import { deployEnvironment } from "../src";
import type { EnvironmentConfig } from "../src";

const config: EnvironmentConfig = {
  account: {
    name: "qa",
    accountId: "500000000005",
    region: "eu-central-1",
    roleArn: "arn:aws:iam::500000000005:role/platform-deployer",
    tier: "nonprod",
  },
  tags: { owner: "qa-team", costCentre: "CC-5", extra: { Environment: "spoofed", Project: "lz" } },
  secrets: {},
};

describe("deployEnvironment", () => {
  it("creates the account provider with the environment's region, account, role and tags", async () => {
    const run = await runProgram(() => deployEnvironment(config), {
      project: "platform-qa",
      stack: "qa",
    });
    const [provider] = resourcesOfType(run, "pulumi:providers:aws");
    assert.equal(provider?.name, "qa-account");
    assert.equal(provider?.inputs["region"], "eu-central-1");
    assert.deepEqual(JSON.parse(String(provider?.inputs["assumeRoles"])), [
      { roleArn: "arn:aws:iam::500000000005:role/platform-deployer", sessionName: "pulumi-qa" },
    ]);
    const tags = JSON.parse(String(provider?.inputs["defaultTags"])).tags;
    assert.deepEqual(tags, {
      Project: "lz",
      Environment: "qa",
      Tier: "nonprod",
      Owner: "qa-team",
      CostCentre: "CC-5",
      ManagedBy: "pulumi-platform",
    });
    assert.deepEqual(run.outputs["accountId"], "500000000005");
  });
});
