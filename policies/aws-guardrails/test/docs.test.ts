import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PACK } from "../src/policies";

const policiesDir = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(policiesDir, "README.md"), "utf8");
const config = (pack: string, env: string) =>
  JSON.parse(
    fs.readFileSync(path.join(policiesDir, pack, "config", `${env}.json`), "utf8"),
  ) as Record<string, unknown>;

/** The D/T/P column of a policy's row in policies/README.md. */
function documentedLevels(policy: string): string | undefined {
  return new RegExp(`^\\| \`${policy}\` +\\|.*\\| ([AM-]/[AM-]/[AM-]) +\\|`, "m").exec(readme)?.[1];
}

function configuredLevels(pack: string, policy: string): string {
  return ["dev", "test", "prod"]
    .map((env) => {
      const cfg = config(pack, env);
      const entry = cfg[policy] ?? cfg["all"];
      const level =
        typeof entry === "object"
          ? (entry as { enforcementLevel: string }).enforcementLevel
          : entry;
      return { advisory: "A", mandatory: "M", disabled: "-" }[level as string];
    })
    .join("/");
}

describe("policies/README.md and the pack configs", () => {
  for (const policy of PACK.policies) {
    it(`${policy.name}: documented levels match config/{dev,test,prod}.json`, () => {
      assert.equal(documentedLevels(policy.name), configuredLevels("aws-guardrails", policy.name));
    });
  }
});
