/**
 * `plan-all` and `shards`: the warm planner over the workspace's stack projects in dependency order
 * (graph.ts, warm.ts), whole or one CI shard of it.
 */
import * as path from "node:path";
import { parseFlags, UsageError } from "./args";
import { planOrder, shardProjects, stackProjects } from "./graph";
import { packEvaluator } from "./policy";
import { preflightEvaluator } from "./preflight";
import { failureReasons, planFails, summarize } from "./summary";
import { planAll } from "./warm";
import type { PlannedStack } from "./warm";

export async function planAllCommand(root: string, args: string[]): Promise<number> {
  const dirs = args.filter((a, i) => !a.startsWith("--") && !/^--shard$/.test(args[i - 1] ?? ""));
  const options = parseFlags(
    args.filter((a) => !dirs.includes(a) && a !== "--traces"),
    ["shard"],
  );
  const all = stackProjects(root);
  for (const dir of dirs)
    if (!all.some((p) => p.dir === path.relative(root, path.resolve(root, dir))))
      throw new UsageError(
        `plan-all ${dir}: not a stack project under stacks/ (Pulumi.yaml, project.json)`,
      );
  let chosen = planOrder(
    dirs.length
      ? all.filter((p) => dirs.some((d) => path.resolve(root, d) === path.resolve(root, p.dir)))
      : all,
  );
  if (options["shard"]) {
    const m = /^(\d+)\/(\d+)$/.exec(options["shard"]);
    if (!m || Number(m[1]) >= Number(m[2]))
      throw new UsageError(`--shard ${options["shard"]}: expected <index>/<count>, e.g. 0/4`);
    chosen = [...shardProjects(chosen, Number(m[2]))[Number(m[1])]!.plans];
  }
  const start = process.hrtime.bigint();
  const results = await planAll(
    root,
    chosen.map((p) => p.dir),
    {
      evaluate: packEvaluator(root),
      preflight: preflightEvaluator(root),
      traces: args.includes("--traces"),
      onStack: ({ plan, file }) => {
        console.log(`${summarize(plan).split("\n")[0]}\n  -> ${path.relative(root, file)}`);
        for (const reason of failureReasons(plan)) console.error(`plan fails: ${reason}`);
      },
    },
  );
  const failed = results.filter((r) => planFails(r.plan));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `planned ${results.length} stacks of ${chosen.length} projects in ${seconds.toFixed(1)} s; ` +
      `${failed.length ? `failing: ${failed.map((r) => `${r.plan.project}/${r.plan.stack}`).join(", ")}` : "none failing"}`,
  );
  const sum = (k: keyof PlannedStack["seconds"]) =>
    results.reduce((t, r) => t + r.seconds[k], 0).toFixed(1);
  console.log(
    `phases: program ${sum("program")} s, preflight ${sum("preflight")} s, policies ${sum("policies")} s; ` +
      `re-run with traces: ${results.filter((r) => r.rerun).length}; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
  const heap = results.flatMap((r) => (r.heapAfter === undefined ? [] : [r.heapAfter]));
  if (heap.length > 1) {
    // With node --expose-gc: heap after a full GC following each stack; growth per stack from the
    // second stack on (the first pays for loading modules).
    const mib = (b: number) => (b / 2 ** 20).toFixed(1);
    const perStack = (heap[heap.length - 1]! - heap[1]!) / Math.max(1, heap.length - 2);
    console.log(
      `heap after GC: ${mib(heap[0]!)} MiB after the first stack, ${mib(heap[heap.length - 1]!)} MiB after the last (${mib(perStack)} MiB per stack)`,
    );
  }
  return failed.length ? 1 : 0;
}

export function shardsCommand(root: string, args: string[]): number {
  const count = Number(args[0]);
  if (args.length !== 1 || !Number.isInteger(count) || count < 1)
    throw new UsageError("shards needs the number of shards, e.g. shards 4");
  const shards = shardProjects(planOrder(stackProjects(root)), count);
  console.log(
    JSON.stringify({
      include: shards.map((s) => ({
        shard: `${s.index}/${count}`,
        projects: s.plans.map((p) => p.name).join(" "),
        needs: s.needs.join(" "),
      })),
    }),
  );
  return 0;
}
