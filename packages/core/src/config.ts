/**
 * Stack configuration: read once, validate against a zod schema, and fail before any resource is
 * created with one line per problem naming the stack file, the key, the bad value and the fix.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { Problem } from "./problems";

/** Raw configuration as the Pulumi runtime holds it: `namespace:key` to a string value. */
export interface ConfigSource {
  readonly project: string;
  readonly stack: string;
  readonly values: Readonly<Record<string, string>>;
  readonly secretKeys: ReadonlySet<string>;
}

// `isConfigSecret` is exported by the runtime's config module but marked internal in its typings;
// it is the only way to tell whether the CLI decrypted a key from a `secure:` value.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtimeConfig = require("@pulumi/pulumi/runtime/config") as {
  isConfigSecret(key: string): boolean;
};

/** Namespaces a stack file may use besides the project's own. */
const FOREIGN_NAMESPACES = new Set(["aws", "pulumi", "kubernetes"]);

export class ConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    /** Full keys of required secrets the stack file does not set (the offline plan fills them). */
    readonly missingSecrets: readonly string[] = [],
  ) {
    super(`invalid stack configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The problem line for a required secret that is not set, with the command that sets it. */
export function missingSecretProblem(source: Pick<ConfigSource, "project" | "stack">, key: string) {
  const fullKey = `${source.project}:${key}`;
  return (
    `Pulumi.${source.stack}.yaml: ${fullKey} is missing; expected a secret: ` +
    `pulumi config set --secret --stack ${source.stack} ${fullKey} <value>`
  );
}

/** The configuration of the running program (the CLI's or the mock runtime's). */
export function runtimeConfigSource(): ConfigSource {
  const values = pulumi.runtime.allConfig();
  const secretKeys = new Set(
    Object.keys(values).filter((key) => runtimeConfig.isConfigSecret(key)),
  );
  return { project: pulumi.getProject(), stack: pulumi.getStack(), values, secretKeys };
}

export interface LoadOptions {
  /** Project keys that hold secrets (`pulumi config set --secret`); read as Outputs. */
  readonly secrets?: readonly string[];
  /** Secrets that may be absent. */
  readonly optionalSecrets?: readonly string[];
  /** Keys matching this are secrets too (e.g. one per VPN tunnel); the program checks presence. */
  readonly secretPattern?: RegExp;
  /** Checks a secret's plain value; the message is reported with the value shown as [secret]. */
  readonly secretRule?: (name: string, value: string) => string | undefined;
  /** Where the config comes from; the running program's by default. */
  readonly source?: ConfigSource;
}

export type LoadedConfig<S extends z.ZodType> = z.infer<S> & {
  readonly secrets: Readonly<Record<string, pulumi.Output<string>>>;
};

/**
 * Validates every key of the project namespace against `schema` (an object schema keyed by the
 * key without its namespace). Structured values are JSON, as the Pulumi CLI passes them.
 */
export function loadStackConfig<S extends z.ZodType>(
  schema: S,
  options: LoadOptions = {},
): LoadedConfig<S> {
  const source = options.source ?? runtimeConfigSource();
  const file = `Pulumi.${source.stack}.yaml`;
  const secretNames = new Set([...(options.secrets ?? []), ...(options.optionalSecrets ?? [])]);
  const problems: string[] = [];
  const plain: Record<string, unknown> = {};
  const secrets: Record<string, pulumi.Output<string>> = {};

  for (const [fullKey, raw] of Object.entries(source.values)) {
    const colon = fullKey.indexOf(":");
    const namespace = colon < 0 ? "" : fullKey.slice(0, colon);
    const key = fullKey.slice(colon + 1);
    if (namespace !== source.project) {
      if (!FOREIGN_NAMESPACES.has(namespace)) {
        problems.push(
          `${file}: ${fullKey} is in namespace "${namespace}", which this project does not read; ` +
            `rename it to ${source.project}:${key} or remove it`,
        );
      }
      continue;
    }
    if (secretNames.has(key) || options.secretPattern?.test(key)) {
      if (!source.secretKeys.has(fullKey)) {
        problems.push(
          `${file}: ${fullKey} is stored in plain text; expected a secret: run ` +
            `pulumi config set --secret ${key} <value> and remove the plain value`,
        );
      }
      const rule = options.secretRule?.(key, raw);
      if (rule) problems.push(`${file}: ${fullKey} = [secret]: ${rule}`);
      secrets[key] = pulumi.secret(raw);
      continue;
    }
    plain[key] = parseValue(raw);
  }
  const missingSecrets = (options.secrets ?? []).filter((name) => !(name in secrets));
  problems.push(...missingSecrets.map((name) => missingSecretProblem(source, name)));

  const result = schema.safeParse(plain, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues)
      problems.push(...describeIssue(file, source, schema, issue));
  }
  if (problems.length > 0)
    throw new ConfigError(
      problems,
      missingSecrets.map((name) => `${source.project}:${name}`),
    );
  return { ...(result.data as object), secrets } as LoadedConfig<S>;
}

/**
 * A config problem found after reading something else (another stack's outputs, the region's
 * AZs), in the same one-line format: `Pulumi.<stack>.yaml: <project>:<path> = <value>: <message>`.
 */
export function configError(
  path: string,
  value: unknown,
  message: string,
  source = runtimeConfigSource(),
): ConfigError {
  return new ConfigError([
    `Pulumi.${source.stack}.yaml: ${source.project}:${path} = ${show(value)}: ${message}`,
  ]);
}

/** Several such problems at once, one line each (paths as validators return them). */
export function configErrors(
  problems: readonly Problem[],
  source: Pick<ConfigSource, "project" | "stack"> = runtimeConfigSource(),
): ConfigError {
  return new ConfigError(
    problems.map(
      (p) =>
        `Pulumi.${source.stack}.yaml: ${formatPath(source.project, p.path)} = ${show(p.value)}: ${p.message}`,
    ),
  );
}

function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function describeIssue(
  file: string,
  source: ConfigSource,
  schema: z.ZodType,
  issue: z.core.$ZodIssue,
): string[] {
  const base = formatPath(source.project, issue.path);
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const known = knownKeysAt(schema, issue.path);
      const hint = known.length ? `; known keys here: ${known.join(", ")}` : "";
      return `${file}: ${formatPath(source.project, [...issue.path, key])} is not a known key; remove it or fix its spelling${hint}`;
    });
  }
  if (
    issue.input === undefined &&
    (issue.code === "invalid_type" || issue.code === "invalid_value")
  ) {
    return [`${file}: ${base} is missing; ${issue.message}`];
  }
  return [`${file}: ${base} = ${show(issue.input)}: ${issue.message}`];
}

/** The keys an object schema accepts at `path`, following wrappers, arrays and records. */
function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: SchemaDef | undefined = (schema as unknown as { def: SchemaDef }).def;
  let index = 0;
  while (current) {
    const inner: { def: SchemaDef } | undefined = current.innerType ?? current.in;
    if (inner) {
      current = inner.def;
      continue;
    }
    if (index === path.length) return current.shape ? Object.keys(current.shape) : [];
    const step = path[index++];
    if (current.shape && typeof step === "string") current = current.shape[step]?.def;
    else if (current.element) current = current.element.def;
    else if (current.valueType) current = current.valueType.def;
    else return [];
  }
  return [];
}

/** The parts of zod 4's schema definitions that {@link knownKeysAt} walks. */
interface SchemaDef {
  shape?: Record<string, { def: SchemaDef }>;
  innerType?: { def: SchemaDef };
  in?: { def: SchemaDef };
  element?: { def: SchemaDef };
  valueType?: { def: SchemaDef };
}

function formatPath(project: string, path: readonly PropertyKey[]): string {
  let out = "";
  path.forEach((part, index) => {
    if (typeof part === "number") out += `[${part}]`;
    else out += index === 0 ? `${project}:${String(part)}` : `.${String(part)}`;
  });
  return out || `${project}:<root>`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
