import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PACK } from "../src/policies";

const policiesDir = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(policiesDir, "README.md"), "utf8");

describe("policies/README.md and the kubernetes pack configs", () => {
  for (const policy of PACK.policies) {
    it(`${policy.name}: documented levels match config/{dev,test,prod}.json`, () => {
      const documented = new RegExp(
        `^\\| \`${policy.name}\` +\\|.*\\| ([AM-]/[AM-]/[AM-]) +\\|`,
        "m",
      ).exec(readme)?.[1];
      const configured = ["dev", "test", "prod"]
        .map((env) => {
          const cfg = JSON.parse(
            fs.readFileSync(
              path.join(policiesDir, "kubernetes-guardrails", "config", `${env}.json`),
              "utf8",
            ),
          );
          return { advisory: "A", mandatory: "M", disabled: "-" }[
            (cfg[policy.name] ?? cfg.all) as string
          ];
        })
        .join("/");
      assert.equal(documented, configured);
    });
  }
});
