/**
 * Reads the CLI's `pulumi preview --json` document (its PreviewDigest: `steps` with `op`, `urn`,
 * `diffReasons`, `replaceReasons`; `changeSummary`; `diagnostics`) to tell drift from failure
 * and to show approvers what a deploy will change. Structured output rather than the exit code:
 * `--expect-no-changes` exits 255 on older CLIs whether the stack drifted or the run failed
 * (pulumi/pulumi#5144), and previews run with a read-only role differ from `up` in every
 * provider's `assumeRoles`, which is no drift.
 */
export interface PreviewStep {
  readonly op: string;
  readonly urn: string;
  readonly diffReasons?: readonly string[];
  readonly replaceReasons?: readonly string[];
}

export interface PreviewDigest {
  readonly steps?: readonly PreviewStep[];
  readonly changeSummary?: Readonly<Record<string, number>>;
  readonly diagnostics?: ReadonlyArray<{ readonly message?: string; readonly severity?: string }>;
}

/** Step operations that change nothing in the cloud. */
const UNCHANGED = new Set(["same", "read", "refresh"]);
/** Provider inputs the role-selection function sets per identity (deploy vs read-only). */
const ROLE_INPUTS = new Set(["assumeRoles", "assumeRole"]);

export function parseDigest(text: string, source: string): PreviewDigest {
  const start = text.indexOf("{");
  try {
    const digest = JSON.parse(start < 0 ? text : text.slice(start)) as PreviewDigest;
    if (typeof digest !== "object" || digest === null || Array.isArray(digest)) throw new Error();
    return digest;
  } catch {
    throw new Error(`${source}: not the JSON of pulumi preview --json`);
  }
}

/** The URN's resource type (the last of a parent$child chain) and name. */
export function urnParts(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  return { type: (parts[2] ?? "").split("$").pop()!, name: parts.slice(3).join("::") };
}

/** A provider update whose only difference is the role it assumes (a preview identity). */
export function isRoleSwap(step: PreviewStep): boolean {
  return (
    step.op === "update" &&
    urnParts(step.urn).type.startsWith("pulumi:providers:") &&
    (step.diffReasons?.length ?? 0) > 0 &&
    step.diffReasons!.every((r) => ROLE_INPUTS.has(r))
  );
}

/** The steps that would change the cloud. */
export function changesOf(digest: PreviewDigest): PreviewStep[] {
  return (digest.steps ?? []).filter((s) => !UNCHANGED.has(s.op) && !isRoleSwap(s));
}

/** Changes in one preview and not the other, as `op urn` lines. */
export function compareChanges(
  approved: PreviewDigest,
  current: PreviewDigest,
): { onlyApproved: string[]; onlyCurrent: string[] } {
  const key = (s: PreviewStep) => `${s.op} ${s.urn}`;
  const a = new Set(changesOf(approved).map(key));
  const c = new Set(changesOf(current).map(key));
  return {
    onlyApproved: [...a].filter((k) => !c.has(k)).sort(),
    onlyCurrent: [...c].filter((k) => !a.has(k)).sort(),
  };
}

const SYMBOL: Record<string, string> = {
  create: "+",
  update: "~",
  delete: "-",
  replace: "+-",
  "create-replacement": "++",
  "delete-replaced": "--",
  import: "=>",
};

/** A Markdown table of the changes, for a job summary, an issue or an approver. */
export function changesMarkdown(title: string, digest: PreviewDigest): string {
  const changes = changesOf(digest);
  const lines = [`### ${title}`, ""];
  if (changes.length === 0) {
    lines.push("No changes.");
  } else {
    const counts = new Map<string, number>();
    for (const s of changes) counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
    lines.push(
      [...counts].map(([op, n]) => `${n} ${op}`).join(", "),
      "",
      "| | type | name | properties |",
      "| --- | --- | --- | --- |",
    );
    for (const s of changes) {
      const { type, name } = urnParts(s.urn);
      const props = [...(s.replaceReasons ?? []), ...(s.diffReasons ?? [])]
        .filter((p, i, all) => all.indexOf(p) === i)
        .map((p) => `\`${p}\``)
        .join(", ");
      lines.push(`| ${SYMBOL[s.op] ?? ""} ${s.op} | \`${type}\` | ${name} | ${props} |`);
    }
  }
  const roleSwaps = (digest.steps ?? []).filter(isRoleSwap).length;
  if (roleSwaps > 0) {
    lines.push(
      "",
      `${roleSwaps} provider(s) differ only in the role they assume (this preview ran read-only); not counted.`,
    );
  }
  const errors = (digest.diagnostics ?? []).filter((d) => d.severity === "error");
  for (const d of errors) lines.push("", `error: ${d.message ?? ""}`.trim());
  return lines.join("\n");
}
