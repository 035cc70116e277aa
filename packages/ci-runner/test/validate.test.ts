import * as assert from "node:assert/strict";
import { deployRunnerProblems, deployRunnerSchema } from "../src";

const ok = { repository: "example-org/platform", image: "aws/codebuild/standard:7.0" };
const lines = (change: Partial<typeof ok>) =>
  deployRunnerProblems({ ...ok, ...change }).map(
    (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`,
  );

describe("deployRunnerProblems", () => {
  it("accepts a repository and an x86_64 Linux image", () => {
    assert.deepEqual(lines({}), []);
    assert.deepEqual(lines({ repository: "a/b", image: "123.dkr.ecr/runner:1" }), []);
    assert.deepEqual(lines({ repository: "mona-lisa_acme/platform.infra" }), []);
  });

  it("rejects an owner GitHub would not have", () => {
    for (const owner of ["-org", "org-", "my.org", "a".repeat(40)]) {
      assert.deepEqual(lines({ repository: `${owner}/platform` }), [
        `repository = "${owner}/platform": owner "${owner}" is not a GitHub account name: 1-39 letters, digits or hyphens, not starting or ending with a hyphen`,
      ]);
    }
  });

  it("rejects repository names GitHub refuses or the source URL would mangle", () => {
    assert.deepEqual(lines({ repository: "example-org/.." }), [
      'repository = "example-org/..": ".." is not a repository name GitHub accepts',
    ]);
    assert.deepEqual(lines({ repository: `example-org/${"r".repeat(101)}` }), [
      `repository = "example-org/${"r".repeat(101)}": the repository name is 101 characters; GitHub allows at most 100`,
    ]);
    assert.deepEqual(lines({ repository: "example-org/platform.git" }), [
      'repository = "example-org/platform.git": drop the ".git" suffix: give owner/repository as on GitHub (the runner adds ".git" to the URL)',
    ]);
  });

  it("rejects curated images of another environment type than LINUX_CONTAINER", () => {
    assert.deepEqual(lines({ image: "aws/codebuild/amazonlinux-aarch64-standard:3.0" }), [
      'image = "aws/codebuild/amazonlinux-aarch64-standard:3.0": is an aarch64 image (environment type ARM_CONTAINER); the runner project is LINUX_CONTAINER (x86_64): use an x86_64 Linux image such as aws/codebuild/amazonlinux-x86_64-standard:5.0',
    ]);
    assert.match(lines({ image: "aws/codebuild/windows-base:2019-3.0" })[0]!, /a Windows image/);
    assert.match(
      lines({ image: "aws/codebuild/amazonlinux-x86_64-lambda-standard:nodejs20" })[0]!,
      /a Lambda image \(environment type LINUX_LAMBDA_CONTAINER\)/,
    );
  });

  it("runs in the schema, against the runner's keys", () => {
    const result = deployRunnerSchema.safeParse({
      projectName: "platform-deploy-runner",
      repository: "example-org/platform.git",
      connectionArn: "arn:aws:codeconnections:eu-west-1:100000000001:connection/4f1c-runner",
    });
    assert.equal(result.success, false);
    assert.deepEqual(
      result.error!.issues.map((i) => [i.path, i.message]),
      [
        [
          ["repository"],
          'drop the ".git" suffix: give owner/repository as on GitHub (the runner adds ".git" to the URL)',
        ],
      ],
    );
  });
});
