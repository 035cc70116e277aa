/**
 * The `.plan/<project>.<stack>.json` contract that the summary, the PR diff, the policy runner and
 * the network verification read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readPlanDir } from "@platform/contracts";
import type { PlanFile } from "@platform/contracts";

// The plan file's shape is the plan contract (@platform/contracts); re-exported for the tool's modules.
export type {
  PlanFile,
  PlannedResource,
  PolicyLevel,
  PolicyViolation,
  PreflightFinding,
} from "@platform/contracts";

export const PLAN_DIR = ".plan";

export function planFileName(project: string, stack: string): string {
  return `${project}.${stack}.json`;
}

export function writePlan(root: string, plan: PlanFile): string {
  const dir = path.join(root, PLAN_DIR);
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, planFileName(plan.project, plan.stack));
  // Atomically: parallel plan tasks read every plan while others write theirs; a file rewritten in
  // place is read half-written ("Unexpected end of JSON input"). rename(2) within one directory
  // replaces the file in one step, so a reader sees the old plan or the new one, never a part.
  const temporary = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temporary, `${JSON.stringify(plan, null, 2)}\n`);
  fs.renameSync(temporary, file);
  return file;
}

/** Every plan in a directory, validated against the contract (a base branch's plans included). */
export const readPlans = readPlanDir;

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
