/**
 * `plan-all` and `shards`: the warm planner over the workspace's stack projects in dependency order
 * (graph.ts, warm.ts), whole or one CI shard of it.
 */
import * as os from "node:os";
import * as path from "node:path";
import { parseFlags, UsageError } from "./args";
import { planOrder, shardProjects, stackProjects } from "./graph";
import type { StackProject } from "./graph";
import { planPool } from "./pool";
import type { StackOutcome } from "./pool";

export async function planAllCommand(root: string, args: string[]): Promise<number> {
  const dirs = args.filter(
    (a, i) => !a.startsWith("--") && !/^--(shard|jobs|worker-heap)$/.test(args[i - 1] ?? ""),
  );
  const options = parseFlags(
    args.filter((a) => !dirs.includes(a) && a !== "--traces"),
    ["shard", "jobs", "worker-heap"],
  );
  // One warm worker per core by default; --jobs 1 plans in this process.
  const jobs = options["jobs"] === undefined ? os.availableParallelism() : Number(options["jobs"]);
  if (!Number.isInteger(jobs) || jobs < 1)
    throw new UsageError(`--jobs ${options["jobs"]}: expected a whole number of at least 1`);
  // Each worker's old-generation cap in MiB (pool.ts; 0: none); a stack that needs more is
  // planned again without it.
  const workerHeapMiB =
    options["worker-heap"] === undefined ? undefined : Number(options["worker-heap"]);
  if (workerHeapMiB !== undefined && !(Number.isInteger(workerHeapMiB) && workerHeapMiB >= 0))
    throw new UsageError(
      `--worker-heap ${options["worker-heap"]}: expected MiB as a whole number (0: no cap)`,
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
  const traces = args.includes("--traces");
  const print = (o: StackOutcome) => {
    console.log(`${o.headline}\n  -> ${path.relative(root, o.file)}`);
    for (const reason of o.reasons) console.error(`plan fails: ${reason}`);
  };
  const results =
    jobs === 1
      ? await inProcess(root, chosen, traces, print)
      : await planPool(root, chosen, {
          jobs,
          workerHeapMiB,
          policies: true,
          preflight: true,
          traces,
          onOutcome: print,
        });
  const failed = results.filter((r) => r.fails);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(
    `planned ${results.length} stacks of ${chosen.length} projects in ${seconds.toFixed(1)} s with ${jobs === 1 ? "1 process" : `${jobs} workers`}; ` +
      `${failed.length ? `failing: ${failed.map((r) => `${r.project}/${r.stack}`).join(", ")}` : "none failing"}`,
  );
  const sum = (k: keyof StackOutcome["seconds"]) =>
    results.reduce((t, r) => t + r.seconds[k], 0).toFixed(1);
  // Peak RSS: of this process, or of each worker (their sum bounds what the machine needed).
  const peaks = new Map<number, number>();
  for (const r of results) peaks.set(r.worker, Math.max(peaks.get(r.worker) ?? 0, r.peakRssKiB));
  const mib = (kib: number) => (kib / 1024).toFixed(0);
  const workerPeaks = [...peaks].filter(([w]) => w > 0).map(([, kib]) => kib);
  const rss =
    jobs === 1
      ? `peak RSS ${mib(process.resourceUsage().maxRSS)} MiB`
      : `peak RSS ${mib(process.resourceUsage().maxRSS + workerPeaks.reduce((a, b) => a + b, 0))} MiB (this process and ${workerPeaks.length} workers summed; workers ${workerPeaks.map(mib).join(", ")} MiB)`;
  console.log(
    `phases: program ${sum("program")} s, preflight ${sum("preflight")} s, policies ${sum("policies")} s; ` +
      `re-run with traces: ${results.filter((r) => r.rerun).length}; ${rss}`,
  );
  // With node --expose-gc: heap after a full GC following each stack, per process; growth per
  // stack from each process's second stack on (the first pays for loading modules).
  const growth = [...peaks.keys()].flatMap((w) => {
    const heap = results.filter((r) => r.worker === w && r.heapAfter !== undefined);
    return heap.length > 2
      ? [(heap[heap.length - 1]!.heapAfter! - heap[1]!.heapAfter!) / (heap.length - 2)]
      : [];
  });
  if (growth.length)
    console.log(
      `heap after GC: ${(Math.max(...growth) / 2 ** 20).toFixed(2)} MiB per stack (the largest of ${growth.length} processes)`,
    );
  return failed.length ? 1 : 0;
}

/**
 * `--jobs 1`: every stack in this process. The SDK, the packs and preflight are loaded only here:
 * with workers, this process only schedules and prints, and stays small.
 */
async function inProcess(
  root: string,
  projects: readonly StackProject[],
  traces: boolean,
  print: (o: StackOutcome) => void,
): Promise<StackOutcome[]> {
  const [{ planAll }, { outcomeOf }, { packEvaluator }, { preflightEvaluator }] = await Promise.all(
    [import("./warm.js"), import("./pool.js"), import("./policy.js"), import("./preflight.js")],
  );
  const results = await planAll(
    root,
    projects.map((p) => p.dir),
    {
      evaluate: packEvaluator(root),
      preflight: preflightEvaluator(root),
      traces,
      onStack: (r) => print(outcomeOf(r)),
    },
  );
  return results.map((r) => outcomeOf(r));
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
