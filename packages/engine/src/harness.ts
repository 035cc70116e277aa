/**
 * Runs a Pulumi program under the mock runtime and returns what it registered. Used by every
 * test and by the offline plan. Runs are sequential: the Pulumi runtime is process-global.
 */
import * as pulumi from "@pulumi/pulumi";
import { CapturingMonitor } from "./monitor";
import { PlatformMocks } from "./mocks";
import type { CapturedResource } from "./types";

// The language host's own "wait for outstanding RPCs" is exported but marked internal in typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeSettings = require("@pulumi/pulumi/runtime/settings") as {
  waitForRPCs(): Promise<void>;
};

export interface RunOptions {
  readonly project: string;
  readonly stack: string;
  /** Full keys (`project:key`, `aws:region`); non-string values are passed as JSON, as the CLI does. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Full keys of the config values that were `secure:` in the stack file. */
  readonly secretKeys?: readonly string[];
  /** Outputs of other stacks by qualified name, answered to StackReference. */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /** Run as a preview (unknown computed values) instead of an update. Default false. */
  readonly preview?: boolean;
  readonly defaultRegion?: string;
  readonly defaultAccountId?: string;
}

export interface ProgramRun {
  readonly project: string;
  readonly stack: string;
  /** Every registered resource in registration order, the root stack first. */
  readonly resources: CapturedResource[];
  /** Stack outputs, secrets masked. */
  readonly outputs: Record<string, unknown>;
}

/** A stack program: a function returning its outputs, or a module's exports. */
export type Program = () => unknown;

export async function runProgram(program: Program, options: RunOptions): Promise<ProgramRun> {
  const mocks = new PlatformMocks({
    defaultRegion: options.defaultRegion ?? "eu-west-1",
    defaultAccountId: options.defaultAccountId ?? "123456789012",
    stackOutputs: options.stackOutputs ?? {},
    disabledDefaultProviders: disabledDefaults(
      options.config?.["pulumi:disable-default-providers"],
    ),
  });
  // setMocks enables the runtime features mocks support; the capturing monitor then replaces the
  // plain mock monitor so every registration request is recorded.
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, options.preview ?? false);
  const monitor = new CapturingMonitor(mocks);
  pulumi.runtime.setMockOptions(monitor, options.project, options.stack, options.preview ?? false);

  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(options.config ?? {})) {
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  pulumi.runtime.setAllConfig(values, [...(options.secretKeys ?? [])]);

  const baseline = pendingWork();
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    await pulumi.runtime.runInPulumiStack(async () => {
      // As the CLI's language host: a module exporting a function (or a default function) is
      // called, and a promise is awaited; otherwise the exports are the outputs.
      let exported = await program();
      const main = exported as { default?: unknown } | undefined;
      if (typeof exported === "function") exported = await (exported as () => unknown)();
      else if (main && typeof main === "object" && typeof main.default === "function") {
        exported = await (main.default as () => unknown)();
      }
      return exported as pulumi.Inputs | undefined;
    });
    await settle(baseline);
  } catch (err) {
    // Registrations sent before the failure are still in flight: the engine would receive (and
    // under `up` create) them, so wait for them before reporting what was registered.
    await settle(baseline);
    throw err instanceof ProgramError ? err : new ProgramError(err, [...monitor.captured]);
  } finally {
    process.off("unhandledRejection", onRejection);
  }
  if (failures.length > 0) throw new ProgramError(failures[0], [...monitor.captured]);
  return {
    project: options.project,
    stack: options.stack,
    resources: monitor.captured,
    outputs: monitor.stackOutputs ?? {},
  };
}

/** A program failure, with what had been registered before it (to prove nothing was created). */
export class ProgramError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly resources: readonly CapturedResource[],
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ProgramError";
  }
}

/** Helpers for assertions over a run. */
export function resourcesOfType(run: ProgramRun, type: string): CapturedResource[] {
  return run.resources.filter((r) => r.type === type);
}

export function resourceNamed(run: ProgramRun, type: string, name: string): CapturedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = resourcesOfType(run, type).map((r) => r.name);
    throw new Error(`no ${type} named ${name}; registered: ${names.join(", ") || "none"}`);
  }
  return found;
}

/** Counts of the event-loop handles that can still lead to registrations (timers, I/O). */
function pendingWork(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo())
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

function busierThan(baseline: Map<string, number>): boolean {
  for (const [kind, count] of pendingWork()) if (count > (baseline.get(kind) ?? 0)) return true;
  return false;
}

/**
 * Waits until the program can register nothing more, as the CLI's language host does when the
 * event loop drains: no RPC in flight and no timer or I/O handle beyond those that existed before
 * the run (a test runner's own timers, for example). Each turn yields to the event loop once.
 */
async function settle(baseline: Map<string, number>): Promise<void> {
  for (;;) {
    await runtimeSettings.waitForRPCs();
    await new Promise((resolve) => setImmediate(resolve));
    if (!busierThan(baseline)) {
      await runtimeSettings.waitForRPCs();
      await new Promise((resolve) => setImmediate(resolve));
      if (!busierThan(baseline)) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

function disabledDefaults(value: unknown): string[] {
  const list = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  return Array.isArray(list) ? list.map(String) : [];
}
