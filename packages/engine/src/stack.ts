/**
 * Runs a Pulumi project's stack offline the way the CLI would: project and stack names from the
 * project's files, config from `Pulumi.<stack>.yaml` (structured values as JSON, `secure:` values
 * replaced by placeholders and marked secret), then the program under the capturing mocks.
 * Required secrets a stack file leaves unset can run with placeholders too, reported by name.
 */
import * as path from "node:path";
import type { ProgramRun } from "./harness";
import { ProgramError, runProgram } from "./harness";
import { readProject, readStackFile, SECRET_CONFIG_PLACEHOLDER } from "./stack-files";

export * from "./stack-files";

export interface RunStackOptions {
  /** Program module to load instead of the project's `main` (tests load the TypeScript source). */
  readonly entry?: string;
  /** Other stacks' outputs by `organization/<project>/<stack>`. */
  readonly stackOutputs?: Readonly<Record<string, Record<string, unknown>>>;
  /** Config entries to add or replace (full keys); `undefined` removes a key. */
  readonly overrides?: Readonly<Record<string, unknown>>;
  /**
   * Required secrets the stack file does not set (a checked-in example cannot hold real
   * ciphertext): `fail` as the CLI would, or `placeholder`: run again with placeholders and list
   * them in `placeholderSecrets`. A key an override removes always fails.
   */
  readonly missingSecrets?: "fail" | "placeholder";
}

export interface StackRun extends ProgramRun {
  /** Full keys of required secrets that were not set and ran with a placeholder. */
  readonly placeholderSecrets: string[];
}

export async function runStack(
  dir: string,
  stack: string,
  options: RunStackOptions = {},
): Promise<StackRun> {
  const project = readProject(dir);
  const stackFile = readStackFile(dir, stack);
  const config = { ...stackFile.config };
  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) delete config[key];
    else config[key] = value;
  }
  const entry = require.resolve(options.entry ?? project.main);
  // An override is a plain value, even where the stack file had a secure one.
  const secretKeys = stackFile.secretKeys.filter((k) => !(k in (options.overrides ?? {})));
  const run = (placeholders: readonly string[]) => {
    forgetModules(path.dirname(entry));
    for (const key of placeholders) config[key] = SECRET_CONFIG_PLACEHOLDER;
    // A stack program is loaded the way the CLI loads it: by require, at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return runProgram(() => require(entry), {
      project: project.name,
      stack,
      config,
      secretKeys: [...secretKeys, ...placeholders],
      stackOutputs: options.stackOutputs,
      defaultRegion: typeof config["aws:region"] === "string" ? config["aws:region"] : undefined,
    });
  };
  try {
    return { ...(await run([])), placeholderSecrets: [] };
  } catch (err) {
    const missing = missingSecretsOf(err).filter((k) => !(k in (options.overrides ?? {})));
    if (options.missingSecrets !== "placeholder" || missing.length === 0) throw err;
    await absorbEcho(err instanceof ProgramError ? err.cause : err);
    return { ...(await run(missing)), placeholderSecrets: missing };
  }
}

/**
 * The runtime also reports a program's failure as an unhandled rejection a few turns later;
 * wait for that echo so the next run does not take it for its own failure.
 */
async function absorbEcho(reason: unknown): Promise<void> {
  let echoed = false;
  const absorb = (r: unknown) => {
    if (r === reason) echoed = true;
  };
  process.on("unhandledRejection", absorb);
  try {
    for (let i = 0; i < 50 && !echoed; i++) await new Promise((r) => setTimeout(r, 2));
  } finally {
    process.off("unhandledRejection", absorb);
  }
}

/** The required secrets a config error names (`ConfigError.missingSecrets` of @platform/core). */
function missingSecretsOf(err: unknown): string[] {
  const cause = err instanceof ProgramError ? err.cause : err;
  const keys = (cause as { missingSecrets?: unknown } | undefined)?.missingSecrets;
  return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
}

/** Drops a program's own modules from the require cache so the next run reads config anew. */
function forgetModules(dir: string): void {
  for (const key of Object.keys(require.cache)) {
    if (key.startsWith(dir + path.sep) && !key.includes(`${path.sep}node_modules${path.sep}`))
      delete require.cache[key];
  }
}
