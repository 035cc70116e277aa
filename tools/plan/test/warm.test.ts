import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planFails, readPlans, PLAN_DIR } from "../src";
import { preflightEvaluator } from "../src/preflight";
import { clearPlanCache } from "../src/plans";
import { planPool } from "../src/pool";
import type { StackOutcome } from "../src/pool";
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

describe("plan-all --jobs: warm worker processes", () => {
  beforeEach(clearPlanCache);
  const fixture = (name: string, dependsOn: string[] = []) => ({
    name: `fixture-${name}`,
    dir: path.join(fixtures, name),
    dependsOn,
  });

  it("plans in dependency order across workers, writes every plan, and a dying worker fails only its stack", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pool-"));
    const seen: string[] = [];
    const outcomes = await planPool(
      root,
      // The spoke comes first: only the dependency holds it back until the hub is planned.
      [
        fixture("spoke", ["fixture-hub"]),
        fixture("exits"),
        fixture("hub"),
        fixture("ok"),
        fixture("throws"),
      ],
      {
        jobs: 2,
        policies: false,
        preflight: true,
        traces: false,
        onOutcome: (o) => seen.push(`${o.project}/${o.stack}`),
      },
    );
    const by = new Map(outcomes.map((o) => [o.project, o]));
    assert.equal(outcomes.length, 5);
    assert.deepEqual(seen.sort(), [...by.keys()].map((p) => `${p}/demo`).sort());
    // The spoke read the hub's outputs: it was planned after the hub's plan was written.
    assert.equal(by.get("fixture-spoke")!.fails, false, by.get("fixture-spoke")!.reasons.join());
    assert.equal(by.get("fixture-hub")!.fails, false);
    assert.equal(by.get("fixture-ok")!.fails, false);
    assert.match(by.get("fixture-ok")!.headline, /^fixture-ok\/demo: ok - \d+ resources/);
    assert.equal(by.get("fixture-throws")!.fails, true);
    assert.equal(by.get("fixture-throws")!.rerun, true);
    assert.match(by.get("fixture-exits")!.reasons[0]!, /the planning worker exited \(code 3\)/);
    // Workers are numbered as started; the dying stack's second try and replacements add more.
    assert.ok(
      outcomes.every((o) => o.worker >= 1),
      "planned by workers",
    );
    assert.ok(new Set(outcomes.map((o) => o.worker)).size >= 2, "more than one worker planned");
    const written = readPlans(path.join(root, PLAN_DIR));
    const spoke = written.find((p) => p.project === "fixture-spoke")!;
    const topic = spoke.resources.find((r) => r.type === "aws:sns/topic:Topic")!;
    assert.equal(topic.inputs["name"], "hub-events");
  });

  it("a stack that outgrows the worker heap cap is planned again in a worker without it", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pool-"));
    const errors: string[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(" "));
    let outcomes: StackOutcome[];
    try {
      outcomes = await planPool(root, [fixture("hungry"), fixture("ok")], {
        jobs: 2,
        policies: false,
        preflight: false,
        traces: false,
        workerHeapMiB: 160,
      });
    } finally {
      console.error = log;
    }
    const hungry = outcomes.find((o) => o.project === "fixture-hungry")!;
    assert.equal(hungry.fails, false, hungry.reasons.join());
    assert.match(
      errors.join("\n"),
      /fixture-hungry\/demo: the planning worker exited .*; planning it again in a worker without the heap cap/,
    );
    const plan = readPlans(path.join(root, PLAN_DIR)).find((p) => p.project === "fixture-hungry")!;
    assert.equal(
      plan.resources.find((r) => r.type === "aws:sns/topic:Topic")!.inputs["name"],
      "held-25",
    );
    assert.equal(outcomes.find((o) => o.project === "fixture-ok")!.fails, false);
  });

  it("plans the same bytes as the in-process planner", async () => {
    const one = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pool-"));
    const two = fs.mkdtempSync(path.join(os.tmpdir(), "plan-pool-"));
    const projects = [fixture("hub"), fixture("ok"), fixture("spoke", ["fixture-hub"])];
    await planAll(
      one,
      projects.map((p) => p.dir),
    );
    await planPool(two, projects, { jobs: 2, policies: false, preflight: false, traces: false });
    for (const f of fs.readdirSync(path.join(one, PLAN_DIR)))
      assert.equal(
        fs.readFileSync(path.join(two, PLAN_DIR, f), "utf8"),
        fs.readFileSync(path.join(one, PLAN_DIR, f), "utf8"),
        f,
      );
    assert.equal(fs.readdirSync(path.join(one, PLAN_DIR)).length, 3);
  });
});
