/**
 * A Pulumi project's files as the CLI reads them: `Pulumi.yaml` (name, main), the stacks'
 * `Pulumi.<stack>.yaml` (config, `secure:` values replaced by a placeholder and marked secret,
 * secrets provider). No Pulumi SDK here: the report and the CLI wrapper read stack files without
 * loading it (subpath `@platform/engine/stack-files`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse, YAMLParseError } from "yaml";

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

/**
 * Each file's last parse, kept while its text is the same: a planning process reads the same
 * stack files many times (its own, the hub's, every bootstrap stack's, whose identity model grows
 * with the estate). Callers get a copy, never the cached value.
 */
const parsed = new Map<string, { text: string; value: unknown }>();

/** Parses a YAML file; a syntax error becomes a StackFileError at `file:line:column`. */
export function readYamlFile(file: string): unknown {
  const text = fs.readFileSync(file, "utf8");
  const hit = parsed.get(file);
  if (hit?.text === text) return structuredClone(hit.value);
  try {
    const value: unknown = parse(text);
    parsed.set(file, { text, value: structuredClone(value) });
    return value;
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
