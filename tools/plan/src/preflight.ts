/**
 * Preflight for the offline plan: every rule of @platform/preflight over the stack's captured
 * resources, with the plans of the stacks it references and of its accounts' bootstrap stacks for
 * cross-stack facts (the hub's deploy runner, the deployer's policies) and the waivers and per-stack
 * settings of `preflight.json` at the workspace root.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { applyWaivers, RULES, runPreflight, unusedWaivers } from "@platform/preflight";
import type { Rule, StackPreflightConfig, Waiver } from "@platform/preflight";
import { supportCheckDate } from "@platform/core/aws-facts/eks-support";
import type { PlanFile, PreflightFinding } from "./planfile";
import { preflightPlans } from "./plans";
import type { PreflightContext } from "./run";

export const PREFLIGHT_FILE = "preflight.json";

/** `preflight.json`: waivers and per-stack settings (keyed `<project>/<stack>`). */
export interface PreflightFile {
  readonly waivers?: readonly Waiver[];
  readonly stacks?: Readonly<Record<string, StackPreflightConfig>>;
}

export function readPreflightFile(root: string): PreflightFile {
  const file = path.join(root, PREFLIGHT_FILE);
  if (!fs.existsSync(file)) return {};
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PreflightFile;
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

/** A PreflightEvaluator for planStack. */
export function preflightEvaluator(
  root: string,
  options: { rules?: readonly Rule[]; today?: Date; file?: PreflightFile } = {},
) {
  const settings = options.file ?? readPreflightFile(root);
  // Support calendars and waiver expiry are judged on one day: PLATFORM_TODAY, or now.
  const today = options.today ?? supportCheckDate();
  return async (
    plan: PlanFile,
    _projectDir?: string,
    context?: PreflightContext,
  ): Promise<PreflightFinding[]> => {
    const key = `${plan.project}/${plan.stack}`;
    // The referenced stacks and the bootstrap stacks of its accounts, not every plan (plans.ts).
    const otherPlans = preflightPlans(root, plan, context?.referencedStacks);
    const findings = await runPreflight(
      {
        plan,
        otherPlans,
        config: settings.stacks?.[key],
        today,
      },
      options.rules ?? RULES,
    );
    const waivers = settings.waivers ?? [];
    const stackUrn =
      plan.resources.find((r) => r.type === "pulumi:pulumi:Stack")?.urn ??
      `urn:pulumi:${plan.stack}::${plan.project}::pulumi:pulumi:Stack::${plan.project}-${plan.stack}`;
    return [
      ...applyWaivers(findings, waivers, key, today),
      ...unusedWaivers(findings, waivers, key, stackUrn),
    ];
  };
}
