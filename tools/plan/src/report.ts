/**
 * `platform-plan report`: every plan's summary, the network verified across the plans
 * (tools/netcheck), and with `--diff <ref>` / `--base-dir <dir>` the diff against another ref's
 * plans for the PR comment. Reads plan files only: it loads neither the Pulumi SDK nor the AWS
 * provider (the CLI loads this module only for this command).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks } from "@platform/engine/stack-files";
import { verifyPlans } from "@platform/netcheck";
import { parseFlags } from "./args";
import { planBaseRef } from "./baseref";
import { COMMENT_LIMIT, diffMarkdown, diffPlans } from "./diff";
import { PLAN_DIR, readPlans } from "./planfile";
import { failureReasons, planFails, summarize } from "./summary";

export async function reportCommand(root: string, args: string[]): Promise<number> {
  const options = parseFlags(args, ["diff", "base-dir", "markdown"]);
  const plans = readPlans(path.join(root, PLAN_DIR));
  const missing = fs
    .readdirSync(path.join(root, "stacks"))
    .filter((d) => fs.existsSync(path.join(root, "stacks", d, "Pulumi.yaml")))
    .flatMap((d) => {
      const project = path.join(root, "stacks", d);
      const name = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"))
        .name as string;
      return listStacks(project)
        .filter((s) => !plans.some((p) => p.project === name && p.stack === s))
        .map((s) => `${name}/${s}`);
    });
  console.log(`Offline plan: ${plans.length} stacks`);
  for (const plan of plans) {
    const lines = summarize(plan).split("\n");
    // The headline, and every preflight finding (warnings are listed, not only counted).
    console.log([lines[0], ...lines.filter((l) => l.startsWith("  preflight "))].join("\n"));
  }
  for (const reason of plans.flatMap(failureReasons)) console.error(`plan fails: ${reason}`);
  for (const m of missing)
    console.log(`${m}: NOT PLANNED - run npx nx run ${m.split("/")[0]}:plan`);

  // The network across all stacks: matrices per scenario, invariants (tools/netcheck).
  let networkFails = false;
  let failedInvariants: number | undefined;
  let networkChars = 0;
  if (plans.length > 0 && missing.length === 0) {
    const { report, markdown } = verifyPlans(path.join(root, PLAN_DIR), plans);
    console.log(`\n${markdown}`);
    networkFails = report.violations.length > 0;
    failedInvariants = report.violations.length;
    networkChars = markdown.length;
  }

  if (options["diff"] || options["base-dir"]) {
    const label = options["diff"] ?? options["base-dir"]!;
    const base = options["base-dir"]
      ? readPlans(path.resolve(options["base-dir"]))
      : await planBaseRef(root, options["diff"]!);
    const diffs = diffPlans(base, plans);
    const out = options["markdown"] ?? path.join(root, PLAN_DIR, "diff.md");
    const fullOut = `${out.replace(/\.md$/, "")}-full.md`;
    fs.writeFileSync(fullOut, `${diffMarkdown(diffs, label, { failedInvariants })}\n`);
    // The PR comment (pr-comment.yml) posts this file and netcheck.md in one body of at most
    // COMMENT_LIMIT characters: the diff gets what the network report leaves (at least 16,000).
    const markdown = diffMarkdown(diffs, label, {
      failedInvariants,
      limit: Math.max(16_000, COMMENT_LIMIT - 1_000 - networkChars),
      fullReport: `\`${path.basename(fullOut)}\` in this run's \`offline-plan\` artifact`,
    });
    fs.writeFileSync(out, `${markdown}\n`);
    console.log(
      `\n${markdown}\n\n(written to ${path.relative(root, out)}; untruncated: ${path.relative(root, fullOut)})`,
    );
  }
  return plans.some(planFails) || missing.length > 0 || networkFails ? 1 : 0;
}
