import type { NetcheckReport } from "./check";
import type { Path } from "./paths";
import type { ScenarioResult } from "./simulate";

const cell = (p: Path | undefined) => (!p ? "" : p.reachable ? p.text : `✗ ${p.text}`);

/** A readable matrix per scenario, for the plan summary and the PR comment. */
export function reportMarkdown(report: NetcheckReport): string {
  const lines = ["## Network verification", ""];
  if (report.violations.length === 0)
    lines.push(
      `All invariants hold in every scenario: ${report.invariants.map((i) => `\`${i}\``).join(", ")}.`,
      "",
    );
  else {
    lines.push(`**${report.violations.length} violation(s):**`, "");
    for (const v of report.violations)
      lines.push(`- \`${v.invariant}\`${v.scenario ? ` (${v.scenario})` : ""}: ${v.message}`);
    lines.push("");
  }
  for (const s of report.scenarios) lines.push(...scenarioMarkdown(s), "");
  return lines.join("\n");
}

function scenarioMarkdown(s: ScenarioResult): string[] {
  const envs = Object.keys(s.onPremToEnv).sort();
  const out = [
    `### ${s.scenario}: ${s.description}`,
    "",
    "| environment | on-premises → environment | environment → on-premises |",
    "| --- | --- | --- |",
  ];
  for (const e of envs)
    out.push(`| ${e} | ${cell(s.onPremToEnv[e])} | ${cell(s.envToOnPrem[e])} |`);
  out.push(
    "",
    `| from \\ to | ${envs.join(" | ")} |`,
    `| --- | ${envs.map(() => "---").join(" | ")} |`,
  );
  for (const a of envs) {
    out.push(
      `| ${a} | ${envs.map((b) => (a === b ? "-" : s.envToEnv[a]?.[b]?.reachable ? "reachable" : "no")).join(" | ")} |`,
    );
  }
  const runnerEnds = Object.keys(s.runnerToEnv).sort();
  if (runnerEnds.length) {
    out.push(
      "",
      "| environment | deploy runner → environment | environment → deploy runner |",
      "| --- | --- | --- |",
    );
    for (const e of runnerEnds)
      out.push(`| ${e} | ${cell(s.runnerToEnv[e])} | ${cell(s.envToRunner[e])} |`);
  }
  if (s.dns)
    out.push(
      "",
      "| hybrid DNS | path |",
      "| --- | --- |",
      `| on-premises resolvers → Resolver inbound endpoint | ${cell(s.dns.inbound)} |`,
      `| Resolver outbound endpoint → on-premises resolvers | ${cell(s.dns.outbound)} |`,
    );
  out.push(
    "",
    `On-premises learns over DX: ${s.learnedOverDx.join(", ") || "nothing"}; over VPN: ${s.learnedOverVpn.join(", ") || "nothing"}.`,
  );
  return out;
}

/** One question: the path between two ends in one scenario. */
export function answer(report: NetcheckReport, scenario: string, from: string, to: string): string {
  const s = report.scenarios.find((x) => x.scenario === scenario);
  if (!s)
    throw new Error(
      `unknown scenario ${scenario}; known: ${report.scenarios.map((x) => x.scenario).join(", ")}`,
    );
  const envs = Object.keys(s.onPremToEnv);
  const special = Object.keys(s.runnerToEnv).length ? ["onprem", "runner"] : ["onprem"];
  const known = [...special, ...envs].join(", ");
  if (!special.includes(from) && !envs.includes(from))
    throw new Error(`--from ${from} is not an end; known: ${known}`);
  if (!special.includes(to) && !envs.includes(to))
    throw new Error(`--to ${to} is not an end; known: ${known}`);
  const path =
    from === "onprem"
      ? s.onPremToEnv[to]
      : to === "onprem"
        ? s.envToOnPrem[from]
        : from === "runner"
          ? s.runnerToEnv[to]
          : to === "runner"
            ? s.envToRunner[from]
            : s.envToEnv[from]?.[to];
  if (!path) throw new Error(`no path computed from ${from} to ${to}`);
  return `${s.scenario} (${s.description}): ${from} -> ${to}: ${path.reachable ? "reachable" : "NOT reachable"}: ${path.text}`;
}
