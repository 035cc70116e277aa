import * as assert from "node:assert/strict";
import { z } from "zod";
import { ConfigError, environmentSchema, loadStackConfig, tagsSchema } from "../src";
import type { ConfigSource } from "../src";

const schema = z.strictObject({ account: environmentSchema, tags: tagsSchema });

const account = {
  name: "dev",
  accountId: "111111111111",
  region: "eu-west-1",
  roleArn: "arn:aws:iam::111111111111:role/platform-deployer",
  tier: "nonprod",
};
const tags = { owner: "platform-team", costCentre: "CC-1" };

function source(values: Record<string, unknown>, secretKeys: string[] = []): ConfigSource {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(values))
    raw[k] = typeof v === "string" ? v : JSON.stringify(v);
  return { project: "platform-dev", stack: "dev", values: raw, secretKeys: new Set(secretKeys) };
}

function problems(
  values: Record<string, unknown>,
  secrets: string[] = [],
  secretKeys: string[] = [],
): string[] {
  try {
    loadStackConfig(schema, { source: source(values, secretKeys), secrets });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return [...err.problems];
  }
  assert.fail("expected a ConfigError");
}

describe("loadStackConfig", () => {
  it("returns the typed config when it is valid", () => {
    const cfg = loadStackConfig(schema, {
      source: source({
        "platform-dev:account": account,
        "platform-dev:tags": tags,
        "aws:region": "eu-west-1",
      }),
    });
    assert.equal(cfg.account.accountId, "111111111111");
    assert.equal(cfg.tags.owner, "platform-team");
  });

  it("names a missing key", () => {
    const { accountId: _ignored, ...rest } = account;
    assert.deepEqual(problems({ "platform-dev:account": rest, "platform-dev:tags": tags }), [
      'Pulumi.dev.yaml: platform-dev:account.accountId is missing; expected a 12-digit AWS account id in quotes, e.g. "123456789012"',
    ]);
  });

  it("names a missing top-level block", () => {
    assert.deepEqual(problems({ "platform-dev:account": account }), [
      "Pulumi.dev.yaml: platform-dev:tags is missing; Invalid input: expected object, received undefined",
    ]);
  });

  it("names a value of the wrong type", () => {
    assert.deepEqual(
      problems({
        "platform-dev:account": { ...account, accountId: 111111111111 },
        "platform-dev:tags": tags,
      }),
      [
        'Pulumi.dev.yaml: platform-dev:account.accountId = 111111111111: expected a 12-digit AWS account id in quotes, e.g. "123456789012"',
      ],
    );
  });

  it("names a malformed account id and role ARN", () => {
    assert.deepEqual(
      problems({
        "platform-dev:account": { ...account, accountId: "12345", roleArn: "role/deployer" },
        "platform-dev:tags": tags,
      }),
      [
        'Pulumi.dev.yaml: platform-dev:account.accountId = "12345": expected a 12-digit AWS account id in quotes, e.g. "123456789012"',
        'Pulumi.dev.yaml: platform-dev:account.roleArn = "role/deployer": expected an IAM role ARN, arn:aws:iam::<account-id>:role/<name>',
      ],
    );
  });

  it("rejects a role in another account", () => {
    assert.deepEqual(
      problems({
        "platform-dev:account": { ...account, roleArn: "arn:aws:iam::222222222222:role/x" },
        "platform-dev:tags": tags,
      }),
      [
        'Pulumi.dev.yaml: platform-dev:account.roleArn = "arn:aws:iam::222222222222:role/x": is in account 222222222222 but accountId is 111111111111; use a role in the stack\'s own account',
      ],
    );
  });

  it("names unknown keys at any depth and lists the known ones", () => {
    assert.deepEqual(
      problems({
        "platform-dev:account": { ...account, regoin: "x" },
        "platform-dev:tags": tags,
        "platform-dev:extra": 1,
      }),
      [
        "Pulumi.dev.yaml: platform-dev:account.regoin is not a known key; remove it or fix its spelling; known keys here: name, accountId, region, roleArn, tier",
        "Pulumi.dev.yaml: platform-dev:extra is not a known key; remove it or fix its spelling; known keys here: account, tags",
      ],
    );
  });

  it("names keys in a namespace the project does not read", () => {
    assert.deepEqual(
      problems({
        "platform-dev:account": account,
        "platform-dev:tags": tags,
        "platform-prod:account": account,
      }),
      [
        'Pulumi.dev.yaml: platform-prod:account is in namespace "platform-prod", which this project does not read; rename it to platform-dev:account or remove it',
      ],
    );
  });

  it("requires declared secrets to be present and encrypted, and never prints them", () => {
    const found = problems(
      {
        "platform-dev:account": account,
        "platform-dev:tags": tags,
        "platform-dev:psk": "plain-text-key",
      },
      ["psk", "other"],
    );
    assert.deepEqual(found, [
      "Pulumi.dev.yaml: platform-dev:psk is stored in plain text; expected a secret: run pulumi config set --secret psk <value> and remove the plain value",
      "Pulumi.dev.yaml: platform-dev:other is missing; expected a secret: pulumi config set --secret --stack dev platform-dev:other <value>",
    ]);
    assert.ok(!found.join("\n").includes("plain-text-key"));
  });
});

describe("loadStackConfig secrets by pattern", () => {
  it("treats matching keys as secrets and checks them without printing the value", () => {
    const schema2 = z.strictObject({ account: environmentSchema, tags: tagsSchema });
    const src = source(
      {
        "platform-dev:account": account,
        "platform-dev:tags": tags,
        "platform-dev:vpnPsk-a-1": "0badkey",
        "platform-dev:vpnPsk-a-2": "good_key.123",
      },
      ["platform-dev:vpnPsk-a-1", "platform-dev:vpnPsk-a-2"],
    );
    const rule = (_name: string, value: string) =>
      /^[1-9a-zA-Z._][a-zA-Z0-9._]{7,63}$/.test(value)
        ? undefined
        : "expected 8-64 letters, digits, . or _, not starting with 0";
    assert.throws(
      () => loadStackConfig(schema2, { source: src, secretPattern: /^vpnPsk-/, secretRule: rule }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        assert.deepEqual(err.problems, [
          "Pulumi.dev.yaml: platform-dev:vpnPsk-a-1 = [secret]: expected 8-64 letters, digits, . or _, not starting with 0",
        ]);
        assert.ok(!err.message.includes("0badkey"));
        return true;
      },
    );
  });
});
