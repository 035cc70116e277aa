/**
 * The test suite every account stack (the network hub and each environment) runs against its own
 * `Pulumi.<stack>.yaml`: the account provider, explicit providers everywhere, and config
 * rejections that happen before any resource exists. Needs mocha's globals.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { ProgramRun } from "./harness";
import { ProgramError } from "./harness";
import { readProject, readStackFile, runStack } from "./stack";

export interface AccountStackCase {
  /** The stack project's folder. */
  readonly dir: string;
  readonly stack: string;
  /** Outputs of the stacks it references, by `organization/<project>/<stack>`. */
  readonly stackOutputs?: Record<string, Record<string, unknown>>;
}

/** Runs the stack's TypeScript source (tests do not need a build). */
export function planStack(
  c: AccountStackCase,
  overrides?: Record<string, unknown>,
): Promise<ProgramRun> {
  return runStack(c.dir, c.stack, {
    entry: path.join(c.dir, "src", "index.ts"),
    stackOutputs: c.stackOutputs,
    overrides,
  });
}

/** Expects the program to fail on config before registering any cloud resource. */
export async function expectConfigRejected(
  c: AccountStackCase,
  overrides: Record<string, unknown>,
  message: string,
): Promise<void> {
  const error = await planStack(c, overrides).then(
    () => assert.fail(`expected the config to be rejected with: ${message}`),
    (err: unknown) => err,
  );
  assert.ok(error instanceof ProgramError, `expected a ProgramError, got ${String(error)}`);
  assert.ok(error.message.includes(message), `expected "${message}" in:\n${error.message}`);
  const created = error.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
  assert.deepEqual(
    created.map((r) => r.urn),
    [],
    "no resource may be registered when config is invalid",
  );
}

export function describeAccountStack(c: AccountStackCase): void {
  const project = readProject(c.dir).name;
  const file = `Pulumi.${c.stack}.yaml`;
  const account = readStackFile(c.dir, c.stack).config[`${project}:account`] as Record<
    string,
    unknown
  >;

  describe(`${project} (${file})`, () => {
    let run: ProgramRun;
    before(async () => {
      run = await planStack(c);
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
