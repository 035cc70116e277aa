/**
 * Runs rules over one stack's plan and applies waivers. A rule that throws is a bug in the rule,
 * not in the plan: the engine reports it as an error finding naming the rule, so it can never
 * pass silently.
 */
import { Context } from "./context";
import type { Finding, PreflightInput, Rule } from "./types";

export async function runPreflight(
  input: PreflightInput,
  rules: readonly Rule[],
): Promise<Finding[]> {
  const ctx = new Context(input);
  const findings: Finding[] = [];
  for (const rule of rules) {
    try {
      for (const p of await rule.check(ctx)) {
        findings.push({
          rule: rule.id,
          severity: p.severity,
          urn: p.urn,
          message: p.message,
          source: p.source ?? rule.source,
        });
      }
    } catch (err) {
      findings.push({
        rule: rule.id,
        severity: "error",
        urn: ctx.stackUrn,
        message: `rule failed to run: ${(err as Error).message}`,
        source: rule.source,
      });
    }
  }
  return findings;
}

/**
 * A waiver: a known finding accepted until a date, with the reason (the issue that fixes it).
 * Waived findings stay in the plan and the summary, marked, but do not fail the plan.
 */
export interface Waiver {
  readonly rule: string;
  /** `<project>/<stack>` keys the waiver applies to; omitted = every stack. */
  readonly stacks?: readonly string[];
  /** A regular expression the finding's URN must match. */
  readonly urn?: string;
  readonly reason: string;
  /** ISO date after which the waiver no longer applies. */
  readonly until: string;
}

export function applyWaivers(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  stackKey: string,
  today: Date = new Date(),
): Finding[] {
  const active = waivers.filter(
    (w) =>
      (!w.stacks || w.stacks.includes(stackKey)) &&
      today.getTime() <= Date.parse(`${w.until}T23:59:59Z`),
  );
  return findings.map((f) => {
    const waiver = active.find(
      (w) => w.rule === f.rule && (!w.urn || new RegExp(w.urn).test(f.urn)),
    );
    return waiver ? { ...f, waived: `${waiver.reason} (until ${waiver.until})` } : f;
  });
}

/**
 * Waivers written for this stack that matched no finding: the defect is fixed, so the waiver must
 * go (otherwise it would silently hide the defect's return). Reported as warnings.
 */
export function unusedWaivers(
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  stackKey: string,
  stackUrn: string,
): Finding[] {
  return waivers
    .filter((w) => w.stacks?.includes(stackKey))
    .filter(
      (w) => !findings.some((f) => f.rule === w.rule && (!w.urn || new RegExp(w.urn).test(f.urn))),
    )
    .map((w) => ({
      rule: "preflight-waiver-unused",
      severity: "warning" as const,
      urn: stackUrn,
      message: `the waiver for ${w.rule}${w.urn ? ` (${w.urn})` : ""} ("${w.reason}") matches no finding any more: remove it from preflight.json`,
      source: "preflight.json (docs/preflight.md, Waivers)",
    }));
}

/** Errors that fail the plan: not waived. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "error" && !f.waived);
}

/** One line per finding, for summaries and logs. */
export function formatFinding(f: Finding): string {
  const level = f.waived ? `waived ${f.severity}` : f.severity;
  const waived = f.waived ? ` [waived: ${f.waived}]` : "";
  return `[${level}] ${f.rule}: ${f.message} (${f.urn})${waived}`;
}
