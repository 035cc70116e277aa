import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { resourceNamed, runProgram } from "@platform/testing";
import { scopedRole, workloadBoundaryArn, workloadIamName } from "../src";

describe("scopedRole", () => {
  it("names the role in the deployer's scope and attaches the workload boundary", async () => {
    const run = await runProgram(
      () => {
        const provider = new aws.Provider("p", { region: "eu-west-1" });
        scopedRole(
          "dev-cluster",
          { assumeRolePolicy: "{}", accountId: "200000000002", region: "eu-west-1" },
          { provider },
        );
        return {};
      },
      { project: "p", stack: "dev" },
    );
    const role = resourceNamed(run, "aws:iam/role:Role", "dev-cluster");
    assert.equal(role.inputs["name"], "stack-dev-cluster");
    assert.equal(
      role.inputs["permissionsBoundary"],
      "arn:aws:iam::200000000002:policy/platform-workload-boundary",
    );
    assert.equal(role.inputs["path"], undefined);
  });

  it("keeps long names within IAM's 64 characters, unique by a hash", () => {
    const long = "prod-" + "x".repeat(70);
    const name = workloadIamName(long);
    assert.equal(name.length, 64);
    assert.match(name, /^stack-prod-x+-[0-9a-f]{8}$/);
    assert.notEqual(name, workloadIamName(long + "y"));
    assert.throws(() => workloadIamName("a b"), /"a b" cannot be an IAM name/);
  });

  it("names the boundary in the region's partition", () => {
    assert.equal(
      workloadBoundaryArn("200000000002", "cn-north-1"),
      "arn:aws-cn:iam::200000000002:policy/platform-workload-boundary",
    );
  });
});
