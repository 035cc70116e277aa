import type { PlanFile } from "./planfile";

/** A short, readable summary of one stack's plan: counts by type, errors, violations by level. */
export function summarize(plan: PlanFile): string {
  const lines: string[] = [];
  const mandatory = plan.policyViolations.filter((v) => v.level === "mandatory");
  const advisory = plan.policyViolations.filter((v) => v.level === "advisory");
  const status = plan.errors.length ? "FAILED" : mandatory.length ? "BLOCKED BY POLICY" : "ok";
  lines.push(
    `${plan.project}/${plan.stack}: ${status} - ${plan.resources.length} resources, ` +
      `${mandatory.length} mandatory and ${advisory.length} advisory policy findings`,
  );
  for (const error of plan.errors) lines.push(`  error: ${error.split("\n").join("\n    ")}`);
  const byType = new Map<string, number>();
  for (const r of plan.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  for (const [type, count] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(count).padStart(4)}  ${type}`);
  }
  for (const v of [...mandatory, ...advisory]) {
    lines.push(`  [${v.level}] ${v.pack}/${v.policy}: ${v.message}${v.urn ? ` (${v.urn})` : ""}`);
  }
  return lines.join("\n");
}

/** True when the plan must fail the build: program errors or mandatory violations. */
export function planFails(plan: PlanFile): boolean {
  return plan.errors.length > 0 || plan.policyViolations.some((v) => v.level === "mandatory");
}
