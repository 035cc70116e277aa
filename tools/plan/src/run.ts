import * as fs from "node:fs";
import * as path from "node:path";
import { ProgramError, readProject, readStackFile, runStack } from "@platform/engine";
import type { StackFile } from "@platform/engine";
import { placeholderWarning, stackFileFindings } from "./backend";
import { readStackSettings } from "./pulumi";
import type { PlanFile, PolicyViolation, PreflightFinding } from "./planfile";
import { stackOutputsFromPlans } from "./plans";

/** Evaluates policies over a finished plan (the policy packs plug in here). */
export type PolicyEvaluator = (
  plan: PlanFile,
  projectDir: string,
) => PolicyViolation[] | Promise<PolicyViolation[]>;

/** Runs preflight over a captured plan (tools/plan/src/preflight.ts plugs @platform/preflight in). */
export type PreflightEvaluator = (
  plan: PlanFile,
  projectDir: string,
  context?: PreflightContext,
) => PreflightFinding[] | Promise<PreflightFinding[]>;

/** What the program run tells preflight: the stacks it referenced (`organization/<project>/<stack>`). */
export interface PreflightContext {
  readonly referencedStacks: readonly string[];
}

/**
 * Plans one stack: runs the project's compiled program (Pulumi.yaml `main`) under the mock
 * runtime with the stack's config and the outputs of stacks already planned; then preflight (will
 * AWS, IAM and Kubernetes accept it), then the policy packs (does the organisation allow it).
 */
export async function planStack(
  root: string,
  projectDir: string,
  stack: string,
  evaluate?: PolicyEvaluator,
  preflight?: PreflightEvaluator,
): Promise<PlanFile> {
  const project = readProject(projectDir);
  const plan: PlanFile = {
    project: project.name,
    stack,
    resources: [],
    outputs: {},
    preflight: [],
    policyViolations: [],
    errors: [],
    warnings: [],
  };
  let stackFile: StackFile;
  try {
    stackFile = readStackFile(projectDir, stack);
  } catch (err) {
    // A stack file that is not YAML is reported like invalid config: file, line, column.
    plan.errors.push(`${project.name}/${stack}: ${describe(err)}`);
    return plan;
  }
  // A stack project declares its backend in package.json; a bare fixture program has none.
  if (fs.existsSync(path.join(projectDir, "package.json"))) {
    try {
      const settings = readStackSettings(projectDir);
      const found = stackFileFindings(root, projectDir, project.name, settings, stackFile);
      plan.errors.push(...found.errors);
      plan.warnings!.push(...found.warnings);
    } catch (err) {
      plan.errors.push(`${project.name}/${stack}: ${describe(err)}`);
    }
  }
  // Only the plans the program references, read when it references them (plans.ts).
  const { stackOutputs, referenced } = stackOutputsFromPlans(root);
  try {
    const run = await runStack(projectDir, stack, {
      stackOutputs,
      missingSecrets: "placeholder",
    });
    plan.warnings!.push(
      ...run.placeholderSecrets.map((k) => placeholderWarning(root, projectDir, stackFile, k)),
    );
    plan.resources = run.resources.map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.name,
      parent: r.parent,
      inputs: r.inputs,
      dependencies: r.dependencies,
      propertyDependencies: r.propertyDependencies,
      provider: r.provider,
      custom: r.custom,
      protect: r.protect,
      retainOnDelete: r.retainOnDelete,
    }));
    plan.outputs = run.outputs;
  } catch (err) {
    const cause = err instanceof ProgramError ? err.cause : err;
    plan.errors.push(`${project.name}/${stack}: ${describe(cause)}`);
    return plan;
  }
  // A rule or a pack that throws fails this stack with its message; the captured plan is kept.
  if (preflight) {
    try {
      plan.preflight = await preflight(plan, projectDir, { referencedStacks: [...referenced] });
    } catch (err) {
      plan.errors.push(`${project.name}/${stack}: preflight could not run: ${describe(err)}`);
    }
  }
  if (evaluate) {
    try {
      plan.policyViolations = await evaluate(plan, projectDir);
    } catch (err) {
      plan.errors.push(
        `${project.name}/${stack}: the policy packs could not run: ${describe(err)}`,
      );
    }
  }
  return plan;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === "ConfigError" || err.name === "StackFileError") return err.message;
    if (/Cannot find module .*dist/.test(err.message)) {
      return `${err.message.split("\n")[0]}: build the stack first (npx nx run-many -t build) or use npm run plan`;
    }
    return err.stack ?? err.message;
  }
  return String(err);
}
