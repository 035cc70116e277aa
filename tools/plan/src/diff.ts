/**
 * A preview-like diff between two sets of plans (a PR against its base branch), as Markdown.
 * Resources are matched by URN; changed inputs are listed by path. Properties known to force
 * replacement (from the AWS provider's documentation) turn an update into a replace.
 */
import { changedPaths, REPLACE_ON, replaces } from "@platform/core";
import type { PlanFile, PlannedResource, PreflightFinding } from "./planfile";

export { changedPaths, REPLACE_ON };

export type ChangeKind = "create" | "delete" | "update" | "replace";

export interface ResourceChange {
  kind: ChangeKind;
  urn: string;
  type: string;
  name: string;
  paths: string[];
}

export interface StackDiff {
  stack: string;
  changes: ResourceChange[];
  /** The stack exists on one side only. */
  status: "added" | "removed" | "changed" | "unchanged";
  /** The head's preflight findings; `isNew` when the base did not have the same finding. */
  preflight: Array<PreflightFinding & { isNew: boolean }>;
}

export function diffPlans(base: readonly PlanFile[], head: readonly PlanFile[]): StackDiff[] {
  const key = (p: PlanFile) => `${p.project}/${p.stack}`;
  const baseByKey = new Map(base.map((p) => [key(p), p]));
  const headByKey = new Map(head.map((p) => [key(p), p]));
  const keys = [...new Set([...baseByKey.keys(), ...headByKey.keys()])].sort();
  return keys.map((stack) => {
    const before = baseByKey.get(stack);
    const after = headByKey.get(stack);
    const changes = diffResources(before?.resources ?? [], after?.resources ?? []);
    const status = !before
      ? "added"
      : !after
        ? "removed"
        : changes.length
          ? "changed"
          : "unchanged";
    const before_ = new Set((before?.preflight ?? []).map(findingKey));
    const preflight = (after?.preflight ?? []).map((f) => ({
      ...f,
      isNew: !before_.has(findingKey(f)),
    }));
    return { stack, changes, status, preflight };
  });
}

export function diffResources(
  before: readonly PlannedResource[],
  after: readonly PlannedResource[],
): ResourceChange[] {
  const old = new Map(before.map((r) => [r.urn, r]));
  const changes: ResourceChange[] = [];
  for (const r of after) {
    const prior = old.get(r.urn);
    old.delete(r.urn);
    if (!prior) {
      changes.push({ kind: "create", urn: r.urn, type: r.type, name: r.name, paths: [] });
      continue;
    }
    const paths = changedPaths(prior.inputs, r.inputs);
    if (prior.protect !== r.protect) paths.push("[protect]");
    if (paths.length === 0) continue;
    changes.push({
      kind: replaces(r.type, paths) ? "replace" : "update",
      urn: r.urn,
      type: r.type,
      name: r.name,
      paths,
    });
  }
  for (const r of old.values())
    changes.push({ kind: "delete", urn: r.urn, type: r.type, name: r.name, paths: [] });
  return changes;
}

function findingKey(f: PreflightFinding): string {
  return `${f.rule}|${f.urn}|${f.message}`;
}

const SYMBOL: Record<ChangeKind, string> = { create: "+", delete: "-", update: "~", replace: "+-" };

export function diffMarkdown(diffs: readonly StackDiff[], baseLabel: string): string {
  const lines = [`## Offline plan diff against \`${baseLabel}\``, ""];
  const changed = diffs.filter((d) => d.status !== "unchanged");
  if (changed.length === 0) lines.push("No resource changes in any stack.", "");
  lines.push(...preflightMarkdown(diffs));
  for (const d of changed.length ? diffs : []) {
    const count = (k: ChangeKind) => d.changes.filter((c) => c.kind === k).length;
    const headline = `+${count("create")} ~${count("update")} +-${count("replace")} -${count("delete")}`;
    lines.push(`### ${d.stack} (${d.status}): ${headline}`);
    if (d.changes.length === 0) {
      lines.push("", "No changes.", "");
      continue;
    }
    if (count("replace") > 0)
      lines.push("", `> **${count("replace")} replacement(s)**: check that this is intended.`);
    lines.push("", "| | type | name | changed inputs |", "| --- | --- | --- | --- |");
    for (const c of d.changes) {
      const paths = c.paths.length
        ? c.paths
            .slice(0, 8)
            .map((p) => `\`${p}\``)
            .join(", ") + (c.paths.length > 8 ? ", ..." : "")
        : "";
      lines.push(`| ${SYMBOL[c.kind]} ${c.kind} | \`${c.type}\` | ${c.name} | ${paths} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** The head's preflight findings per stack: errors and warnings, new ones marked, waivers shown. */
function preflightMarkdown(diffs: readonly StackDiff[]): string[] {
  const withFindings = diffs.filter((d) => d.preflight.length > 0);
  if (withFindings.length === 0) return ["Preflight: no findings in any stack.", ""];
  const lines = ["### Preflight (will AWS, IAM and Kubernetes accept this?)", ""];
  for (const d of withFindings) {
    const errors = d.preflight.filter((f) => f.severity === "error" && !f.waived).length;
    const warnings = d.preflight.filter((f) => f.severity === "warning" && !f.waived).length;
    const waived = d.preflight.filter((f) => f.waived).length;
    lines.push(`**${d.stack}**: ${errors} errors, ${warnings} warnings, ${waived} waived`, "");
    lines.push("| | severity | rule | resource | message |", "| --- | --- | --- | --- | --- |");
    const order = (f: PreflightFinding) => (f.waived ? 2 : f.severity === "error" ? 0 : 1);
    for (const f of [...d.preflight].sort((a, b) => order(a) - order(b))) {
      const severity = f.waived ? `${f.severity} (waived: ${f.waived})` : f.severity;
      const name = f.urn.split("::").pop();
      lines.push(
        `| ${f.isNew ? "new" : ""} | ${severity} | \`${f.rule}\` | ${name} | ${f.message.replace(/\|/g, "\\|")} |`,
      );
    }
    lines.push("");
  }
  return lines;
}
