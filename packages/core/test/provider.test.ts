import * as assert from "node:assert/strict";
import { resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import {
  accountProvider,
  effectiveRoleArn,
  identityMode,
  networkSpokeProvider,
  ROLE_NAME_OVERRIDE,
} from "../src";
import type { Environment } from "../src";

const deployer = "arn:aws:iam::200000000002:role/platform-deployer";
const spoke = "arn:aws:iam::100000000001:role/platform-network-spoke";

describe("effectiveRoleArn: the one decision of which role a provider assumes", () => {
  it("uses the configured roles when PLATFORM_ASSUME_ROLE_NAME is unset or empty (deploy)", () => {
    for (const env of [{}, { [ROLE_NAME_OVERRIDE]: "" }]) {
      assert.equal(identityMode(env), "deploy");
      assert.equal(effectiveRoleArn(deployer, env), deployer);
      assert.equal(effectiveRoleArn(spoke, env, "network-spoke"), spoke);
    }
  });

  it("swaps to the account's previewer and the read-only spoke role in PR previews", () => {
    const env = { [ROLE_NAME_OVERRIDE]: "platform-previewer" };
    assert.equal(identityMode(env), "preview");
    assert.equal(
      effectiveRoleArn(deployer, env),
      "arn:aws:iam::200000000002:role/platform-previewer",
    );
    assert.equal(
      effectiveRoleArn(spoke, env, "network-spoke"),
      "arn:aws:iam::100000000001:role/platform-network-spoke-readonly",
    );
  });

  it("swaps to the drift role and the read-only spoke role in drift runs", () => {
    const env = { [ROLE_NAME_OVERRIDE]: "platform-drift" };
    assert.equal(identityMode(env), "drift");
    assert.equal(effectiveRoleArn(deployer, env), "arn:aws:iam::200000000002:role/platform-drift");
    assert.equal(
      effectiveRoleArn(spoke, env, "network-spoke"),
      "arn:aws:iam::100000000001:role/platform-network-spoke-readonly",
    );
  });

  it("keeps the partition and drops a path of the configured role", () => {
    assert.equal(
      effectiveRoleArn("arn:aws-cn:iam::200000000002:role/team/deployer", {
        [ROLE_NAME_OVERRIDE]: "platform-previewer",
      }),
      "arn:aws-cn:iam::200000000002:role/platform-previewer",
    );
  });

  it("refuses any other value, so a typo never falls back to a writing role", () => {
    for (const value of ["platform-deployer", "a/b", "platform-preview"]) {
      assert.throws(
        () => effectiveRoleArn(deployer, { [ROLE_NAME_OVERRIDE]: value }),
        new RegExp(
          `^Error: ${ROLE_NAME_OVERRIDE}="${value.replace("/", "\\/")}" is not a read-only platform role; set platform-previewer \\(pull-request previews\\) or platform-drift \\(drift detection\\), or unset it to deploy$`,
        ),
      );
    }
  });
});

describe("every provider goes through effectiveRoleArn", () => {
  const env: Environment = {
    name: "dev",
    accountId: "200000000002",
    region: "eu-west-1",
    roleArn: deployer,
    tier: "nonprod",
  };
  const providers = async (mode: string | undefined): Promise<ProgramRun> => {
    const before = process.env[ROLE_NAME_OVERRIDE];
    if (mode === undefined) delete process.env[ROLE_NAME_OVERRIDE];
    else process.env[ROLE_NAME_OVERRIDE] = mode;
    try {
      return await runProgram(
        () => {
          accountProvider("account", { env, tags: { Environment: "dev" } });
          networkSpokeProvider("network", {
            accountId: "100000000001",
            region: "eu-west-1",
            spokeRoleArn: spoke,
            sessionName: "pulumi-dev-spoke",
            tags: { Environment: "dev" },
          });
          return {};
        },
        { project: "p", stack: "dev" },
      );
    } finally {
      if (before === undefined) delete process.env[ROLE_NAME_OVERRIDE];
      else process.env[ROLE_NAME_OVERRIDE] = before;
    }
  };
  const assumed = (run: ProgramRun) =>
    Object.fromEntries(
      resourcesOfType(run, "pulumi:providers:aws").map((p) => [
        p.name,
        (JSON.parse(String(p.inputs["assumeRoles"])) as Array<{ roleArn: string }>)[0]!.roleArn,
      ]),
    );

  it("deploys with the configured roles when the variable is unset", async () => {
    assert.deepEqual(assumed(await providers(undefined)), { account: deployer, network: spoke });
  });

  it("previews with read-only roles only, in the account and in the network account", async () => {
    assert.deepEqual(assumed(await providers("platform-previewer")), {
      account: "arn:aws:iam::200000000002:role/platform-previewer",
      network: "arn:aws:iam::100000000001:role/platform-network-spoke-readonly",
    });
  });

  it("checks drift with read-only roles only", async () => {
    assert.deepEqual(assumed(await providers("platform-drift")), {
      account: "arn:aws:iam::200000000002:role/platform-drift",
      network: "arn:aws:iam::100000000001:role/platform-network-spoke-readonly",
    });
  });
});
