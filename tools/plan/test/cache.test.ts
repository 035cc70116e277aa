/**
 * End to end through Nx and git, in a temporary copy of this workspace: a stack config edit
 * re-runs the cached plan, the plan reflects it, and `report --diff <ref>` shows it. (Nx used to
 * replay the old plan from its cache: a negated pattern in one named input removes those files
 * from every input of the task.) Then the README's add-an-environment flow: the generator, the
 * workspace link `npm install` makes, and the new environment's plan, which re-plans the hub and
 * the bootstrap it edited (a stale cached hub plan used to fail every new environment with "has no
 * allocation").
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { linkNodeModules } from "../src/baseref";
import type { PlanFile } from "../src";

const root = path.resolve(__dirname, "..", "..", "..");
const env = { ...process.env, NX_DAEMON: "false", NX_TUI: "false", FORCE_COLOR: "0" };
// Keep the copy small: the hub and one environment.
const DROPPED = ["stacks/dev/", "stacks/test/"];

function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    "git",
    ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args],
    {
      cwd,
      encoding: "utf8",
    },
  );
}

function run(cwd: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  const out = `${result.stdout}\n${result.stderr}`;
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${out.slice(-4000)}`);
  return out;
}

/** Every file of the working tree git would commit (tracked or new, not ignored). */
function copyWorkspace(to: string): void {
  const files = git(root, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    .split("\0")
    .filter((f) => f && !DROPPED.some((d) => f.startsWith(d)))
    .filter((f) => fs.existsSync(path.join(root, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(to, file));
  }
}

const readPlan = (dir: string, file = "platform-prod.prod.json"): PlanFile =>
  JSON.parse(fs.readFileSync(path.join(dir, ".plan", file), "utf8"));

/** The cost centres in the default tags of the stack's AWS providers. */
function costCentres(plan: PlanFile): Set<string> {
  const out = new Set<string>();
  for (const r of plan.resources) {
    if (r.type !== "pulumi:providers:aws") continue;
    const raw = r.inputs["defaultTags"];
    const tags = (typeof raw === "string" ? JSON.parse(raw) : raw) as {
      tags?: Record<string, string>;
    };
    if (tags?.tags?.["CostCentre"]) out.add(tags.tags["CostCentre"]);
  }
  return out;
}

describe("a stack config edit through the Nx cache and the PR diff", function () {
  this.timeout(30 * 60_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-cache-"));
    copyWorkspace(dir);
    linkNodeModules(root, dir);
    // npm links every workspace package; drop the links to the stacks left out of the copy.
    for (const d of DROPPED)
      fs.rmSync(path.join(dir, "node_modules", `platform-${path.basename(d)}`));
    // Share this checkout's Nx cache (as report --diff does): unchanged builds come from it.
    fs.mkdirSync(path.join(root, ".nx", "cache"), { recursive: true });
    fs.mkdirSync(path.join(dir, ".nx"));
    fs.symlinkSync(path.join(root, ".nx", "cache"), path.join(dir, ".nx", "cache"), "dir");
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "base");
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("re-plans the edited stack, and the diff against the previous commit shows the edit", () => {
    run(dir, "npx", ["nx", "run", "platform-prod:plan", "--outputStyle=static"]);
    const before = costCentres(readPlan(dir));
    assert.ok(before.size > 0 && !before.has("CC-4242"), "prod's providers tag a cost centre");

    const file = path.join(dir, "stacks", "prod", "Pulumi.prod.yaml");
    const text = fs.readFileSync(file, "utf8");
    assert.match(text, /costCentre: \S+/);
    fs.writeFileSync(file, text.replace(/costCentre: \S+/, "costCentre: CC-4242"));
    git(dir, "commit", "-q", "-am", "prod: new cost centre");

    const log = run(dir, "npx", ["nx", "run", "platform-prod:plan", "--outputStyle=static"]);
    assert.doesNotMatch(log, /nx run platform-prod:plan\s+\[(local|remote) cache\]/);
    assert.deepEqual([...costCentres(readPlan(dir))], ["CC-4242"], "the plan reflects the edit");

    const report = spawnSync("node", ["tools/plan/dist/cli.js", "report", "--diff", "HEAD~1"], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    const diffFile = path.join(dir, ".plan", "diff.md");
    assert.ok(
      fs.existsSync(diffFile),
      `report --diff wrote no diff:\n${report.stdout}\n${report.stderr}`,
    );
    const diff = fs.readFileSync(diffFile, "utf8");
    assert.doesNotMatch(diff, /No resource changes/, report.stdout);
    assert.match(diff, /### platform-prod\/prod \(changed\): \+0 ~[1-9]\d* \+-0 -0/);
    assert.match(
      diff,
      /\| ~ update \| `pulumi:providers:aws` \| prod-account \| `defaultTags[^|]*\|/,
    );
  });

  it("adds an environment as the README says: the hub and the bootstrap re-plan, the new stack plans", () => {
    // The hub and the bootstrap are planned (the previous test's prod plan ran them first).
    const hubBefore = readPlan(dir, "platform-network.network.json");
    assert.equal(hubBefore.errors.length, 0);
    run(dir, "npm", [
      "run",
      "new-env",
      "--",
      "qa",
      "--accountId=500000000005",
      "--vpcCidr=10.28.0.0/16",
      "--allocation=10.28.0.0/14",
      "--policyProfile=test",
    ]);
    // What `npm install` does for a new workspace: link it (npm would edit the shared lockfile).
    fs.symlinkSync(path.join(dir, "stacks", "qa"), path.join(dir, "node_modules", "platform-qa"));
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "qa: new environment");

    const log = run(dir, "npx", ["nx", "run", "platform-qa:plan", "--outputStyle=static"]);
    for (const project of ["platform-network", "platform-bootstrap"])
      assert.doesNotMatch(log, new RegExp(`nx run ${project}:plan\\s+\\[(local|remote) cache\\]`));
    const qa = readPlan(dir, "platform-qa.qa.json");
    assert.deepEqual(qa.errors, []);
    assert.ok(
      qa.resources.some(
        (r) => r.type === "aws:ec2/vpc:Vpc" && r.inputs["cidrBlock"] === "10.28.0.0/16",
      ),
    );
    const hub = readPlan(dir, "platform-network.network.json");
    assert.match(
      JSON.stringify(hub.outputs),
      /10\.28\.0\.0\/14/,
      "the hub plan knows the new allocation",
    );
    assert.doesNotMatch(JSON.stringify(hubBefore.outputs), /10\.28\.0\.0\/14/);
    const bootstrap = readPlan(dir, "platform-bootstrap.qa.json");
    assert.deepEqual(bootstrap.errors, []);
  });
});
