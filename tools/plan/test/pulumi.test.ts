import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiArgs } from "../src";

function workspace(withPackConfig = true): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-args-"));
  fs.mkdirSync(path.join(root, "stacks", "dev"), { recursive: true });
  fs.writeFileSync(
    path.join(root, "stacks", "dev", "package.json"),
    JSON.stringify({ name: "platform-dev", pulumiStack: { stack: "dev", policyProfile: "dev" } }),
  );
  for (const pack of ["aws-guardrails", "kubernetes-guardrails"]) {
    fs.mkdirSync(path.join(root, "policies", pack, "config"), { recursive: true });
    fs.writeFileSync(path.join(root, "policies", pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    if (withPackConfig)
      fs.writeFileSync(path.join(root, "policies", pack, "config", "dev.json"), "{}");
  }
  return root;
}

describe("pulumiArgs", () => {
  it("previews the project's stack with every pack and the environment's pack config", () => {
    assert.deepEqual(pulumiArgs(workspace(), "preview", "stacks/dev"), [
      "preview",
      "--cwd",
      "stacks/dev",
      "--stack",
      "dev",
      "--diff",
      "--policy-pack",
      "policies/aws-guardrails",
      "--policy-pack-config",
      "policies/aws-guardrails/config/dev.json",
      "--policy-pack",
      "policies/kubernetes-guardrails",
      "--policy-pack-config",
      "policies/kubernetes-guardrails/config/dev.json",
    ]);
  });

  it("passes policy packs on up, not on refresh or destroy, and forwards extra flags", () => {
    const root = workspace();
    assert.ok(pulumiArgs(root, "up", "stacks/dev", ["--yes"]).includes("--policy-pack"));
    assert.equal(pulumiArgs(root, "up", "stacks/dev", ["--yes"]).at(-1), "--yes");
    assert.deepEqual(pulumiArgs(root, "refresh", "stacks/dev"), [
      "refresh",
      "--cwd",
      "stacks/dev",
      "--stack",
      "dev",
    ]);
    assert.deepEqual(pulumiArgs(root, "destroy", "stacks/dev"), [
      "destroy",
      "--cwd",
      "stacks/dev",
      "--stack",
      "dev",
    ]);
  });

  it("names the missing pack config instead of running without policies", () => {
    assert.throws(
      () => pulumiArgs(workspace(false), "preview", "stacks/dev"),
      /policies\/aws-guardrails\/config\/dev.json is missing: every policy pack needs a config for profile "dev"/,
    );
  });

  it("names the package.json field a stack project lacks", () => {
    const root = workspace();
    fs.writeFileSync(
      path.join(root, "stacks", "dev", "package.json"),
      JSON.stringify({ name: "platform-dev" }),
    );
    assert.throws(
      () => pulumiArgs(root, "preview", "stacks/dev"),
      /"pulumiStack" needs "stack" and "policyProfile"/,
    );
  });
});
