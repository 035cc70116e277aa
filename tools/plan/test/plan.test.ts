import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { planFails, planStack, summarize } from "../src";

const fixtures = path.join(__dirname, "fixtures");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-test-"));

describe("planStack", () => {
  it("captures resources, parents, dependencies and outputs with secrets masked", async () => {
    const plan = await planStack(root, path.join(fixtures, "ok"), "demo");
    assert.deepEqual(plan.errors, []);
    assert.equal(plan.project, "fixture-ok");
    assert.equal(plan.stack, "demo");
    const types = plan.resources.map((r) => r.type);
    assert.deepEqual(types.filter((t) => t === "aws:sns/topic:Topic").length, 2);
    const param = plan.resources.find((r) => r.type === "aws:ssm/parameter:Parameter")!;
    assert.equal(param.inputs["value"], "[secret]");
    assert.equal(param.parent, "urn:pulumi:demo::fixture-ok::pulumi:pulumi:Stack::fixture-ok-demo");
    assert.ok(
      param.dependencies.includes("urn:pulumi:demo::fixture-ok::aws:sns/topic:Topic::topic-1"),
    );
    assert.equal(plan.outputs["token"], "[secret]");
    assert.match(String(plan.outputs["topicArn"]), /^arn:aws:sns:eu-west-1:123456789012:/);
    assert.ok(!JSON.stringify(plan).includes("OfflinePlanSecret"));
    assert.equal(planFails(plan), false);
  });

  it("reports invalid config as an error naming the stack, file, key and value", async () => {
    const plan = await planStack(root, path.join(fixtures, "broken"), "demo");
    assert.equal(plan.resources.length, 0);
    assert.equal(plan.errors.length, 1);
    assert.match(
      plan.errors[0]!,
      /^fixture-broken\/demo: invalid stack configuration:\n {2}Pulumi\.demo\.yaml: fixture-broken:vpcCidr = "10\.0\.0\.1\/16": has host bits set \(the network is 10\.0\.0\.0\/16\)/,
    );
    assert.equal(planFails(plan), true);
    assert.match(summarize(plan), /^fixture-broken\/demo: FAILED/);
  });

  it("reports a stack file that is not YAML by file, line and column, without a stack trace", async () => {
    const plan = await planStack(root, path.join(fixtures, "bad-yaml"), "demo");
    const file = path.relative(process.cwd(), path.join(fixtures, "bad-yaml", "Pulumi.demo.yaml"));
    assert.equal(plan.resources.length, 0);
    assert.deepEqual(plan.errors, [
      `fixture-bad-yaml/demo: ${file}:5:3: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }; fix the file at that line\n` +
        "    fixture-bad-yaml:tags: { owner: platform-team, costCentre: CC-1\n" +
        "    fixture-bad-yaml:region: eu-west-1\n" +
        "    ^",
    ]);
    const summary = summarize(plan);
    assert.match(summary, /^fixture-bad-yaml\/demo: FAILED/);
    assert.match(
      summary,
      new RegExp(`error: fixture-bad-yaml/demo: ${file.replace(/[.]/g, "\\.")}:5:3: invalid YAML`),
    );
    assert.ok(!/\n\s+at /.test(summary), `no stack trace in:\n${summary}`);
    assert.equal(planFails(plan), true);
  });
});

describe("planStack with a secret the stack file does not set", () => {
  it("plans with a placeholder and lists the secret, with the command that sets it, as a warning", async () => {
    const dir = path.join(fixtures, "unset-secret");
    const plan = await planStack(root, dir, "demo");
    assert.deepEqual(plan.errors, []);
    const param = plan.resources.find((r) => r.type === "aws:ssm/parameter:Parameter")!;
    assert.equal(param.inputs["value"], "[secret]");
    const file = path.relative(root, path.join(dir, "Pulumi.demo.yaml"));
    assert.ok(
      plan.warnings!.includes(
        `${file}: fixture-unset-secret:apiKey is not set; the offline plan used a placeholder. ` +
          `Set it before a real preview: pulumi config set --secret --cwd ${path.relative(root, dir)} ` +
          `--stack demo fixture-unset-secret:apiKey`,
      ),
      plan.warnings!.join("\n"),
    );
    assert.match(
      summarize(plan),
      /^fixture-unset-secret\/demo: ok - 3 resources, .*; 2 setup warnings/,
    );
    assert.match(summarize(plan), /setup warning: .*encryptedkey is not committed yet/);
    assert.equal(planFails(plan), false);
  });
});

describe("platform-plan CLI", () => {
  const cli = path.join(__dirname, "..", "src", "cli.ts");
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ["--conditions=@platform/source", "--import", "tsx", cli, ...args],
      { encoding: "utf8" },
    );

  it("exits 2 with a clear message on an unknown flag", () => {
    const result = run("report", "--dif", "main");
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /unknown argument --dif; known flags: --diff <value>, --base-dir <value>, --markdown <value>/,
    );
  });

  it("exits 2 when plan-all is given a number of workers that is not a whole number of at least 1", () => {
    for (const jobs of ["0", "two"]) {
      const result = run("plan-all", "--jobs", jobs);
      assert.equal(result.status, 2);
      assert.match(
        result.stderr,
        new RegExp(`--jobs ${jobs}: expected a whole number of at least 1`),
      );
    }
  });

  it("exits 2 when run is given a folder without a Pulumi project", () => {
    const result = run("run", "tools");
    assert.equal(result.status, 2);
    assert.match(result.stderr, /run tools: no Pulumi.yaml there/);
  });

  it("report loads neither the Pulumi SDK nor the AWS provider (it reads plan files only)", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-report-"));
    fs.writeFileSync(path.join(root, "nx.json"), "{}");
    fs.mkdirSync(path.join(root, "stacks"));
    fs.mkdirSync(path.join(root, ".plan"));
    const plan = {
      project: "fixture-ok",
      stack: "demo",
      resources: [],
      outputs: {},
      preflight: [],
      policyViolations: [],
      errors: [],
      warnings: [],
    };
    fs.writeFileSync(path.join(root, ".plan", "fixture-ok.demo.json"), JSON.stringify(plan));
    const hook = path.join(root, "loaded.cjs");
    fs.writeFileSync(
      hook,
      `process.on("exit", () => { const k = Object.keys(require.cache); process.stderr.write("LOADED " + JSON.stringify({ sdk: k.some((f) => f.includes("/@pulumi/pulumi/")), aws: k.some((f) => f.includes("/@pulumi/aws/")), count: k.length }) + "\\n"); });`,
    );
    const result = spawnSync(
      process.execPath,
      // tsx by its path: the workspace's node_modules are not above the temporary folder.
      [
        "--conditions=@platform/source",
        "--import",
        pathToFileURL(require.resolve("tsx")).href,
        "--require",
        hook,
        cli,
        "report",
      ],
      { cwd: root, encoding: "utf8" },
    );
    assert.match(result.stdout, /^Offline plan: 1 stacks\nfixture-ok\/demo: ok - 0 resources/);
    const loaded = JSON.parse(/LOADED (.*)/.exec(result.stderr)![1]!) as Record<string, unknown>;
    assert.ok((loaded["count"] as number) > 10, "the hook saw the modules");
    assert.deepEqual({ sdk: loaded["sdk"], aws: loaded["aws"] }, { sdk: false, aws: false });
  });

  it("exits 1 with the ref named when --diff names no commit", () => {
    const result = run("report", "--diff", "no-such-ref-xyz");
    assert.equal(result.status, 1);
    assert.match(result.stderr, /--diff no-such-ref-xyz: not a commit in this repository/);
  });
});

describe("npm run plan", () => {
  it("ends with the report command, so `npm run plan -- --diff <ref>` reaches it", () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"),
    ) as { scripts: Record<string, string> };
    const last = pkg.scripts["plan"]!.split("&&").pop()!.trim();
    assert.equal(last, "node tools/plan/dist/cli.js report");
  });
});

describe("the build target", () => {
  it("starts from an empty dist: a module removed from src leaves no stale output a require could still find", () => {
    const workspace = path.join(__dirname, "..", "..", "..");
    const nx = JSON.parse(fs.readFileSync(path.join(workspace, "nx.json"), "utf8")) as {
      targetDefaults: { build: { options: { command: string } } };
    };
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "build-target-"));
    fs.mkdirSync(path.join(project, "src"));
    fs.writeFileSync(path.join(project, "src", "index.ts"), "export const kept = 1;\n");
    fs.writeFileSync(
      path.join(project, "tsconfig.build.json"),
      JSON.stringify({
        compilerOptions: { outDir: "dist", rootDir: "src", module: "commonjs", target: "es2022" },
        include: ["src"],
      }),
    );
    // What an earlier build emitted for a module since moved (actions.ts became actions/index.ts):
    // `require("./actions")` would find this file before the folder.
    fs.mkdirSync(path.join(project, "dist"));
    fs.writeFileSync(path.join(project, "dist", "actions.js"), "exports.stale = true;\n");
    const command = nx.targetDefaults.build.options.command.replaceAll("{projectRoot}", project);
    const result = spawnSync(command, {
      shell: true,
      cwd: workspace,
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${path.join(workspace, "node_modules", ".bin")}:${process.env["PATH"]}`,
      },
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.deepEqual(fs.readdirSync(path.join(project, "dist")).sort(), ["index.js"]);
  });
});
