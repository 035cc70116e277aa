import { blockingFindings, Context, formatFinding, logCoverage } from "@platform/preflight";
import type { PlanFile } from "./planfile";

/**
 * A short, readable summary of one stack's plan: counts by type, errors, preflight findings,
 * policy violations by level.
 */
export function summarize(plan: PlanFile): string {
  const lines: string[] = [];
  const mandatory = plan.policyViolations.filter((v) => v.level === "mandatory");
  const advisory = plan.policyViolations.filter((v) => v.level === "advisory");
  const preflight = plan.preflight ?? [];
  const blocking = blockingFindings(preflight);
  const warnings = preflight.filter((f) => f.severity === "warning" && !f.waived);
  const waived = preflight.filter((f) => f.waived);
  const status = plan.errors.length
    ? "FAILED"
    : blocking.length
      ? "BLOCKED BY PREFLIGHT"
      : mandatory.length
        ? "BLOCKED BY POLICY"
        : "ok";
  lines.push(
    `${plan.project}/${plan.stack}: ${status} - ${plan.resources.length} resources, ` +
      `preflight ${blocking.length} errors, ${warnings.length} warnings, ${waived.length} waived; ` +
      `${mandatory.length} mandatory and ${advisory.length} advisory policy findings` +
      (plan.warnings?.length ? `; ${plan.warnings.length} setup warnings` : ""),
  );
  const coverage = logCoverage(new Context({ plan }));
  if (coverage.length) {
    const archive = plan.resources.some(
      (r) => r.type === "aws:cloudwatch/logDestination:LogDestination",
    );
    lines.push(
      `  log coverage: ${coverage.filter((c) => c.covered).length}/${coverage.length} log groups subscribed to the log archive` +
        (archive ? " (this is the archive account)" : ""),
    );
  }
  for (const error of plan.errors) lines.push(`  error: ${error.split("\n").join("\n    ")}`);
  for (const warning of plan.warnings ?? []) lines.push(`  setup warning: ${warning}`);
  const byType = new Map<string, number>();
  for (const r of plan.resources) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
  for (const [type, count] of [...byType].sort((a, b) => a[0].localeCompare(b[0]))) {
    lines.push(`  ${String(count).padStart(4)}  ${type}`);
  }
  for (const f of [...blocking, ...warnings, ...waived]) {
    lines.push(`  preflight ${formatFinding(f)}`);
  }
  for (const v of [...mandatory, ...advisory]) {
    lines.push(`  [${v.level}] ${v.pack}/${v.policy}: ${v.message}${v.urn ? ` (${v.urn})` : ""}`);
  }
  return lines.join("\n");
}

/** True when the plan must fail the build: program errors, preflight errors, mandatory violations. */
export function planFails(plan: PlanFile): boolean {
  return (
    plan.errors.length > 0 ||
    blockingFindings(plan.preflight ?? []).length > 0 ||
    plan.policyViolations.some((v) => v.level === "mandatory")
  );
}

/** Why a plan fails, one line each naming the stack and the rule, policy or error. */
export function failureReasons(plan: PlanFile): string[] {
  const stack = `${plan.project}/${plan.stack}`;
  return [
    ...plan.errors.map((e) => `${stack}: ${e.split("\n")[0]}`),
    ...blockingFindings(plan.preflight ?? []).map(
      (f) => `${stack}: preflight rule ${f.rule}: ${f.message} (${f.urn})`,
    ),
    ...plan.policyViolations
      .filter((v) => v.level === "mandatory")
      .map((v) => `${stack}: policy ${v.pack}/${v.policy}: ${v.message}`),
  ];
}
