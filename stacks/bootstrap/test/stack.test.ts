import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PLATFORM_ROLES } from "@platform/core";
import {
  describeAccountStack,
  expectConfigRejected,
  runStackSource,
  readStackFile,
  resourcesOfType,
  stackConfig,
} from "@platform/testing";
import { parse } from "yaml";

const dir = path.resolve(__dirname, "..");
const stacksDir = path.resolve(dir, "..");
const STACKS = ["tooling", "network", "log-archive", "dev", "test", "prod"];
const c = (stack: string) => ({ dir, stack });

for (const stack of STACKS) describeAccountStack(c(stack));

const names = (run: Awaited<ReturnType<typeof runStackSource>>, type: string) =>
  resourcesOfType(run, type)
    .map((r) => String(r.inputs["name"]))
    .sort();

describe("platform-bootstrap: what each account gets", () => {
  it("tooling: protected state bucket and keys, GitHub OIDC provider, CI roles, read-only roles", async () => {
    const run = await runStackSource(c("tooling"));
    assert.deepEqual(names(run, "aws:iam/role:Role"), [
      "platform-ci-dev",
      "platform-ci-drift",
      "platform-ci-log-archive",
      "platform-ci-network",
      "platform-ci-preview",
      "platform-ci-prod",
      "platform-ci-test",
      "platform-drift",
      "platform-previewer",
    ]);
    const buckets = resourcesOfType(run, "aws:s3/bucket:Bucket");
    assert.deepEqual(buckets.map((b) => b.inputs["bucket"]).sort(), [
      "example-org-pulumi-state",
      "example-org-pulumi-state-logs",
    ]);
    assert.ok(buckets.every((b) => b.protect));
    const keys = resourcesOfType(run, "aws:kms/key:Key");
    assert.ok(keys.length === 2 && keys.every((k) => k.protect && k.retainOnDelete));
    assert.ok(resourcesOfType(run, "aws:kms/key:Key").every((k) => k.inputs["enableKeyRotation"]));
    const versioning = resourcesOfType(run, "aws:s3/bucketVersioning:BucketVersioning");
    assert.ok(versioning.every((v) => JSON.stringify(v.inputs).includes("Enabled")));
    const tls = resourcesOfType(run, "aws:s3/bucketPolicy:BucketPolicy");
    assert.ok(tls.every((p) => String(p.inputs["policy"]).includes("aws:SecureTransport")));
    const provider = resourcesOfType(
      run,
      "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    )[0]!;
    assert.equal(provider.inputs["url"], "https://token.actions.githubusercontent.com");
    assert.equal(provider.protect, true);
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "accountId",
      "backendUrl",
      "ciRoleArns",
      "roleArns",
      "secretsProvider",
    ]);
    assert.equal(run.outputs["secretsProvider"], "awskms://alias/pulumi-secrets?region=eu-west-1");
    // Its state moves from a local backend into the bucket as it is (docs/bootstrap, step 2).
    assert.ok(!JSON.stringify(run).includes("[secret]"), "the tooling stack holds a secret");
  });

  it("network: deployer, read-only roles, spoke role and its read-only variant, the boundary", async () => {
    const run = await runStackSource(c("network"));
    assert.deepEqual(names(run, "aws:iam/role:Role"), [
      "platform-deployer",
      "platform-drift",
      "platform-network-spoke",
      "platform-network-spoke-readonly",
      "platform-previewer",
    ]);
    assert.ok(names(run, "aws:iam/policy:Policy").includes("platform-workload-boundary"));
  });

  it("an environment account: deployer, read-only roles, the boundary; no CI roles, no state", async () => {
    const run = await runStackSource(c("prod"));
    assert.deepEqual(names(run, "aws:iam/role:Role"), [
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
    assert.deepEqual(resourcesOfType(run, "aws:s3/bucket:Bucket"), []);
  });
});

describe("platform-bootstrap config", () => {
  const identity = stackConfig(c("dev"), "identity");
  const account = stackConfig(c("dev"), "account");

  it("rejects an account that the identity model does not know", () =>
    expectConfigRejected(
      c("dev"),
      {
        "platform-bootstrap:account": {
          ...account,
          accountId: "999999999999",
          roleArn: "arn:aws:iam::999999999999:role/OrganizationAccountAccessRole",
        },
      },
      'Pulumi.dev.yaml: platform-bootstrap:account.accountId = "999999999999": is not the tooling, network or a deployment account of identity (100000000001, 200000000002, 300000000003, 400000000004, 600000000006, 700000000007); add it under identity.deployments or fix the id',
    ));

  it("rejects applying the bootstrap with a role it creates", () =>
    expectConfigRejected(
      c("dev"),
      {
        "platform-bootstrap:account": {
          ...account,
          roleArn: "arn:aws:iam::200000000002:role/platform-deployer",
        },
      },
      'Pulumi.dev.yaml: platform-bootstrap:account.roleArn = "arn:aws:iam::200000000002:role/platform-deployer": is a role this stack creates and no platform role may change it; apply the bootstrap with an administrator role, e.g. OrganizationAccountAccessRole',
    ));

  it("rejects a CI session outside AWS's 1-12 h", () =>
    expectConfigRejected(
      c("dev"),
      { "platform-bootstrap:identity": { ...identity, ciSessionSeconds: 50000 } },
      "Pulumi.dev.yaml: platform-bootstrap:identity.ciSessionSeconds = 50000: must be at most 43200 (12 h), AWS's maximum",
    ));

  it("rejects a deployment named like a CI role", () =>
    expectConfigRejected(
      c("dev"),
      {
        "platform-bootstrap:identity": {
          ...identity,
          deployments: {
            ...(identity["deployments"] as object),
            preview: { accountId: "200000000002" },
          },
        },
      },
      'Pulumi.dev.yaml: platform-bootstrap:identity.deployments.preview = "preview": is reserved for the preview CI role; name the GitHub environment differently',
    ));

  it("rejects a malformed repository", () =>
    expectConfigRejected(
      c("dev"),
      { "platform-bootstrap:identity": { ...identity, github: { repository: "aws-platform" } } },
      'Pulumi.dev.yaml: platform-bootstrap:identity.github.repository = "aws-platform": expected the repository as owner/name, e.g. example-org/aws-platform',
    ));
});

describe("platform-bootstrap agrees with the stacks it serves", () => {
  const identities = STACKS.map((s) => readStackFile(dir, s).config["platform-bootstrap:identity"]);

  it("every Pulumi.<account>.yaml carries the same identity model", () => {
    for (const [i, other] of identities.entries()) {
      assert.deepEqual(
        other,
        identities[0],
        `Pulumi.${STACKS[i]}.yaml differs from Pulumi.tooling.yaml`,
      );
    }
  });

  it("every stack project has a GitHub environment that deploys it", () => {
    const identity = identities[0] as { deployments: Record<string, unknown> };
    const stackProjects = fs
      .readdirSync(stacksDir)
      .filter((d) => fs.existsSync(path.join(stacksDir, d, "project.json")))
      .filter((d) =>
        (
          JSON.parse(fs.readFileSync(path.join(stacksDir, d, "project.json"), "utf8")) as {
            tags?: string[];
          }
        ).tags?.includes("type:stack"),
      );
    assert.deepEqual(
      stackProjects.filter((d) => !(d in identity.deployments)),
      [],
      "add the stack to identity.deployments in every stacks/bootstrap/Pulumi.*.yaml",
    );
  });

  it("each deploying environment's stack deploys into its account with the roles the bootstrap creates", () => {
    const identity = identities[0] as {
      networkAccountId: string;
      deployments: Record<string, { accountId: string; networkSpoke?: boolean }>;
    };
    for (const [env, deployment] of Object.entries(identity.deployments)) {
      const file = path.join(stacksDir, env, `Pulumi.${env}.yaml`);
      const config = (
        parse(fs.readFileSync(file, "utf8")) as { config: Record<string, Record<string, string>> }
      ).config;
      const own = config[`platform-${env}:account`]!;
      assert.equal(own["accountId"], deployment.accountId, `${file}: account.accountId`);
      assert.equal(
        own["roleArn"],
        `arn:aws:iam::${deployment.accountId}:role/${PLATFORM_ROLES.deployer}`,
        `${file}: account.roleArn`,
      );
      const hub = config[`platform-${env}:network`];
      assert.equal(Boolean(hub), Boolean(deployment.networkSpoke), `${file}: network spoke`);
      if (hub) {
        assert.equal(
          hub["hubRoleArn"],
          `arn:aws:iam::${identity.networkAccountId}:role/${PLATFORM_ROLES.networkSpoke}`,
          `${file}: network.hubRoleArn`,
        );
      }
    }
  });
});
