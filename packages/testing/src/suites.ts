/**
 * The test suite every account stack (the network hub and each environment) runs against its own
 * `Pulumi.<stack>.yaml`: the account provider, explicit providers everywhere, and config
 * rejections that happen before any resource exists. Needs mocha's globals.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { ProgramRun } from "@platform/engine";
import { ProgramError } from "@platform/engine";
import { readProject, readStackFile, runStack } from "@platform/engine";

export interface AccountStackCase {
  /** The stack project's folder. */
  readonly dir: string;
  readonly stack: string;
  /** Stacks it reads through StackReference; they are planned first from their own config. */
  readonly references?: ReadonlyArray<{ readonly dir: string; readonly stack: string }>;
}

const referenceOutputs = new Map<string, Promise<Record<string, Record<string, unknown>>>>();

/** Outputs of the referenced stacks, planned once per process from their sources and config. */
function outputsOf(c: AccountStackCase): Promise<Record<string, Record<string, unknown>>> {
  const key = JSON.stringify(c.references ?? []);
  let outputs = referenceOutputs.get(key);
  if (!outputs) {
    outputs = (async () => {
      const out: Record<string, Record<string, unknown>> = {};
      for (const ref of c.references ?? []) {
        const run = await runStack(ref.dir, ref.stack, {
          entry: path.join(ref.dir, "src", "index.ts"),
          missingSecrets: "placeholder",
        });
        out[`organization/${run.project}/${run.stack}`] = run.outputs;
      }
      return out;
    })();
    referenceOutputs.set(key, outputs);
  }
  return outputs;
}

/** Runs the stack's TypeScript source under the engine (tests do not need a build); not the plan tool's planStack, which writes a plan file with policies and preflight. */
export async function runStackSource(
  c: AccountStackCase,
  overrides?: Record<string, unknown>,
): Promise<ProgramRun> {
  const stackOutputs = await outputsOf(c);
  // Example stack files set no secrets (no real ciphertext is checked in): placeholders stand in.
  return runStack(c.dir, c.stack, {
    entry: path.join(c.dir, "src", "index.ts"),
    stackOutputs,
    overrides,
    missingSecrets: "placeholder",
  });
}

/** A top-level config value of the stack (`<project>:<key>`), for building overrides. */
export function stackConfig(c: AccountStackCase, key: string): Record<string, unknown> {
  const project = readProject(c.dir).name;
  return readStackFile(c.dir, c.stack).config[`${project}:${key}`] as Record<string, unknown>;
}

/** Expects the program to fail on config before registering any cloud resource. */
export async function expectConfigRejected(
  c: AccountStackCase,
  overrides: Record<string, unknown>,
  message: string,
): Promise<void> {
  const error = await runStackSource(c, overrides).then(
    () => assert.fail(`expected the config to be rejected with: ${message}`),
    (err: unknown) => err,
  );
  assert.ok(error instanceof ProgramError, `expected a ProgramError, got ${String(error)}`);
  assert.ok(error.message.includes(message), `expected "${message}" in:\n${error.message}`);
  // Providers and stack references are not cloud resources; nothing else may exist yet.
  const created = error.resources.filter(
    (r) =>
      r.type !== "pulumi:pulumi:Stack" &&
      r.type !== "pulumi:pulumi:StackReference" &&
      !r.type.startsWith("pulumi:providers:"),
  );
  assert.deepEqual(
    created.map((r) => r.urn),
    [],
    "no resource may be registered when config is invalid",
  );
}

export function describeAccountStack(c: AccountStackCase): void {
  const project = readProject(c.dir).name;
  const file = `Pulumi.${c.stack}.yaml`;
  const account = stackConfig(c, "account");

  describe(`${project} (${file})`, () => {
    let run: ProgramRun;
    before(async () => {
      run = await runStackSource(c);
    });

    it("creates one account provider that assumes the configured role with default tags", () => {
      const providers = run.resources.filter((r) => r.type === "pulumi:providers:aws");
      const own = providers.find((p) =>
        String(p.inputs["assumeRoles"]).includes(String(account["roleArn"])),
      );
      assert.ok(own, `no provider assumes ${String(account["roleArn"])}`);
      assert.deepEqual(JSON.parse(String(own.inputs["allowedAccountIds"])), [account["accountId"]]);
      const tags = JSON.parse(String(own.inputs["defaultTags"])).tags;
      assert.equal(tags.Environment, account["name"]);
      assert.equal(tags.ManagedBy, "pulumi-platform");
    });

    // One mode is enough here: @platform/core's tests cover preview and drift of the decision.
    it("assumes only read-only roles, in every account, in a PR preview", async () => {
      const before = process.env["PLATFORM_ASSUME_ROLE_NAME"];
      process.env["PLATFORM_ASSUME_ROLE_NAME"] = "platform-previewer";
      let readOnlyRun: ProgramRun;
      try {
        readOnlyRun = await runStackSource(c);
      } finally {
        if (before === undefined) delete process.env["PLATFORM_ASSUME_ROLE_NAME"];
        else process.env["PLATFORM_ASSUME_ROLE_NAME"] = before;
      }
      const assumed = readOnlyRun.resources
        .filter((r) => r.type === "pulumi:providers:aws")
        .flatMap((p) =>
          (JSON.parse(String(p.inputs["assumeRoles"] ?? "[]")) as Array<{ roleArn: string }>).map(
            (a) => a.roleArn,
          ),
        );
      assert.ok(assumed.length > 0, "no provider assumes a role");
      assert.deepEqual(
        assumed.filter((arn) => !/:role\/platform-(previewer|network-spoke-readonly)$/.test(arn)),
        [],
        "providers that would write",
      );
    });

    it("puts every AWS resource on an explicit provider", () => {
      const orphans = run.resources.filter(
        (r) => r.custom && r.type.startsWith("aws:") && !r.provider,
      );
      assert.deepEqual(
        orphans.map((r) => r.urn),
        [],
      );
    });

    it("rejects a missing key", () =>
      expectConfigRejected(
        c,
        { [`${project}:account`]: { ...account, accountId: undefined } },
        `${file}: ${project}:account.accountId is missing`,
      ));

    it("rejects a value of the wrong type", () =>
      expectConfigRejected(
        c,
        { [`${project}:account`]: { ...account, tier: 3 } },
        `${file}: ${project}:account.tier = 3: expected one of prod, nonprod, shared`,
      ));

    it("rejects a malformed account id", () =>
      expectConfigRejected(
        c,
        { [`${project}:account`]: { ...account, accountId: "12-34" } },
        `${file}: ${project}:account.accountId = "12-34": expected a 12-digit AWS account id`,
      ));

    it("rejects an unknown key", () =>
      expectConfigRejected(
        c,
        { [`${project}:acount`]: {} },
        `${file}: ${project}:acount is not a known key`,
      ));
  });
}
