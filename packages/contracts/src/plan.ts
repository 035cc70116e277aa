/**
 * The plan contract: `.plan/<project>.<stack>.json`, written by the offline plan (tools/plan) from
 * what the mock runtime captured (@platform/testing), read by the summary and PR diff, the policy
 * runner, preflight and the network verification. Declared once, here; the schema validates a plan
 * file where it crosses a process boundary (read back from disk, or from a base branch's plan).
 * Fields added over time have defaults, so a base branch's older plans still read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";

/** Inputs hold this where the program passed a secret: plans never contain secret values. */
export const SECRET_PLACEHOLDER = "[secret]";
/** Inputs hold this where a value is only known after deployment (an id, an ARN). */
export const UNKNOWN_PLACEHOLDER = "[unknown]";
/** The type of every stack's root resource. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

const urns = z.array(z.string());

/** One resource as the engine would see it at registration (inputs with placeholders). */
export const plannedResourceSchema = z.object({
  urn: z.string().startsWith("urn:pulumi:"),
  type: z.string().min(1),
  name: z.string(),
  /** URN of the parent; undefined only for the root stack. */
  parent: z.string().optional(),
  /** URN of the provider the resource uses; undefined means the default provider. */
  provider: z.string().optional(),
  /** False for component resources (no cloud object of their own). */
  custom: z.boolean().default(true),
  inputs: z.record(z.string(), z.unknown()),
  /** URNs this resource depends on (explicit `dependsOn` and inputs taken from other resources). */
  dependencies: urns,
  /** Per input property, the URNs its value came from. */
  propertyDependencies: z.record(z.string(), urns).default({}),
  protect: z.boolean().default(false),
  retainOnDelete: z.boolean().default(false),
  ignoreChanges: z.array(z.string()).optional(),
  id: z.string().optional(),
});
export type PlannedResource = z.infer<typeof plannedResourceSchema>;

/**
 * What a reader of a plan may rely on (policy runner, preflight, netcheck, fixtures in tests):
 * the resource's identity, inputs and references. Every PlannedResource is one.
 */
export interface PlanResourceView {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly provider?: string;
  readonly custom?: boolean;
  readonly inputs: Record<string, unknown>;
  readonly dependencies: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  readonly protect?: boolean;
  readonly ignoreChanges?: readonly string[];
}

/** One stack's plan as its readers need it. */
export interface PlanView {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly PlanResourceView[];
  readonly outputs?: Readonly<Record<string, unknown>>;
}

/** A preflight finding as the plan file holds it (@platform/preflight produces them). */
export const preflightFindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(["error", "warning"]),
  /** The resource the finding is about; the stack's root resource for stack-wide findings. */
  urn: z.string(),
  message: z.string(),
  /** The AWS or Kubernetes document the rule encodes (title and URL). */
  source: z.string(),
  /** Set when a waiver in preflight.json turned this finding off: the waiver's reason. */
  waived: z.string().optional(),
});
export type PreflightFinding = z.infer<typeof preflightFindingSchema>;

export const policyViolationSchema = z.object({
  pack: z.string(),
  policy: z.string(),
  level: z.enum(["mandatory", "advisory", "remediate", "disabled"]),
  message: z.string(),
  urn: z.string().optional(),
});
export type PolicyViolation = z.infer<typeof policyViolationSchema>;
export type PolicyLevel = PolicyViolation["level"];

export const planFileSchema = z.object({
  project: z.string().min(1),
  stack: z.string().min(1),
  resources: z.array(plannedResourceSchema),
  outputs: z.record(z.string(), z.unknown()).default({}),
  /** What AWS, IAM and Kubernetes would refuse (or silently not do). Absent in old base plans. */
  preflight: z.array(preflightFindingSchema).default([]),
  policyViolations: z.array(policyViolationSchema).default([]),
  errors: z.array(z.string()).default([]),
  /** What a real run would still need (unset secrets, an uncommitted encryptedkey); not fatal. */
  warnings: z.array(z.string()).optional(),
});
export type PlanFile = z.infer<typeof planFileSchema>;

/**
 * A plan file's text, validated. The error names the file and each field that breaks the
 * contract, e.g. a plan written by another version of the tools or cut short.
 */
export function parsePlanFile(text: string, file: string): PlanFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not a plan file: ${(err as Error).message}`);
  }
  const result = planFileSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(
    `${file}: breaks the plan contract (@platform/contracts):\n  ${lines.join("\n  ")}`,
  );
}

/**
 * Every plan file (`<project>.<stack>.json`) in a directory, validated, sorted by project then
 * stack; none when the directory does not exist. Other files there (the network report, a plan
 * being written) are not plans.
 */
export function readPlanDir(dir: string): PlanFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^[^.]+\.[^.]+\.json$/.test(f))
    .sort()
    .map((f) => parsePlanFile(fs.readFileSync(path.join(dir, f), "utf8"), path.join(dir, f)));
}
