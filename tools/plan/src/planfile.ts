/**
 * The `.plan/<project>.<stack>.json` contract that the summary, the PR diff, the policy runner and
 * the network verification read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding } from "@platform/preflight";

/** A preflight finding as the plan file holds it (see @platform/preflight). */
export type PreflightFinding = Finding;

export interface PlannedResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  inputs: Record<string, unknown>;
  dependencies: string[];
  /** Beyond the minimum contract: what policies and reviewers also need. */
  propertyDependencies: Record<string, string[]>;
  provider?: string;
  custom: boolean;
  protect: boolean;
  retainOnDelete: boolean;
}

export type PolicyLevel = "mandatory" | "advisory" | "remediate" | "disabled";

export interface PolicyViolation {
  pack: string;
  policy: string;
  level: PolicyLevel;
  message: string;
  urn?: string;
}

export interface PlanFile {
  project: string;
  stack: string;
  resources: PlannedResource[];
  outputs: Record<string, unknown>;
  /** What AWS, IAM and Kubernetes would refuse (or silently not do), from @platform/preflight. */
  preflight: PreflightFinding[];
  policyViolations: PolicyViolation[];
  errors: string[];
  /** What a real run would still need (unset secrets, an uncommitted encryptedkey); not fatal. */
  warnings?: string[];
}

export const PLAN_DIR = ".plan";

export function planFileName(project: string, stack: string): string {
  return `${project}.${stack}.json`;
}

export function writePlan(root: string, plan: PlanFile): string {
  const dir = path.join(root, PLAN_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, planFileName(plan.project, plan.stack));
  fs.writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
  return file;
}

/** Every plan in a directory, sorted by project then stack. */
export function readPlans(dir: string): PlanFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && f.split(".").length === 3)
    .sort()
    .map((f) => {
      const plan = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as PlanFile;
      // Plans written before preflight existed (a base branch) have none.
      plan.preflight ??= [];
      return plan;
    });
}

/** Outputs of planned stacks keyed as StackReference names them with a self-managed backend. */
export function stackOutputsOf(
  plans: readonly PlanFile[],
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const plan of plans) out[`organization/${plan.project}/${plan.stack}`] = plan.outputs;
  return out;
}

/** The repository root: the nearest folder with nx.json. */
export function findRoot(start = process.cwd()): string {
  let dir = path.resolve(start);
  while (!fs.existsSync(path.join(dir, "nx.json"))) {
    const up = path.dirname(dir);
    if (up === dir)
      throw new Error(`no nx.json above ${start}: run the plan inside the repository`);
    dir = up;
  }
  return dir;
}
