import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlanFile } from "../src/planfile";
import { readPlans, writePlan } from "../src/planfile";

/** A plan big enough that writing it takes many write(2) calls. */
function bigPlan(n: number, marker: number): PlanFile {
  return {
    project: "platform-dev",
    stack: "dev",
    resources: Array.from({ length: n }, (_, i) => ({
      urn: `urn:pulumi:dev::platform-dev::aws:ec2/subnet:Subnet::s${i}`,
      type: "aws:ec2/subnet:Subnet",
      name: `s${i}`,
      custom: true,
      inputs: { cidrBlock: `10.${i % 256}.0.0/24`, marker, padding: "x".repeat(200) },
      dependencies: [],
      propertyDependencies: {},
      protect: false,
      retainOnDelete: false,
    })),
    outputs: {},
    preflight: [],
    policyViolations: [],
    errors: [],
  };
}

describe("plan files under concurrent readers (parallel plan tasks)", function () {
  this.timeout(120_000);

  it("a reader in another process never sees a half-written plan", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "planfile-"));
    const file = writePlan(root, bigPlan(2000, 0));
    // The reader parses the file as fast as it can until told to stop, counting failures.
    const reader = spawn(
      process.execPath,
      [
        "-e",
        `const fs = require("fs"); let reads = 0, bad = 0, stop = false;
         process.on("message", () => { stop = true; });
         (function loop() {
           for (let i = 0; i < 20; i++) {
             try { JSON.parse(fs.readFileSync(${JSON.stringify(file)}, "utf8")); reads++; }
             catch { bad++; }
           }
           if (stop) { process.send({ reads, bad }); process.exit(0); } else setImmediate(loop);
         })();`,
      ],
      { stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    const result = new Promise<{ reads: number; bad: number }>((resolve) =>
      reader.once("message", (m) => resolve(m as { reads: number; bad: number })),
    );
    await new Promise((r) => setTimeout(r, 200));
    for (let k = 1; k <= 150; k++) {
      writePlan(root, bigPlan(2000, k));
      await new Promise((r) => setImmediate(r));
    }
    reader.send("stop");
    const { reads, bad } = await result;
    assert.ok(reads > 0, "the reader read nothing");
    assert.equal(bad, 0, `${bad} of ${reads + bad} reads saw a partial file`);
    // No temporary file is left behind, and readers of the directory see one plan.
    assert.deepEqual(fs.readdirSync(path.dirname(file)), [path.basename(file)]);
    assert.equal(readPlans(path.dirname(file)).length, 1);
  });
});
