/**
 * The plan diff as Markdown for the report and the PR comment. At estate scale (tens of stacks,
 * most unchanged) it leads with a summary (stacks changed, failing, preflight errors, policy
 * violations, failed network invariants, resource counts), then the details of each stack that
 * changed or fails, folds the rest in `<details>`, and with a limit stays within it: what does not
 * fit is left out with a note naming the full report.
 */
import type { ChangeKind, StackDiff } from "./diff";
import type { PreflightFinding } from "./planfile";

/** GitHub's limit on an issue or PR comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

export interface DiffMarkdownOptions {
  /** Maximum length of the Markdown (e.g. COMMENT_LIMIT minus what the comment adds). */
  readonly limit?: number;
  /** Where the untruncated report is, named in the truncation note. */
  readonly fullReport?: string;
  /** The network verification's failed invariants (tools/netcheck), when it ran. */
  readonly failedInvariants?: number;
}

const SYMBOL: Record<ChangeKind, string> = { create: "+", delete: "-", update: "~", replace: "+-" };
const KINDS: ChangeKind[] = ["create", "update", "replace", "delete"];
/** Rows of one stack's change table in a limited report (the full report lists all). */
const ROWS_PER_STACK = 100;

const blocking = (d: StackDiff) =>
  d.preflight.filter((f) => f.severity === "error" && !f.waived).length;
const needsAttention = (d: StackDiff) =>
  d.status !== "unchanged" || d.errors > 0 || blocking(d) > 0 || d.mandatory > 0;
const count = (d: StackDiff, k: ChangeKind) => d.changes.filter((c) => c.kind === k).length;

export function diffMarkdown(
  diffs: readonly StackDiff[],
  baseLabel: string,
  options: DiffMarkdownOptions = {},
): string {
  const head = [`## Offline plan diff against \`${baseLabel}\``, "", ...summary(diffs, options)];
  const blocks: string[][] = [
    ...preflightBlocks(diffs),
    ...diffs.filter((d) => d.status !== "unchanged").map((d) => stackBlock(d, options.limit)),
  ];
  const unchanged = diffs.filter((d) => d.status === "unchanged");
  if (unchanged.length > 0 && unchanged.length < diffs.length)
    blocks.push(
      folded(
        `${unchanged.length} unchanged stacks`,
        unchanged.map((d) => `- ${d.stack}`),
      ),
    );
  const limit = options.limit ?? Infinity;
  const note = (omitted: number) =>
    `> **Truncated**: ${omitted} section(s) left out to stay within ${limit.toLocaleString("en")} characters (GitHub's comment limit); the full report is ${options.fullReport ?? "the report command's output"}.`;
  let text = head.join("\n");
  const reserve = note(blocks.length).length + 2;
  let omitted = 0;
  for (const block of blocks) {
    const next = `${text}\n${block.join("\n")}`;
    if (omitted === 0 && next.length + reserve <= limit) text = next;
    else omitted++;
  }
  return omitted ? `${text}\n${note(omitted)}\n` : text;
}

function summary(diffs: readonly StackDiff[], options: DiffMarkdownOptions): string[] {
  const changed = diffs.filter((d) => d.status !== "unchanged");
  const by = (s: StackDiff["status"]) => diffs.filter((d) => d.status === s).length;
  const total = (k: ChangeKind) => diffs.reduce((n, d) => n + count(d, k), 0);
  const sum = (f: (d: StackDiff) => number) => diffs.reduce((n, d) => n + f(d), 0);
  const stacksWith = (f: (d: StackDiff) => number) => diffs.filter((d) => f(d) > 0).length;
  const findings = diffs.flatMap((d) => d.preflight);
  const failing = diffs.filter((d) => d.errors > 0).map((d) => d.stack);
  const lines = [
    changed.length === 0
      ? `No resource changes in any stack. (${diffs.length} stacks)`
      : `**${changed.length} of ${diffs.length} stacks change** (${by("added")} added, ${by("removed")} removed, ${by("changed")} changed): ` +
        `${KINDS.map((k) => `${SYMBOL[k]}${total(k)}`).join(" ")} resources` +
        (total("replace") ? `, **${total("replace")} replacement(s)**` : ""),
    "",
    `- Stacks failing to plan: ${failing.length}${failing.length ? ` (${failing.slice(0, 10).join(", ")}${failing.length > 10 ? ", ..." : ""})` : ""}`,
    `- Preflight: ${sum(blocking)} errors in ${stacksWith(blocking)} stacks, ` +
      `${findings.filter((f) => f.severity === "warning" && !f.waived).length} warnings, ` +
      `${findings.filter((f) => f.waived).length} waived; ${findings.filter((f) => f.isNew).length} new`,
    `- Policies: ${sum((d) => d.mandatory)} mandatory violations in ${stacksWith((d) => d.mandatory)} stacks, ${sum((d) => d.advisory)} advisory`,
  ];
  if (options.failedInvariants !== undefined)
    lines.push(`- Network verification: ${options.failedInvariants} failed invariants`);
  const attention = diffs.filter(needsAttention);
  if (attention.length > 0)
    lines.push(
      "",
      "| stack | status | + | ~ | +- | - | errors | preflight errors | mandatory |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...attention.map(
        (d) =>
          `| ${d.stack} | ${d.status} | ${KINDS.map((k) => count(d, k)).join(" | ")} | ${d.errors} | ${blocking(d)} | ${d.mandatory} |`,
      ),
    );
  lines.push("");
  return lines;
}

function stackBlock(d: StackDiff, limit: number | undefined): string[] {
  const headline = KINDS.map((k) => `${SYMBOL[k]}${count(d, k)}`).join(" ");
  const lines = [`### ${d.stack} (${d.status}): ${headline}`];
  if (d.changes.length === 0) return [...lines, "", "No changes.", ""];
  if (count(d, "replace") > 0)
    lines.push("", `> **${count(d, "replace")} replacement(s)**: check that this is intended.`);
  lines.push("", "| | type | name | changed inputs |", "| --- | --- | --- | --- |");
  const shown = limit === undefined ? d.changes : d.changes.slice(0, ROWS_PER_STACK);
  for (const c of shown) {
    const paths = c.paths.length
      ? c.paths
          .slice(0, 8)
          .map((p) => `\`${p}\``)
          .join(", ") + (c.paths.length > 8 ? ", ..." : "")
      : "";
    lines.push(`| ${SYMBOL[c.kind]} ${c.kind} | \`${c.type}\` | ${c.name} | ${paths} |`);
  }
  if (shown.length < d.changes.length)
    lines.push("", `... and ${d.changes.length - shown.length} more changes (full report).`);
  lines.push("");
  return lines;
}

function folded(title: string, body: string[]): string[] {
  return ["<details>", `<summary>${title}</summary>`, "", ...body, "", "</details>", ""];
}

/**
 * The head's preflight findings per stack: stacks with an error or a new finding in full (new
 * ones marked, waivers shown), the others' (known warnings, waived findings) folded.
 */
function preflightBlocks(diffs: readonly StackDiff[]): string[][] {
  const withFindings = diffs.filter((d) => d.preflight.length > 0);
  if (withFindings.length === 0) return [["Preflight: no findings in any stack.", ""]];
  const loud = withFindings.filter((d) => blocking(d) > 0 || d.preflight.some((f) => f.isNew));
  const quiet = withFindings.filter((d) => !loud.includes(d));
  const blocks = [["### Preflight (will AWS, IAM and Kubernetes accept this?)", ""]];
  for (const d of loud) blocks.push(findingsTable(d));
  if (quiet.length > 0)
    blocks.push(
      folded(
        `Preflight: ${quiet.length} stacks with known warnings or waived findings only`,
        quiet.flatMap(findingsTable),
      ),
    );
  return blocks;
}

function findingsTable(d: StackDiff): string[] {
  const errors = blocking(d);
  const warnings = d.preflight.filter((f) => f.severity === "warning" && !f.waived).length;
  const waived = d.preflight.filter((f) => f.waived).length;
  const lines = [`**${d.stack}**: ${errors} errors, ${warnings} warnings, ${waived} waived`, ""];
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
  return lines;
}
