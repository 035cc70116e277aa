/**
 * The warm planner (`platform-plan plan-all`): many stacks in one Node process, in dependency
 * order, so `@pulumi/pulumi`, the AWS modules, preflight's validators and the policy packs load
 * once instead of once per stack.
 *
 * While a program runs, the SDK wraps every promise it makes in `debuggablePromise`
 * (@pulumi/pulumi runtime/debuggable.js), which stores `new Error().stack` on it for leak reports
 * (`PULUMI_DEBUG_PROMISE_LEAKS`): capturing and formatting a stack trace per promise is about half
 * of the time when many stacks run in one process. The SDK has no switch for it; V8's
 * `Error.stackTraceLimit` is the switch (https://v8.dev/docs/stack-trace-api: "collect no stack
 * trace" at 0), set to 0 while a stack plans. A stack that fails is planned again with traces on,
 * so its error message carries the full stack trace. Each stack's failure is its own: an error is
 * written to its plan file and the others are planned and written as usual.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks, readProject } from "@platform/engine";
import type { PlanFile } from "./planfile";
import { writePlan } from "./planfile";
import type { PolicyEvaluator, PreflightEvaluator } from "./run";
import { planStack } from "./run";

/** Seconds spent per phase of one stack's plan. */
export interface PhaseTimes {
  program: number;
  preflight: number;
  policies: number;
}

export interface PlannedStack {
  readonly plan: PlanFile;
  readonly file: string;
  readonly seconds: PhaseTimes;
  /** Planned twice: it failed with traces off and was re-run with them on. */
  readonly rerun: boolean;
  /** Heap after a full GC once this stack was planned (bytes; only with --expose-gc). */
  readonly heapAfter?: number;
}

export interface PlanAllOptions {
  readonly evaluate?: PolicyEvaluator;
  readonly preflight?: PreflightEvaluator;
  /** Capture stack traces anyway (default false: off while planning, on for a failed stack's re-run). */
  readonly traces?: boolean;
  /** Called after each stack's plan is written (print it, collect it). */
  readonly onStack?: (result: PlannedStack) => void;
}

/**
 * Plans every stack of the projects, in the order given (dependency order: see graph.ts), writing
 * each plan as it is done. Returns one result per stack; never throws for one stack's failure.
 */
export async function planAll(
  root: string,
  projectDirs: readonly string[],
  options: PlanAllOptions = {},
): Promise<PlannedStack[]> {
  const results: PlannedStack[] = [];
  for (const dir of projectDirs) {
    const projectDir = path.resolve(root, dir);
    let stacks: string[];
    try {
      stacks = listStacks(projectDir);
    } catch (err) {
      stacks = [];
      console.error(`${dir}: ${(err as Error).message}`);
    }
    for (const stack of stacks) {
      const result = await planOne(root, projectDir, stack, options);
      options.onStack?.(result);
      // Only the summary is kept: a long-lived process must not hold every plan.
      results.push({ ...result, plan: { ...result.plan, resources: [], outputs: {} } });
    }
  }
  return results;
}

/**
 * Plans one stack in this (warm) process and writes its plan: traces off unless asked, a failed
 * stack planned again with traces on, the program's modules released afterwards.
 */
export async function planOne(
  root: string,
  projectDir: string,
  stack: string,
  options: PlanAllOptions = {},
): Promise<PlannedStack> {
  const gc = (globalThis as { gc?: () => void }).gc;
  let times = phaseTimes();
  let plan = await isolated(root, projectDir, stack, options, times, !options.traces);
  const rerun = plan.errors.length > 0 && !options.traces;
  if (rerun) {
    times = phaseTimes();
    plan = await isolated(root, projectDir, stack, options, times, false);
  }
  const file = writePlan(root, plan);
  releaseProgram(projectDir);
  gc?.();
  return {
    plan,
    file,
    seconds: times,
    rerun,
    heapAfter: gc ? process.memoryUsage().heapUsed : undefined,
  };
}

/**
 * Drops a planned program's own modules from the require cache and from their parents' children.
 * The engine forgets a program's modules only when the same program runs again, so in a
 * long-lived process each stack's module exports (its outputs, which reach every resource it
 * registered) stayed reachable from `require.cache`: about 2.8 MB of heap per stack, measured with
 * heap snapshots (docs/performance.md).
 */
export function releaseProgram(projectDir: string): void {
  const dirs = [projectDir, fs.realpathSync(projectDir)].map((d) => d + path.sep);
  const own = (file: string) =>
    dirs.some((d) => file.startsWith(d)) && !file.includes(`${path.sep}node_modules${path.sep}`);
  for (const key of Object.keys(require.cache)) if (own(key)) delete require.cache[key];
  for (const module of Object.values(require.cache))
    if (module?.children.some((c) => own(c.filename)))
      module.children = module.children.filter((c) => !own(c.filename));
}

function phaseTimes(): PhaseTimes {
  return { program: 0, preflight: 0, policies: 0 };
}

/** One stack's plan with its phases timed; an unexpected throw becomes the plan's error. */
async function isolated(
  root: string,
  projectDir: string,
  stack: string,
  options: PlanAllOptions,
  times: PhaseTimes,
  tracesOff: boolean,
): Promise<PlanFile> {
  const timed =
    <A extends unknown[], R>(phase: keyof PhaseTimes, f: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      const start = process.hrtime.bigint();
      try {
        return await f(...args);
      } finally {
        times[phase] += Number(process.hrtime.bigint() - start) / 1e9;
      }
    };
  const limit = Error.stackTraceLimit;
  const start = process.hrtime.bigint();
  if (tracesOff) Error.stackTraceLimit = 0;
  try {
    return await planStack(
      root,
      projectDir,
      stack,
      options.evaluate && timed("policies", options.evaluate),
      options.preflight && timed("preflight", options.preflight),
    );
  } catch (err) {
    let project = path.basename(projectDir);
    try {
      project = readProject(projectDir).name;
    } catch {
      // the folder's name stands in for a project file that cannot be read
    }
    return {
      project,
      stack,
      resources: [],
      outputs: {},
      preflight: [],
      policyViolations: [],
      errors: [`${project}/${stack}: ${err instanceof Error ? (err.stack ?? err.message) : err}`],
      warnings: [],
    };
  } finally {
    Error.stackTraceLimit = limit;
    const total = Number(process.hrtime.bigint() - start) / 1e9;
    times.program = Math.max(0, total - times.preflight - times.policies);
  }
}
