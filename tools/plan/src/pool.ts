/**
 * Parallel warm planning (`plan-all --jobs <n>`): n worker processes, each a warm planner
 * (warm.ts) that keeps the SDK, the AWS modules, preflight and the packs loaded across the stacks
 * it plans. The parent hands out one stack at a time in dependency order (schedule.ts): a stack
 * starts once every stack of the projects it depends on is planned and its plan file is written
 * (atomically, planfile.ts), which is what its StackReferences and preflight read.
 *
 * Memory: V8 grows a busy process's heap lazily (each worker reached about 500 MiB RSS over 195
 * stacks while its live heap stayed near 150 MiB), so workers run with a capped old generation
 * (`--max-old-space-size`, WORKER_HEAP_MIB by default), which makes V8 collect sooner: 290 MiB
 * each over the same stacks, and no slower. A stack that needs more than the cap ends its worker
 * (V8 aborts on a heap it cannot grow); it is planned once more in a worker without the cap. A
 * worker that dies otherwise (a crash, a stray process.exit) fails only the stack it was planning,
 * with the exit code or signal, after that same second try; the worker is replaced.
 */
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import { listStacks } from "@platform/engine/stack-files";
import type { StackProject } from "./graph";
import { Scheduler, stackTasks } from "./schedule";
import type { StackTask } from "./schedule";
import { failureReasons, planFails, summarize } from "./summary";
import type { PhaseTimes, PlannedStack } from "./warm";

/** What the parent learns of one planned stack (the plan itself is on disk). */
export interface StackOutcome {
  readonly project: string;
  readonly stack: string;
  readonly file: string;
  /** The summary's first line: status and counts. */
  readonly headline: string;
  /** Why the plan fails (failureReasons); empty when it does not. */
  readonly reasons: readonly string[];
  readonly fails: boolean;
  readonly seconds: PhaseTimes;
  readonly rerun: boolean;
  readonly heapAfter?: number;
  /** Peak RSS of the process that planned it, so far (KiB, process.resourceUsage().maxRSS). */
  readonly peakRssKiB: number;
  /** Which process planned it: 0 in-process, 1..n the workers. */
  readonly worker: number;
}

export function outcomeOf(result: PlannedStack, worker = 0): StackOutcome {
  const { plan } = result;
  return {
    project: plan.project,
    stack: plan.stack,
    file: result.file,
    headline: summarize(plan).split("\n")[0]!,
    reasons: failureReasons(plan),
    fails: planFails(plan),
    seconds: result.seconds,
    rerun: result.rerun,
    heapAfter: result.heapAfter,
    peakRssKiB: process.resourceUsage().maxRSS,
    worker,
  };
}

/** What a worker is told once, at start. */
export interface WorkerSetup {
  readonly root: string;
  /** Evaluate the policy packs of the workspace (packEvaluator). */
  readonly policies: boolean;
  /** Run preflight with the workspace's preflight.json (preflightEvaluator). */
  readonly preflight: boolean;
  readonly traces: boolean;
}

export type ToWorker =
  | { readonly kind: "setup"; readonly setup: WorkerSetup }
  | { readonly kind: "plan"; readonly dir: string; readonly stack: string };
export type FromWorker = { readonly kind: "planned"; readonly outcome: StackOutcome };

/** The old-generation cap of a worker (MiB); see the header. */
export const WORKER_HEAP_MIB = 384;

/**
 * Each worker's young-generation semi-space (MiB). Planning allocates many short-lived objects
 * (outputs, promises, serialized properties); Node's CLI docs: "increasing the max size of a
 * semi-space may improve throughput for Node.js at the cost of more memory consumption"
 * (https://nodejs.org/api/cli.html#--max-semi-space-sizesize-in-mib). Measured over 195 stacks
 * on 2 cores, one build: 16 MiB (the default) 56.6 s, 32 MiB 48.8 s, 64 MiB 40.4 s, with 293, 313
 * and 366 MiB peak RSS per worker (docs/performance.md; later preflight work raised all times).
 */
export const WORKER_SEMI_SPACE_MIB = 64;

export interface PoolOptions extends Omit<WorkerSetup, "root"> {
  readonly jobs: number;
  /** Old-generation cap of each worker in MiB (default WORKER_HEAP_MIB; 0: no cap). */
  readonly workerHeapMiB?: number;
  readonly onOutcome?: (outcome: StackOutcome) => void;
  /** The stacks of a project (default: its Pulumi.<stack>.yaml files). */
  readonly stacksOf?: (project: StackProject) => readonly string[];
}

/** Plans every stack of the projects (given in dependency order) with `jobs` warm workers. */
export async function planPool(
  root: string,
  projects: readonly StackProject[],
  options: PoolOptions,
): Promise<StackOutcome[]> {
  const stacksOf =
    options.stacksOf ??
    ((p: StackProject) => {
      try {
        return listStacks(path.resolve(root, p.dir));
      } catch (err) {
        console.error(`${p.dir}: ${(err as Error).message}`);
        return [];
      }
    });
  const scheduler = new Scheduler(stackTasks(projects, stacksOf));
  const outcomes: StackOutcome[] = [];
  const setup: WorkerSetup = {
    root,
    policies: options.policies,
    preflight: options.preflight,
    traces: options.traces,
  };
  const script = require.resolve("./plan-worker");
  let started = 0;

  return new Promise<StackOutcome[]>((resolve, reject) => {
    const workers = new Set<ChildProcess>();
    const idle = new Set<ChildProcess>();
    const busy = new Map<ChildProcess, StackTask>();
    let settled = false;
    const heap = options.workerHeapMiB ?? WORKER_HEAP_MIB;
    // Tasks whose worker died once: planned again, alone, in a worker without the heap cap.
    const retried = new Set<string>();
    const finish = (task: StackTask, outcome: StackOutcome) => {
      scheduler.finish(task);
      outcomes.push(outcome);
      options.onOutcome?.(outcome);
    };
    // Starts every ready task while a worker is idle or another may be started; ends when all
    // tasks are finished.
    const dispatch = () => {
      if (settled) return;
      try {
        while (!scheduler.done) {
          if (idle.size === 0 && workers.size >= options.jobs) return;
          const task = scheduler.next();
          if (!task) return;
          const roomy = retried.has(task.id);
          if (roomy && workers.size >= options.jobs) {
            // Make room for the uncapped worker: an idle one stops (there is one, or no slot
            // would be free and the loop would have returned).
            const spare: ChildProcess | undefined = idle.values().next().value;
            if (spare) {
              idle.delete(spare);
              workers.delete(spare);
              spare.disconnect();
            }
          }
          const worker: ChildProcess = (!roomy && idle.values().next().value) || spawn(roomy);
          idle.delete(worker);
          busy.set(worker, task);
          worker.send({
            kind: "plan",
            dir: path.resolve(root, task.dir),
            stack: task.stack,
          } satisfies ToWorker);
        }
        settled = true;
        for (const w of workers) w.disconnect();
        resolve(outcomes);
      } catch (err) {
        settled = true;
        for (const w of workers) w.kill();
        reject(err as Error);
      }
    };
    const spawn = (roomy = false): ChildProcess => {
      const index = ++started;
      const cap = roomy || heap === 0 ? [] : [`--max-old-space-size=${heap}`];
      const worker = fork(script, [], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
        execArgv: [...process.execArgv, `--max-semi-space-size=${WORKER_SEMI_SPACE_MIB}`, ...cap],
      });
      workers.add(worker);
      worker.on("error", () => undefined); // a send to a dead worker: its exit is handled below
      worker.send({ kind: "setup", setup } satisfies ToWorker);
      worker.on("message", (message: FromWorker) => {
        const task = busy.get(worker);
        if (message.kind !== "planned" || !task) return;
        busy.delete(worker);
        idle.add(worker);
        finish(task, { ...message.outcome, worker: index });
        dispatch();
      });
      worker.on("exit", (code, signal) => {
        workers.delete(worker);
        idle.delete(worker);
        const task = busy.get(worker);
        if (!task) return;
        busy.delete(worker);
        if (retried.has(task.id)) {
          finish(task, died(task, root, code, signal, index));
        } else {
          retried.add(task.id);
          console.error(
            `${task.id}: the planning worker exited (${signal ? `signal ${signal}` : `code ${code}`}); planning it again in a worker without the heap cap`,
          );
          scheduler.retry(task);
        }
        dispatch();
      });
      return worker;
    };
    dispatch();
  });
}

/** The outcome of a stack whose worker exited while planning it. */
function died(
  task: StackTask,
  root: string,
  code: number | null,
  signal: NodeJS.Signals | null,
  worker: number,
): StackOutcome {
  const reason = `${task.id}: the planning worker exited (${signal ? `signal ${signal}` : `code ${code}`}) while planning this stack, twice; plan it alone with \`platform-plan run ${task.dir}\` to see why`;
  return {
    project: task.project,
    stack: task.stack,
    file: path.join(root, ".plan", `${task.project}.${task.stack}.json`),
    headline: `${task.id}: FAILED - the planning worker exited`,
    reasons: [reason],
    fails: true,
    seconds: { program: 0, preflight: 0, policies: 0 },
    rerun: false,
    peakRssKiB: 0,
    worker,
  };
}
