import * as assert from "node:assert/strict";
import type { StackProject } from "../src/graph";
import { Scheduler, stackTasks } from "../src/schedule";
import type { StackTask } from "../src/schedule";

const project = (name: string, dependsOn: string[] = []): StackProject => ({
  name,
  dir: `stacks/${name}`,
  dependsOn,
});

/** An estate: the bootstrap (one stack per account), the hub, n environments. */
function estate(n: number): { projects: StackProject[]; stacks: Map<string, string[]> } {
  const envs = Array.from({ length: n }, (_, i) => `env-${i}`);
  const projects = [
    project("bootstrap"),
    project("network", ["bootstrap"]),
    ...envs.map((e) => project(e, ["bootstrap", "network"])),
  ];
  const stacks = new Map<string, string[]>([
    ["bootstrap", [...envs, "network"]],
    ["network", ["network"]],
    ...envs.map((e): [string, string[]] => [e, [e]]),
  ]);
  return { projects, stacks };
}

/** Runs the scheduler with `workers` workers finishing in the given order policy. */
function simulate(tasks: StackTask[], workers: number, pick: (running: StackTask[]) => number) {
  const scheduler = new Scheduler(tasks);
  const started: string[] = [];
  const finished = new Set<string>();
  const running: StackTask[] = [];
  let maxRunning = 0;
  while (!scheduler.done) {
    while (running.length < workers) {
      const t = scheduler.next();
      if (!t) break;
      for (const a of t.after) assert.ok(finished.has(a), `${t.id} started before ${a} finished`);
      started.push(t.id);
      running.push(t);
    }
    maxRunning = Math.max(maxRunning, running.length);
    assert.ok(running.length > 0, "nothing running but tasks left: the scheduler stalled");
    const [t] = running.splice(pick(running), 1);
    finished.add(t!.id);
    scheduler.finish(t!);
  }
  return { started, maxRunning };
}

describe("parallel plan schedule", () => {
  it("one task per stack, each after every stack of the projects its project depends on", () => {
    const { projects, stacks } = estate(2);
    const tasks = stackTasks(projects, (p) => stacks.get(p.name)!);
    assert.deepEqual(
      tasks.map((t) => [t.id, t.after]),
      [
        ["bootstrap/env-0", []],
        ["bootstrap/env-1", []],
        ["bootstrap/network", []],
        ["network/network", ["bootstrap/env-0", "bootstrap/env-1", "bootstrap/network"]],
        [
          "env-0/env-0",
          ["bootstrap/env-0", "bootstrap/env-1", "bootstrap/network", "network/network"],
        ],
        [
          "env-1/env-1",
          ["bootstrap/env-0", "bootstrap/env-1", "bootstrap/network", "network/network"],
        ],
      ],
    );
  });

  for (const workers of [1, 2, 4])
    for (const order of ["first", "last"] as const)
      it(`${workers} workers, tasks finishing ${order}-started first: every stack once, never before what it needs`, () => {
        const { projects, stacks } = estate(30);
        const tasks = stackTasks(projects, (p) => stacks.get(p.name)!);
        const { started, maxRunning } = simulate(tasks, workers, (r) =>
          order === "first" ? 0 : r.length - 1,
        );
        assert.deepEqual([...started].sort(), tasks.map((t) => t.id).sort());
        assert.equal(maxRunning, workers, "the workers are used in parallel");
        assert.ok(started.indexOf("network/network") > started.indexOf("bootstrap/env-29"));
      });

  it("a dependency outside the list counts as planned; a task waiting on an unknown task is refused", () => {
    const tasks = stackTasks([project("env", ["network"])], () => ["dev"]);
    assert.deepEqual(tasks[0]!.after, []);
    assert.throws(
      () => new Scheduler([{ id: "a/x", project: "a", dir: "a", stack: "x", after: ["b/y"] }]),
      /tasks wait for b\/y, which are not tasks/,
    );
  });

  it("tasks that wait for each other are reported as a cycle instead of stalling", () => {
    const t = (id: string, after: string[]): StackTask => ({
      id,
      project: id.split("/")[0]!,
      dir: id,
      stack: "s",
      after,
    });
    const scheduler = new Scheduler([t("a/s", ["b/s"]), t("b/s", ["a/s"])]);
    assert.throws(() => scheduler.next(), /a\/s, b\/s wait for each other \(a cycle\)/);
  });
});
