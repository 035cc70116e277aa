import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import simple from "../examples/simple";

const ROLE = "aws:iam/role:Role";
const names = (run: ProgramRun, type: string) =>
  resourcesOfType(run, type)
    .map((r) => String(r.inputs["name"]))
    .sort();
const trustOf = (run: ProgramRun, role: string) =>
  JSON.parse(String(resourceNamed(run, ROLE, role).inputs["assumeRolePolicy"])) as {
    Statement: Array<{ Principal: unknown; Condition?: Record<string, Record<string, string>> }>;
  };

describe("examples", () => {
  it("simple: a workload account's deployer, read-only roles and boundary, children of AccountIdentity", async () => {
    const run = await planExample(simple);
    assert.deepEqual(names(run, ROLE), [
      "platform-deployer",
      "platform-drift",
      "platform-previewer",
    ]);
    assert.deepEqual(names(run, "aws:iam/policy:Policy"), [
      "platform-deployer-guardrails",
      "platform-deployer-iam",
      "platform-deployer-services",
      "platform-readonly",
      "platform-workload-boundary",
    ]);
    const component = resourcesOfType(run, "platform:identity:AccountIdentity");
    assert.equal(component.length, 1);
    const children = run.resources.filter((r) => r.parent === component[0]!.urn);
    assert.equal(children.length, 3 + 5 + 5);
    assert.deepEqual(trustOf(run, "platform-deployer").Statement[0]!.Principal, {
      AWS: ["arn:aws:iam::600000000006:role/platform-ci-dev"],
    });
    assert.deepEqual(
      resourcesOfType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
        .map((a) => a.name)
        .sort(),
      [
        "platform-deployer-platform-deployer-guardrails",
        "platform-deployer-platform-deployer-iam",
        "platform-deployer-platform-deployer-services",
        "platform-drift-platform-readonly",
        "platform-previewer-platform-readonly",
      ],
    );
    assert.deepEqual(Object.keys(run.outputs["roleArns"] as object).sort(), [
      "platform-deployer",
      "platform-drift",
      "platform-previewer",
    ]);
  });

  it("complete: the tooling account's backend, OIDC provider and CI roles, with the options applied", async () => {
    const run = await planExample(complete);
    assert.deepEqual(names(run, ROLE), [
      "platform-ci-dev",
      "platform-ci-drift",
      "platform-ci-network",
      "platform-ci-preview",
      "platform-ci-prod",
      "platform-drift",
      "platform-previewer",
    ]);
    const ciRoles = resourcesOfType(run, ROLE).filter((r) => r.name.startsWith("platform-ci-"));
    assert.ok(ciRoles.every((r) => r.inputs["maxSessionDuration"] === 21600));
    const claims = (role: string) => trustOf(run, role).Statement[0]!.Condition!["StringEquals"]!;
    assert.equal(
      claims("platform-ci-preview")["token.actions.githubusercontent.com:sub"],
      "repo:example-org@1001/aws-platform@2002:environment:preview-reviewed",
    );
    assert.equal(
      claims("platform-ci-prod")["token.actions.githubusercontent.com:ref"],
      "refs/heads/release",
    );
    const provider = resourcesOfType(
      run,
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    )[0]!;
    assert.equal(provider.inputs["url"], "https://token.actions.githubusercontent.com");
    assert.ok(provider.protect);
    assert.deepEqual(
      resourcesOfType(run, "aws:s3/bucket:Bucket")
        .map((b) => b.inputs["bucket"])
        .sort(),
      ["example-org-pulumi-state", "example-org-pulumi-state-logs"],
    );
    const keys = resourcesOfType(run, "aws:kms/key:Key");
    assert.equal(keys.length, 2);
    assert.ok(keys.every((k) => k.protect && k.retainOnDelete && k.inputs["enableKeyRotation"]));
    assert.deepEqual(
      resourcesOfType(run, "aws:kms/alias:Alias")
        .map((a) => a.inputs["name"])
        .sort(),
      ["alias/pulumi-secrets", "alias/pulumi-state"],
    );
    assert.match(
      JSON.stringify(
        resourcesOfType(
          run,
          "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        ).map((l) => l.inputs),
      ),
      /"noncurrentDays":90/,
    );
    assert.equal(run.outputs["secretsProvider"], "awskms://alias/pulumi-secrets?region=eu-west-1");
  });
});
