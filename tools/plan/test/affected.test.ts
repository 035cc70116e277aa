import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..", "..");

/** What `nx affected` would run for a change to one file, from Nx's own project graph. */
function affectedBy(file: string): string[] {
  const out = execFileSync("npx", ["nx", "show", "projects", "--affected", `--files=${file}`], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NX_DAEMON: "false", NX_TUI: "false" },
  });
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .sort();
}

describe("nx affected", () => {
  it("marks exactly the environment stacks when the environment blueprint changes", () => {
    assert.deepEqual(affectedBy("packages/environment/src/schema.ts"), [
      "@platform/environment",
      "platform-dev",
      "platform-prod",
      "platform-test",
    ]);
  });

  it("marks every stack when a policy pack or its config changes, so real previews run with it", function () {
    this.timeout(300_000);
    for (const file of [
      "policies/kubernetes-guardrails/src/workloads.ts",
      "policies/aws-guardrails/config/prod.json",
    ]) {
      const stacks = affectedBy(file).filter((p) => p.startsWith("platform-"));
      assert.deepEqual(
        stacks,
        [
          "platform-bootstrap",
          "platform-dev",
          "platform-log-archive",
          "platform-network",
          "platform-prod",
          "platform-test",
        ],
        file,
      );
    }
  });

  it("marks only the plan tool when the plan tool changes", () => {
    assert.deepEqual(affectedBy("tools/plan/src/diff.ts"), ["@platform/plan"]);
  });
});
