import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planFails, readPlans, PLAN_DIR } from "../src";
import { preflightEvaluator } from "../src/preflight";
import { clearPlanCache } from "../src/plans";
import { planAll } from "../src/warm";
import type { PlannedStack } from "../src/warm";

const fixtures = path.join(__dirname, "fixtures");

describe("plan-all: many stacks in one warm process", () => {
  beforeEach(clearPlanCache);

  it("a broken stack among good ones: its error is its own, every other stack is planned and written", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-all-"));
    const seen: PlannedStack[] = [];
    const dirs = ["ok", "throws", "broken", "refused", "spoke"].map((d) => path.join(fixtures, d));
    const results = await planAll(root, dirs, {
      preflight: preflightEvaluator(root, { file: {} }),
      onStack: (r) => seen.push(r),
    });
    assert.deepEqual(
      results.map((r) => [r.plan.project, planFails(r.plan), r.rerun]),
      [
        ["fixture-ok", false, false],
        ["fixture-throws", true, true],
        ["fixture-broken", true, true],
        ["fixture-refused", true, false],
        // The hub it references was never planned: its own error, not the others'.
        ["fixture-spoke", true, true],
      ],
    );
    assert.equal(seen.length, 5);
    assert.ok(seen[0]!.plan.resources.length > 0, "onStack sees the whole plan");
    assert.deepEqual(results[0]!.plan.resources, [], "the results keep summaries, not plans");
    // Re-run with traces on: the program's error carries its stack trace.
    const error = results[1]!.plan.errors[0]!;
    assert.match(error, /^fixture-throws\/demo: Error: boom: no address left in the pool\n/);
    assert.match(error, /\n\s+at allocate \(.*fixtures\/throws\/index\.js:3:9\)/);
    assert.match(results[2]!.plan.errors[0]!, /invalid stack configuration/);
    assert.match(results[4]!.plan.errors[0]!, /StackReference "organization\/fixture-hub\/demo"/);
    // Every plan is on disk, the good one complete.
    const written = readPlans(path.join(root, PLAN_DIR));
    assert.deepEqual(written.map((p) => p.project).sort(), [
      "fixture-broken",
      "fixture-ok",
      "fixture-refused",
      "fixture-spoke",
      "fixture-throws",
    ]);
    assert.ok(written.find((p) => p.project === "fixture-ok")!.resources.length > 0);
    assert.ok(results.every((r) => r.seconds.program > 0 && r.seconds.policies === 0));
    assert.ok(results[3]!.seconds.preflight > 0);
  });

  it("a pack that throws fails its stack with the pack's error and keeps the captured plan", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-all-"));
    const [result] = await planAll(root, [path.join(fixtures, "ok")], {
      evaluate: () => {
        throw new Error("pack config names policies the pack does not have: x");
      },
    });
    assert.equal(result!.rerun, true);
    assert.match(
      result!.plan.errors[0]!,
      /^fixture-ok\/demo: the policy packs could not run: Error: pack config names policies the pack does not have: x\n\s+at /,
    );
    assert.ok(readPlans(path.join(root, PLAN_DIR))[0]!.resources.length > 0);
  });

  it("keeps no planned program's modules in the require cache (their exports reach every resource)", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-all-"));
    const dir = path.join(fixtures, "ok");
    await planAll(root, [dir]);
    const kept = Object.values(require.cache).filter(
      (m) => m!.filename.startsWith(dir) || m!.children.some((c) => c.filename.startsWith(dir)),
    );
    assert.deepEqual(
      kept.map((m) => m!.filename),
      [],
    );
  });

  it("stack traces are off while planning and restored afterwards", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-all-"));
    const before = Error.stackTraceLimit;
    let during = -1;
    await planAll(root, [path.join(fixtures, "ok")], {
      evaluate: () => {
        during = Error.stackTraceLimit;
        return [];
      },
    });
    assert.equal(during, 0);
    assert.equal(Error.stackTraceLimit, before);
    await planAll(root, [path.join(fixtures, "ok")], {
      traces: true,
      evaluate: () => {
        during = Error.stackTraceLimit;
        return [];
      },
    });
    assert.equal(during, before);
  });

  it("plans the same bytes with stack traces off as with them on", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-all-"));
    const [warm] = await planAll(root, [path.join(fixtures, "ok")]);
    const first = fs.readFileSync(warm!.file, "utf8");
    await planAll(root, [path.join(fixtures, "ok")], { traces: true });
    assert.equal(fs.readFileSync(warm!.file, "utf8"), first);
  });
});
