import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { writePackConfigs } from "@platform/policy-runner";
import { pulumiArgs, pulumiInvocation, stackOutputs } from "../src";

const SETTINGS = { stack: "dev", policyProfile: "dev", backend: "s3", runner: "in-network" };
const KMS = "awskms://alias/pulumi-secrets?region=eu-west-1";

function workspace(
  options: { packConfig?: boolean; settings?: object; stackFile?: string } = {},
): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-args-"));
  fs.mkdirSync(path.join(root, "stacks", "dev"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "stacks", "dev", "package.json"),
    JSON.stringify({ name: "platform-dev", pulumiStack: options.settings ?? SETTINGS }),
  );
  fs.writeFileSync(
    path.join(root, "stacks", "dev", "Pulumi.yaml"),
    "name: platform-dev\nruntime: nodejs\n",
  );
  fs.writeFileSync(
    path.join(root, "stacks", "dev", "Pulumi.dev.yaml"),
    options.stackFile ?? `secretsprovider: ${KMS}\nencryptedkey: AQICAHgKEY\nconfig: {}\n`,
  );
  for (const pack of ["aws-guardrails", "kubernetes-guardrails"]) {
    fs.mkdirSync(path.join(root, "policies", pack, "config"), { recursive: true });
    fs.writeFileSync(path.join(root, "policies", pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    if (options.packConfig !== false)
      fs.writeFileSync(path.join(root, "policies", pack, "config", "dev.json"), "{}");
  }
  return root;
}

describe("pulumiArgs", () => {
  it("previews with absolute paths: the CLI resolves pack paths from --cwd, not from where it started", () => {
    const root = workspace();
    assert.deepEqual(pulumiArgs(root, "preview", "stacks/dev"), [
      "preview",
      "--cwd",
      path.join(root, "stacks/dev"),
      "--stack",
      "dev",
      "--diff",
      "--policy-pack",
      path.join(root, "policies/aws-guardrails"),
      "--policy-pack-config",
      path.join(root, ".plan/pack-config/platform-dev.dev/aws-guardrails.json"),
      "--policy-pack",
      path.join(root, "policies/kubernetes-guardrails"),
      "--policy-pack-config",
      path.join(root, ".plan/pack-config/platform-dev.dev/kubernetes-guardrails.json"),
    ]);
  });

  it("every path argument is absolute, whatever the root was given as", () => {
    const root = workspace();
    const rel = path.relative(process.cwd(), root);
    const args = pulumiArgs(rel, "up", "stacks/dev", ["--yes"]);
    // The CLI command writes the stack's effective pack configs before it runs pulumi.
    const packs = args.filter((_, i) => args[i - 1] === "--policy-pack");
    writePackConfigs(root, path.join(root, "stacks/dev"), "dev", "dev", packs);
    const paths = args.filter((_, i) =>
      /^--(cwd|policy-pack|policy-pack-config)$/.test(args[i - 1]!),
    );
    assert.equal(paths.length, 5);
    for (const p of paths) assert.ok(path.isAbsolute(p) && fs.existsSync(p), p);
  });

  it("lets the command line choose the stack of a project with a stack per account", () => {
    const root = workspace();
    for (const flag of [["--stack", "prod"], ["-s", "prod"], ["--stack=prod"]]) {
      const args = pulumiArgs(root, "refresh", "stacks/dev", flag);
      assert.deepEqual(args, [
        "refresh",
        "--cwd",
        path.join(root, "stacks/dev"),
        "--stack",
        "prod",
      ]);
    }
  });

  it("says which stack and packs it chose, so the CLI command writes those packs' configs", () => {
    const root = workspace();
    const up = pulumiInvocation(root, "up", "stacks/dev", ["--stack", "prod", "--yes"]);
    assert.equal(up.stack, "prod");
    assert.equal(up.dir, path.join(root, "stacks/dev"));
    assert.equal(up.policyProfile, "dev");
    assert.deepEqual(
      up.packs,
      up.argv.filter((_, i) => up.argv[i - 1] === "--policy-pack"),
    );
    assert.equal(up.packs.length, 2);
    assert.deepEqual(pulumiInvocation(root, "refresh", "stacks/dev").packs, []);
  });

  it("the CLI command runs pulumi with that command line after writing the chosen stack's pack configs", () => {
    const root = workspace();
    fs.writeFileSync(path.join(root, "nx.json"), "{}");
    fs.copyFileSync(
      path.join(root, "stacks/dev/Pulumi.dev.yaml"),
      path.join(root, "stacks/dev/Pulumi.prod.yaml"),
    );
    const bin = path.join(root, "bin");
    fs.mkdirSync(bin);
    // A stand-in for the Pulumi CLI that records its arguments.
    fs.writeFileSync(
      path.join(bin, "pulumi"),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${path.join(root, "argv.txt")}"\n`,
      { mode: 0o755 },
    );
    const result = spawnSync(
      process.execPath,
      [
        "--conditions=@platform/source",
        "--import",
        pathToFileURL(require.resolve("tsx")).href,
        path.join(__dirname, "..", "src", "cli.ts"),
        "pulumi",
        "up",
        "stacks/dev",
        "--",
        "--stack",
        "prod",
        "--yes",
      ],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, PATH: `${bin}:${process.env["PATH"]}` },
      },
    );
    assert.equal(result.status, 0, result.stderr);
    const argv = fs.readFileSync(path.join(root, "argv.txt"), "utf8").trim().split("\n");
    assert.deepEqual(argv, pulumiArgs(root, "up", "stacks/dev", ["--stack", "prod", "--yes"]));
    for (const config of argv.filter((_, i) => argv[i - 1] === "--policy-pack-config")) {
      assert.match(config, /pack-config\/platform-dev\.prod\//);
      assert.ok(fs.existsSync(config), `${config} written before pulumi ran`);
    }
  });

  it("passes policy packs on up, not on refresh or destroy, and forwards extra flags", () => {
    const root = workspace();
    const dir = path.join(root, "stacks/dev");
    assert.ok(pulumiArgs(root, "up", "stacks/dev", ["--yes"]).includes("--policy-pack"));
    assert.equal(pulumiArgs(root, "up", "stacks/dev", ["--yes"]).at(-1), "--yes");
    assert.deepEqual(pulumiArgs(root, "refresh", "stacks/dev"), [
      "refresh",
      "--cwd",
      dir,
      "--stack",
      "dev",
    ]);
    assert.deepEqual(pulumiArgs(root, "destroy", "stacks/dev"), [
      "destroy",
      "--cwd",
      dir,
      "--stack",
      "dev",
    ]);
  });

  it("init selects or creates the stack with the secrets provider its stack file records", () => {
    const root = workspace();
    assert.deepEqual(pulumiArgs(root, "init", "stacks/dev", ["--non-interactive"]), [
      "stack",
      "select",
      "--create",
      "--stack",
      "dev",
      "--cwd",
      path.join(root, "stacks/dev"),
      "--secrets-provider",
      KMS,
      "--non-interactive",
    ]);
  });

  it("init refuses an S3 stack without a KMS provider, and in CI one without its committed data key", () => {
    assert.throws(
      () => pulumiArgs(workspace({ stackFile: "config: {}\n" }), "init", "stacks/dev"),
      /Pulumi\.dev\.yaml: needs "secretsprovider: awskms:\/\/\.\.\." \(the S3 backend's KMS key\)/,
    );
    const firstTime = workspace({ stackFile: `secretsprovider: ${KMS}\nconfig: {}\n` });
    assert.equal(
      pulumiArgs(firstTime, "init", "stacks/dev").at(-1),
      KMS,
      "locally: creates the key",
    );
    assert.throws(
      () => pulumiArgs(firstTime, "init", "stacks/dev", [], { committedKey: true }),
      /Pulumi\.dev\.yaml: has no "encryptedkey" yet, so CI will not create the stack; run npx nx run <project>:init once/,
    );
  });

  it("init of a local try-out stack uses a passphrase", () => {
    const root = workspace({
      settings: { ...SETTINGS, backend: "local" },
      stackFile: "config: {}\n",
    });
    assert.equal(pulumiArgs(root, "init", "stacks/dev").at(-1), "passphrase");
  });

  it("names the missing pack config instead of running without policies", () => {
    assert.throws(
      () => pulumiArgs(workspace({ packConfig: false }), "preview", "stacks/dev"),
      /policies\/aws-guardrails\/config\/dev.json is missing: every policy pack needs a config for profile "dev"/,
    );
  });

  it("names the package.json field a stack project lacks or gets wrong", () => {
    assert.throws(
      () => pulumiArgs(workspace({ settings: { stack: "dev" } }), "preview", "stacks/dev"),
      /"pulumiStack" needs "stack" and "policyProfile"/,
    );
    assert.throws(
      () =>
        pulumiArgs(
          workspace({ settings: { ...SETTINGS, backend: "s4" } }),
          "preview",
          "stacks/dev",
        ),
      /stacks\/dev\/package.json: pulumiStack.backend = "s4": expected one of s3, local/,
    );
  });
});

describe("stackOutputs (what the workflows pass to pulumi/actions)", () => {
  it("gives absolute work-dir, pack and pack config paths, and where the stack runs", () => {
    const root = workspace();
    assert.deepEqual(stackOutputs(root, "stacks/dev"), {
      dir: path.join(root, "stacks/dev"),
      stack: "dev",
      profile: "dev",
      runner: "in-network",
      "policy-packs": ["aws-guardrails", "kubernetes-guardrails"]
        .map((p) => path.join(root, "policies", p))
        .join(","),
      "policy-pack-configs": ["aws-guardrails", "kubernetes-guardrails"]
        .map((p) => path.join(root, ".plan", "pack-config", "platform-dev.dev", `${p}.json`))
        .join(","),
    });
  });
});
