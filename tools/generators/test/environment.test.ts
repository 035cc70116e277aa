import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createTreeWithEmptyWorkspace } from "@nx/devkit/testing";
import { parse } from "yaml";
import { environmentGenerator, validateEnvironmentOptions } from "../src";
import type { EnvironmentOptions } from "../src";

const repo = path.resolve(__dirname, "..", "..", "..");
const NETWORK = "stacks/network/Pulumi.network.yaml";
const BOOTSTRAP = "stacks/bootstrap";
const LOG_ARCHIVE = "stacks/log-archive/Pulumi.log-archive.yaml";

/** The flags dev, test and prod were generated with (README: "Add an environment"). */
const SHIPPED: Array<Partial<EnvironmentOptions>> = [
  {
    name: "dev",
    accountId: "200000000002",
    vpcCidr: "10.16.0.0/16",
    allocation: "10.16.0.0/14",
    policyProfile: "dev",
    exampleApp: true,
  },
  {
    name: "test",
    accountId: "300000000003",
    vpcCidr: "10.20.0.0/16",
    allocation: "10.20.0.0/14",
    policyProfile: "test",
  },
  {
    name: "prod",
    accountId: "400000000004",
    vpcCidr: "10.24.0.0/16",
    allocation: "10.24.0.0/14",
    policyProfile: "prod",
    tier: "prod",
  },
];

/** An empty Nx workspace formatted with this repository's Prettier settings. */
function emptyWorkspace() {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(".prettierrc", fs.readFileSync(path.join(repo, ".prettierrc.json"), "utf8"));
  tree.write(NETWORK, fs.readFileSync(path.join(repo, NETWORK), "utf8"));
  tree.write(LOG_ARCHIVE, fs.readFileSync(path.join(repo, LOG_ARCHIVE), "utf8"));
  for (const file of fs.readdirSync(path.join(repo, BOOTSTRAP)).filter((f) => f.endsWith(".yaml")))
    tree.write(
      path.posix.join(BOOTSTRAP, file),
      fs.readFileSync(path.join(repo, BOOTSTRAP, file), "utf8"),
    );
  return tree;
}

function filesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.name === "dist" || entry.name === "node_modules") return [];
    return entry.isDirectory() ? filesUnder(dir, rel) : [rel];
  });
}

describe("environment generator", () => {
  for (const options of SHIPPED) {
    it(`reproduces stacks/${options.name} exactly, so no environment is a hand-edited copy`, async () => {
      const tree = emptyWorkspace();
      await environmentGenerator(tree, options);
      const shipped = path.join(repo, "stacks", options.name!);
      const generated = tree.children(`stacks/${options.name}`).length;
      assert.ok(generated > 0);
      for (const file of filesUnder(shipped)) {
        const expected = fs.readFileSync(path.join(shipped, file), "utf8");
        assert.equal(
          tree.read(`stacks/${options.name}/${file}`, "utf-8"),
          expected,
          `stacks/${options.name}/${file} differs`,
        );
      }
      // Its account is already a source of the log archive: the file is left as it is.
      assert.equal(
        tree.read(LOG_ARCHIVE, "utf-8"),
        fs.readFileSync(path.join(repo, LOG_ARCHIVE), "utf8"),
      );
    });
  }

  it("adds a new environment with its config, README, tests and Nx targets", async () => {
    const tree = emptyWorkspace();
    await environmentGenerator(tree, {
      name: "qa",
      accountId: "500000000005",
      vpcCidr: "10.28.0.0/16",
    });
    const config = tree.read("stacks/qa/Pulumi.qa.yaml", "utf-8")!;
    assert.match(config, /platform-qa:account:\n {4}name: qa\n {4}accountId: "500000000005"/);
    // The S3 backend's KMS secrets provider, as the hub's stack file names it; no secure values.
    assert.match(config, /^secretsprovider: awskms:\/\/alias\/pulumi-secrets\?region=eu-west-1$/m);
    assert.doesNotMatch(config, /secure:/);
    const pkg = JSON.parse(tree.read("stacks/qa/package.json", "utf-8")!);
    assert.deepEqual(pkg.pulumiStack, {
      stack: "qa",
      policyProfile: "test",
      backend: "s3",
      runner: "in-network",
    });
    const project = JSON.parse(tree.read("stacks/qa/project.json", "utf-8")!);
    assert.deepEqual(Object.keys(project.targets), [
      "build",
      "typecheck",
      "lint",
      "test",
      "plan",
      "init",
      "preview",
      "up",
      "refresh",
      "destroy",
    ]);
    assert.deepEqual(project.implicitDependencies, [
      "platform-bootstrap",
      "platform-network",
      "tag:type:policy-pack",
    ]);
    assert.ok(tree.exists("stacks/qa/README.md"));
    assert.ok(tree.exists("stacks/qa/test/stack.test.ts"));
  });

  it("registers the environment in the hub, the RAM share and the bootstrap, keeping the files' comments", async () => {
    const tree = emptyWorkspace();
    const before = tree.read(NETWORK, "utf-8")!;
    await environmentGenerator(tree, {
      name: "qa",
      accountId: "500000000005",
      vpcCidr: "10.28.0.0/16",
      allocation: "10.28.0.0/14",
    });
    const hub = parse(tree.read(NETWORK, "utf-8")!).config;
    assert.deepEqual(hub["platform-network:addressPlan"].environments.qa, {
      cidr: "10.28.0.0/14",
      segment: "nonprod",
    });
    assert.deepEqual(hub["platform-network:transitGateway"].shareWith, [
      "200000000002",
      "300000000003",
      "400000000004",
      "500000000005",
    ]);
    // Only those two places change: every other line, comments included, is kept.
    const removed = before.split("\n").filter((l) => !tree.read(NETWORK, "utf-8")!.includes(l));
    assert.deepEqual(removed, ['    shareWith: ["200000000002", "300000000003", "400000000004"]']);
    // The account's bootstrap stack, and the account in every bootstrap stack's identity model.
    const own = parse(tree.read(`${BOOTSTRAP}/Pulumi.qa.yaml`, "utf-8")!);
    assert.deepEqual(own.config["platform-bootstrap:account"], {
      name: "qa",
      accountId: "500000000005",
      region: "eu-west-1",
      roleArn: "arn:aws:iam::500000000005:role/OrganizationAccountAccessRole",
      tier: "nonprod",
    });
    assert.equal(own.encryptedkey, undefined, "init writes the new stack's data key");
    for (const file of tree.children(BOOTSTRAP).filter((f) => /^Pulumi\..+\.yaml$/.test(f))) {
      const doc = parse(tree.read(`${BOOTSTRAP}/${file}`, "utf-8")!);
      assert.deepEqual(
        doc.config["platform-bootstrap:identity"].deployments.qa,
        { accountId: "500000000005", networkSpoke: true },
        file,
      );
    }
  });

  it("makes the new account a source of the log archive, changing only that list", async () => {
    const tree = emptyWorkspace();
    const before = tree.read(LOG_ARCHIVE, "utf-8")!;
    await environmentGenerator(tree, {
      name: "qa",
      accountId: "500000000005",
      vpcCidr: "10.28.0.0/16",
      allocation: "10.28.0.0/14",
    });
    const after = tree.read(LOG_ARCHIVE, "utf-8")!;
    assert.deepEqual(parse(after).config["platform-log-archive:collection"].sourceAccounts, [
      "100000000001",
      "200000000002",
      "300000000003",
      "400000000004",
      "500000000005",
    ]);
    assert.deepEqual(
      before.split("\n").filter((l) => !after.includes(l)),
      ['    sourceAccounts: ["100000000001", "200000000002", "300000000003", "400000000004"]'],
    );
  });

  it("leaves a log archive that admits the whole organisation as it is", async () => {
    const tree = emptyWorkspace();
    const organisation = tree
      .read(LOG_ARCHIVE, "utf-8")!
      .replace(/sourceAccounts: \[.*\]/, "organizationId: o-a1b2c3d4e5");
    tree.write(LOG_ARCHIVE, organisation);
    await environmentGenerator(tree, {
      name: "qa",
      accountId: "500000000005",
      vpcCidr: "10.28.0.0/16",
      allocation: "10.28.0.0/14",
    });
    assert.equal(tree.read(LOG_ARCHIVE, "utf-8"), organisation);
  });

  it("refuses an allocation that overlaps another environment's, before writing anything", async () => {
    const tree = emptyWorkspace();
    const hub = tree.read(NETWORK, "utf-8");
    await assert.rejects(
      environmentGenerator(tree, {
        name: "qa",
        accountId: "500000000005",
        vpcCidr: "10.20.0.0/16",
        allocation: "10.20.0.0/14",
      }),
      /--allocation=10\.20\.0\.0\/14: overlaps test \(10\.20\.0\.0\/14\) in stacks\/network\/Pulumi\.network\.yaml/,
    );
    assert.equal(tree.read(NETWORK, "utf-8"), hub);
    assert.ok(!tree.exists("stacks/qa"));
    await assert.rejects(
      environmentGenerator(tree, {
        name: "qa",
        accountId: "500000000005",
        vpcCidr: "10.28.0.0/16",
        allocation: "10.32.0.0/14",
      }),
      /--allocation=10\.32\.0\.0\/14: does not contain --vpcCidr=10\.28\.0\.0\/16/,
    );
  });

  it("derives the hub role from the network stack's account and sizes prod for three AZs", async () => {
    const tree = emptyWorkspace();
    await environmentGenerator(tree, {
      name: "qa",
      accountId: "500000000005",
      vpcCidr: "10.28.0.0/16",
      tier: "prod",
    });
    const config = tree.read("stacks/qa/Pulumi.qa.yaml", "utf-8")!;
    assert.match(config, /hubRoleArn: arn:aws:iam::100000000001:role\/platform-network-spoke/);
    assert.match(config, /azCount: 3\n/);
    assert.match(config, /natStrategy: perAz\n/);
    assert.match(config, /- \{ name: private, prefixLength: 19 \}/);
  });

  it("needs the network stack first", async () => {
    const tree = createTreeWithEmptyWorkspace();
    await assert.rejects(
      environmentGenerator(tree, {
        name: "qa",
        accountId: "500000000005",
        vpcCidr: "10.28.0.0/16",
      }),
      /stacks\/network\/Pulumi.network.yaml is missing: environments attach to the network hub/,
    );
  });

  it("refuses to overwrite an existing stack", async () => {
    const tree = emptyWorkspace();
    await environmentGenerator(tree, {
      name: "qa",
      accountId: "500000000005",
      vpcCidr: "10.28.0.0/16",
    });
    await assert.rejects(
      environmentGenerator(tree, {
        name: "qa",
        accountId: "500000000005",
        vpcCidr: "10.28.0.0/16",
      }),
      /stacks\/qa already exists/,
    );
  });

  it("names each bad flag with its value and the fix", () => {
    assert.throws(
      () =>
        validateEnvironmentOptions({
          name: "QA",
          accountId: "123",
          vpcCidr: "10.0.0.1/16",
          tier: "staging" as "prod",
        }),
      (err: Error) => {
        assert.equal(
          err.message,
          [
            "invalid generator options:",
            '  --name="QA": expected a lower-case name of 2-21 letters, digits or hyphens starting with a letter, e.g. dev',
            '  --accountId="123": expected a 12-digit AWS account id in quotes, e.g. "123456789012"',
            '  --tier="staging": expected prod or nonprod',
            '  --vpcCidr="10.0.0.1/16": has host bits set (the network is 10.0.0.0/16); expected an IPv4 CIDR such as 10.16.0.0/16',
          ].join("\n"),
        );
        return true;
      },
    );
  });

  it("restores the leading zeros the Nx CLI drops from a numeric account id", () => {
    assert.equal(
      validateEnvironmentOptions({
        name: "qa",
        accountId: 12345678901 as unknown as string,
        vpcCidr: "10.0.0.0/16",
      }).accountId,
      "012345678901",
    );
  });
});
