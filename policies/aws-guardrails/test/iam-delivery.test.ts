import * as assert from "node:assert/strict";
import { findings, res } from "./helpers";

const doc = (Statement: unknown) => JSON.stringify({ Version: "2012-10-17", Statement });

describe("IAM, delivery and protection policies", () => {
  it("iam-no-admin", async () => {
    assert.deepEqual(
      await findings("iam-no-admin", [
        res("aws:iam/policy:Policy", {
          policy: doc([{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }]),
        }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("iam-no-admin", [
        res("aws:iam/rolePolicy:RolePolicy", {
          policy: doc({ Effect: "Allow", Action: "*", Resource: "*" }),
        }),
      ]),
      ['a statement allows all actions ("*" or NotAction)'],
    );
    assert.deepEqual(
      await findings("iam-no-admin", [
        res("aws:iam/policy:Policy", {
          policy: doc([{ Effect: "Deny", Action: "*", Resource: "*" }]),
        }),
      ]),
      [],
    );
  });

  it("iam-no-wildcards: service wildcards and restrictable actions on Resource *", async () => {
    assert.deepEqual(
      await findings("iam-no-wildcards", [
        res("aws:iam/policy:Policy", {
          policy: doc([
            {
              Effect: "Allow",
              Action: ["ec2:DescribeSubnets", "sts:GetCallerIdentity"],
              Resource: "*",
            },
          ]),
        }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("iam-no-wildcards", [
        res("aws:iam/role:Role", {
          inlinePolicies: [
            {
              name: "x",
              policy: doc([{ Effect: "Allow", Action: ["s3:*", "kms:Decrypt"], Resource: "*" }]),
            },
          ],
        }),
      ]),
      [
        "statement grants service-wide wildcard action(s) s3:*",
        'statement grants s3:*, kms:Decrypt on Resource "*"; scope it to ARNs',
      ],
    );
  });

  it("codebuild-hardening: privileged only when allowlisted", async () => {
    const project = (privilegedMode: boolean) =>
      res("aws:codebuild/project:Project", {
        name: "app-build",
        environment: { privilegedMode },
        artifacts: { type: "CODEPIPELINE" },
      });
    assert.deepEqual(await findings("codebuild-hardening", [project(false)]), []);
    assert.deepEqual(await findings("codebuild-hardening", [project(true)]), [
      "privileged mode is on but app-build is not in privilegedAllowlist",
    ]);
    assert.deepEqual(
      await findings("codebuild-hardening", [project(true)], {
        privilegedAllowlist: ["app-build"],
      }),
      [],
    );
    assert.deepEqual(
      await findings("codebuild-hardening", [
        res("aws:codebuild/project:Project", {
          name: "x",
          artifacts: { encryptionDisabled: true },
          logsConfig: { cloudwatchLogs: { status: "DISABLED" } },
        }),
      ]),
      ["artifact encryption is disabled", "build logs are disabled"],
    );
  });

  it("stateful-protected: anchors and backup buckets must be protected; other types are not applicable", async () => {
    assert.deepEqual(
      await findings("stateful-protected", [
        res("aws:kms/key:Key", {}, { name: "k", protect: true }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("stateful-protected", [res("aws:kms/key:Key", {}, { name: "k" })]),
      ["aws:kms/key:Key k is not protected"],
    );
    assert.deepEqual(
      await findings("stateful-protected", [
        res("aws:s3/bucket:Bucket", { tags: { Purpose: "backup" } }, { name: "velero" }),
      ]),
      ["aws:s3/bucket:Bucket velero is not protected"],
    );
    assert.deepEqual(await findings("stateful-protected", [res("aws:sns/topic:Topic", {})]), []);
  });
});
