/**
 * A preview-like diff between two sets of plans (a PR against its base branch), as Markdown.
 * Resources are matched by URN; changed inputs are listed by path. Properties known to force
 * replacement (from the AWS provider's documentation) turn an update into a replace.
 */
import { changedPaths, REPLACE_ON, replaces } from "@platform/core/replacement";
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
  /** The head plan's program errors and policy findings by level (none for a removed stack). */
  errors: number;
  mandatory: number;
  advisory: number;
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
    const violations = after?.policyViolations ?? [];
    return {
      stack,
      changes,
      status,
      preflight,
      errors: after?.errors.length ?? 0,
      mandatory: violations.filter((v) => v.level === "mandatory").length,
      advisory: violations.filter((v) => v.level === "advisory").length,
    };
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

export { diffMarkdown, COMMENT_LIMIT } from "./diff-markdown";
export type { DiffMarkdownOptions } from "./diff-markdown";
