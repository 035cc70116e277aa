import * as fs from "node:fs";
import * as path from "node:path";
import { readPlanDir } from "@platform/contracts";
import { modelFromPlans } from "./from-plans";
import type { PlanLike } from "./from-plans";
import { reportMarkdown } from "./report";
import type { NetcheckReport } from "./check";
import { check } from "./check";

/** The plans in a .plan folder (project.stack.json files), validated. */
export const readPlanFiles: (dir: string) => PlanLike[] = readPlanDir;

/** Checks the plans and writes netcheck.json and netcheck.md beside them. */
export function verifyPlans(
  dir: string,
  plans: readonly PlanLike[] = readPlanFiles(dir),
): { report: NetcheckReport; markdown: string } {
  const report = check(modelFromPlans(plans));
  const markdown = reportMarkdown(report);
  fs.writeFileSync(path.join(dir, "netcheck.json"), `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, "netcheck.md"), `${markdown}\n`);
  return { report, markdown };
}
