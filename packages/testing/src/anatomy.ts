/**
 * The component anatomy (docs/components.md), as checks the workspace test runs on every package
 * tagged `layer:component`: the files each one has, and a README whose Inputs section names exactly
 * the keys of the schemas in `src/schema.ts`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runProgram } from "@platform/engine";
import type { Program, ProgramRun } from "@platform/engine";

/** Files every component package has, relative to its folder. */
export const COMPONENT_FILES = [
  "README.md",
  "src/index.ts",
  "src/schema.ts",
  "src/validate.ts",
  "test/examples.test.ts",
] as const;

/** What a component package is missing of the anatomy: files, and at least one example program. */
export function missingAnatomy(dir: string): string[] {
  const missing: string[] = COMPONENT_FILES.filter((f) => !fs.existsSync(path.join(dir, f)));
  const examples = path.join(dir, "examples");
  const programs = fs.existsSync(examples)
    ? fs.readdirSync(examples).filter((f) => f.endsWith(".ts"))
    : [];
  if (programs.length === 0) missing.push("examples/*.ts");
  return missing;
}

interface ZodLike {
  readonly def?: { readonly type?: string; readonly innerType?: ZodLike; readonly in?: ZodLike };
  readonly shape?: Record<string, unknown>;
}

/** The top-level keys of a zod object schema, through optional/default/refinement wrappers. */
export function schemaKeys(schema: unknown): string[] | undefined {
  let s = schema as ZodLike | undefined;
  for (let depth = 0; s && depth < 10; depth++) {
    if (s.def?.type === "object" && s.shape) return Object.keys(s.shape);
    s = s.def?.innerType ?? s.def?.in;
  }
  return undefined;
}

/** The object schemas a module exports (`...Schema` names), each with its keys. */
export function exportedSchemas(module: Record<string, unknown>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [name, value] of Object.entries(module)) {
    if (!name.endsWith("Schema")) continue;
    const keys = schemaKeys(value);
    if (keys) found.set(name, keys);
  }
  return found;
}

/**
 * The README's documented inputs: under `## Inputs`, one `### <schemaName>` heading per schema
 * and a table whose first column is the key in backticks.
 */
export function documentedInputs(readme: string): Map<string, string[]> {
  const section = /^## Inputs\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1] ?? "";
  const documented = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of section.split("\n")) {
    const heading = /^### `?(\w+)`?/.exec(line);
    if (heading) documented.set(heading[1]!, (current = []));
    const row = /^\|\s*`([\w-]+)`/.exec(line);
    if (row && current) current.push(row[1]!);
  }
  return documented;
}

/** Differences between a package's schemas and its README's Inputs section, as sentences. */
export function inputsDrift(
  schemas: ReadonlyMap<string, readonly string[]>,
  documented: ReadonlyMap<string, readonly string[]>,
): string[] {
  const drift: string[] = [];
  for (const [name, keys] of schemas) {
    const doc = documented.get(name);
    if (!doc) {
      drift.push(`${name} has no "### ${name}" table under "## Inputs"`);
      continue;
    }
    for (const k of keys) if (!doc.includes(k)) drift.push(`${name}.${k} is not documented`);
    for (const k of doc)
      if (!keys.includes(k)) drift.push(`${name}.${k} is documented but not in the schema`);
  }
  for (const name of documented.keys())
    if (!schemas.has(name))
      drift.push(`"### ${name}" documents a schema src/schema.ts does not export`);
  return drift;
}

/** Plans an example program under the mock runtime, as a stack named `example`. */
export function planExample(
  program: Program,
  options: { project?: string; config?: Record<string, unknown> } = {},
): Promise<ProgramRun> {
  return runProgram(program, {
    project: options.project ?? "example",
    stack: "example",
    config: { "aws:region": "eu-west-1", ...options.config },
  });
}
