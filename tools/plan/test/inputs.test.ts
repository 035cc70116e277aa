/**
 * Nx's own view of the cache inputs (`nx show target inputs --check`): every file a task reads
 * must be an input, or Nx replays a stale result. The plan reads its stack file, the hub's stack
 * file (environment stacks), the policy packs and their config for the stack's profile, the
 * preflight rules and waivers, and runs the plan and netcheck code.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks } from "@platform/testing";
import { parse } from "yaml";
import { readStackSettings } from "../src";

const root = path.resolve(__dirname, "..", "..", "..");
const rel = (...parts: string[]) => path.posix.join(...parts);

/** Runs `nx show target inputs <target> --check ...`; returns the files Nx says are not inputs. */
function notInputs(target: string, files: readonly string[]): string[] {
  const result = spawnSync(
    "npx",
    ["nx", "show", "target", "inputs", target, ...files.flatMap((f) => ["--check", f])],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NX_DAEMON: "false", NX_TUI: "false", FORCE_COLOR: "0" },
    },
  );
  const out = `${result.stdout}\n${result.stderr}`;
  // One argument: "✗ <file> is not an input for <target>"; several: a header and indented lines.
  const single = /✗ (\S+) is not an input for /.exec(out)?.[1];
  const several = /were not inputs for [^\n]*:\n((?: {2}\S[^\n]*\n?)+)/.exec(out)?.[1] ?? "";
  const listed = single
    ? [single]
    : several
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
  // Exit 1 means some argument is not an input; anything else (e.g. an unknown target) is a bug.
  assert.ok(
    (result.status === 0 && listed.length === 0) || (result.status === 1 && listed.length > 0),
    `nx show target inputs ${target} failed:\n${out}`,
  );
  return listed;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs
    .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => pattern.test(f))
    .map((f) => rel(dir, f.split(path.sep).join("/")));
}

interface StackProject {
  readonly name: string;
  readonly dir: string;
  readonly stacks: string[];
}

const stackProjects: StackProject[] = fs
  .readdirSync(path.join(root, "stacks"))
  .filter((d) => fs.existsSync(path.join(root, "stacks", d, "Pulumi.yaml")))
  .map((d) => ({
    name: JSON.parse(fs.readFileSync(path.join(root, "stacks", d, "package.json"), "utf8"))
      .name as string,
    dir: rel("stacks", d),
    stacks: listStacks(path.join(root, "stacks", d)),
  }));

/** The hub's stack file an environment reads (`<project>:network.hubStack`), if any. */
function hubStackFile(project: StackProject, stack: string): string | undefined {
  const doc = parse(
    fs.readFileSync(path.join(root, project.dir, `Pulumi.${stack}.yaml`), "utf8"),
  ) as { config?: Record<string, { hubStack?: string }> };
  const ref = doc.config?.[`${project.name}:network`]?.hubStack;
  if (!ref) return undefined;
  const [, hubProject, hubStack] = ref.split("/");
  const hub = stackProjects.find((p) => p.name === hubProject);
  assert.ok(hub, `${project.dir}: hubStack ${ref} names no stack project in stacks/`);
  return rel(hub.dir, `Pulumi.${hubStack}.yaml`);
}

const packs = fs
  .readdirSync(path.join(root, "policies"))
  .filter((d) => fs.existsSync(path.join(root, "policies", d, "PulumiPolicy.yaml")));

describe("Nx cache inputs (nx show target inputs --check)", function () {
  this.timeout(600_000);

  it("finds the shipped stacks, with environments that read a hub", () => {
    assert.deepEqual(stackProjects.map((p) => p.name).sort(), [
      "platform-bootstrap",
      "platform-dev",
      "platform-log-archive",
      "platform-network",
      "platform-prod",
      "platform-test",
    ]);
    assert.ok(stackProjects.some((p) => p.stacks.some((s) => hubStackFile(p, s))));
  });

  for (const project of stackProjects) {
    it(`${project.name}:plan has every file the plan reads as an input`, () => {
      const { policyProfile } = readStackSettings(path.join(root, project.dir));
      const files = [
        ...project.stacks.map((s) => rel(project.dir, `Pulumi.${s}.yaml`)),
        ...project.stacks.flatMap((s) => hubStackFile(project, s) ?? []),
        rel(project.dir, "package.json"),
        ...filesUnder(rel(project.dir, "src"), /\.ts$/),
        ...packs.map((p) => rel("policies", p, "config", `${policyProfile}.json`)),
        ...packs.flatMap((p) => filesUnder(rel("policies", p, "src"), /\.ts$/)),
        ...filesUnder("tools/plan/src", /\.ts$/),
        ...filesUnder("tools/netcheck/src", /\.ts$/),
        ...filesUnder("packages/policy-runner/src", /\.ts$/),
        ...filesUnder("packages/preflight/src", /\.ts$/),
        ...filesUnder("packages/contracts/src", /\.ts$/),
        "preflight.json",
      ];
      assert.deepEqual(notInputs(`${project.name}:plan`, files), []);
    });
  }

  it("the check itself can fail: a README is no input of the plan", () => {
    assert.deepEqual(notInputs("platform-prod:plan", ["stacks/prod/README.md"]), [
      "stacks/prod/README.md",
    ]);
  });

  it("environment stacks' tests re-run when the hub's stack file or their shared suite changes", () => {
    for (const project of stackProjects.filter((p) => p.stacks.some((s) => hubStackFile(p, s))))
      assert.deepEqual(
        notInputs(`${project.name}:test`, [
          hubStackFile(project, project.stacks[0]!)!,
          "packages/environment/suite/index.ts",
        ]),
        [],
      );
  });

  it("tests that plan the real stacks or read the policy docs have those files as inputs", () => {
    // The network and guardrail tests plan the hub and the environments, not the bootstrap.
    const stackFiles = stackProjects
      .filter((p) => p.name !== "platform-bootstrap")
      .flatMap((p) => p.stacks.map((s) => rel(p.dir, `Pulumi.${s}.yaml`)));
    const blueprint = filesUnder("packages/environment/src", /\.ts$/);
    assert.deepEqual(notInputs("@platform/netcheck:test", [...stackFiles, ...blueprint]), []);
    assert.deepEqual(
      notInputs("@platform/aws-guardrails:test", [
        "policies/README.md",
        ...stackFiles,
        ...blueprint,
      ]),
      [],
    );
    assert.deepEqual(notInputs("@platform/kubernetes-guardrails:test", ["policies/README.md"]), []);
    assert.deepEqual(
      notInputs("@platform/plan:test", ["package.json", ...stackFiles, "stacks/dev/project.json"]),
      [],
    );
  });

  it("the workflow tests re-run when the CLI pin, Node version, lockfile or stack settings change", () => {
    assert.deepEqual(
      notInputs("@platform/workflows:test", [
        ".github/workflows/deploy.yml",
        ".github/scripts/stacks.mjs",
        ".pulumi-version",
        ".nvmrc",
        "package-lock.json",
        "stacks/dev/package.json",
      ]),
      [],
    );
  });

  it("lint re-runs when the linter is upgraded", () => {
    assert.deepEqual(
      notInputs("@platform/core:lint", [
        "npm:eslint",
        "npm:typescript-eslint",
        "eslint.config.mjs",
      ]),
      [],
    );
  });

  it("a stack's build does not re-run for a config edit, its plan does", () => {
    assert.deepEqual(notInputs("platform-dev:build", ["stacks/dev/Pulumi.dev.yaml"]), [
      "stacks/dev/Pulumi.dev.yaml",
    ]);
  });
});
