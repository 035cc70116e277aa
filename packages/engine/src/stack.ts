/**
 * Runs a Pulumi project's stack offline the way the CLI would: project and stack names from the
 * project's files, config from `Pulumi.<stack>.yaml` (structured values as JSON, `secure:` values
 * replaced by placeholders and marked secret), then the program under the capturing mocks.
 * Required secrets a stack file leaves unset can run with placeholders too, reported by name.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, YAMLParseError } from "yaml";
import type { ProgramRun } from "./harness";
import { ProgramError, runProgram } from "./harness";

export interface PulumiProject {
  readonly dir: string;
  readonly name: string;
  /** Absolute path of the program the CLI runs (`main`, or the directory's index). */
  readonly main: string;
}

export interface StackFile {
  readonly stack: string;
  readonly file: string;
  /** Full keys to raw values as the CLI passes them. */
  readonly config: Record<string, unknown>;
  readonly secretKeys: string[];
  /** The stack's `secretsprovider:` setting (e.g. `awskms://alias/pulumi-secrets?region=...`). */
  readonly secretsProvider?: string;
  /** The data key the CLI wrote for a cloud secrets provider (`encryptedkey:`). */
  readonly encryptedKey?: string;
}

/** The value every `secure:` entry takes offline; shaped to pass typical secret validators. */
export const SECRET_CONFIG_PLACEHOLDER = "OfflinePlanSecret0Placeholder";

/**
 * A project or stack file that is not valid YAML: the message names the file, line and column and
 * quotes the lines around it, with no stack trace (the plan prints it as it prints config errors).
 */
export class StackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackFileError";
  }
}

/** Parses a YAML file; a syntax error becomes a StackFileError at `file:line:column`. */
export function readYamlFile(file: string): unknown {
  const text = fs.readFileSync(file, "utf8");
  try {
    return parse(text);
  } catch (err) {
    if (!(err instanceof YAMLParseError)) throw err;
    const shown = path.relative(process.cwd(), file);
    const where = shown.startsWith("..") ? file : shown;
    const [line, col] = err.linePos ? [err.linePos[0].line, err.linePos[0].col] : [0, 0];
    const reason = err.message.split(/ at line \d+, column \d+/)[0];
    const excerpt = err.message.split(":\n\n")[1]?.trimEnd() ?? "";
    throw new StackFileError(
      `${where}:${line}:${col}: invalid YAML: ${reason}; fix the file at that line` +
        (excerpt ? `\n${excerpt.replace(/^/gm, "  ")}` : ""),
    );
  }
}

export function readProject(dir: string): PulumiProject {
  const file = path.join(dir, "Pulumi.yaml");
  const doc = readYamlFile(file) as { name?: unknown; main?: unknown };
  if (typeof doc?.name !== "string")
    throw new Error(`${file}: "name" is missing; every Pulumi project needs a name`);
  const main = typeof doc.main === "string" ? doc.main : ".";
  return { dir, name: doc.name, main: path.resolve(dir, main) };
}

/** Stack names of a project, from its `Pulumi.<stack>.yaml` files. */
export function listStacks(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
    .filter((s): s is string => typeof s === "string")
    .sort();
}

export function readStackFile(dir: string, stack: string): StackFile {
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  const doc = (readYamlFile(file) ?? {}) as {
    config?: Record<string, unknown>;
    secretsprovider?: unknown;
    encryptedkey?: unknown;
  };
  const config: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
      config[key] = SECRET_CONFIG_PLACEHOLDER;
      secretKeys.push(key);
    } else {
      config[key] = value;
    }
  }
  return {
    stack,
    file,
    config,
    secretKeys,
    secretsProvider: typeof doc.secretsprovider === "string" ? doc.secretsprovider : undefined,
    encryptedKey: typeof doc.encryptedkey === "string" ? doc.encryptedkey : undefined,
  };
}

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
