#!/usr/bin/env node
/**
 * platform-plan: the offline plan.
 *   run <project-dir>...            plan every stack of these projects, write .plan/<project>.<stack>.json
 *   plan-all [<project-dir>...] [--shard <i>/<n>] [--traces]
 *                                   plan many stacks in one warm process, in dependency order
 *                                   (all stack projects when none are named; --shard: one CI job's
 *                                   share, see docs/performance.md); one stack's failure is its own
 *   shards <n>                      the shard assignment as JSON (a workflow matrix)
 *   report [--diff <git-ref>] [--base-dir <dir>] [--markdown <file>]
 *                                   summarise all plans, verify the network across them
 *                                   (tools/netcheck), compare with another ref's plans
 *   pulumi <init|preview|up|refresh|destroy> <project-dir> [-- <pulumi flags>]
 *                                   the real CLI with the stack and the environment's policy packs;
 *                                   exits with the CLI's own status
 *   stack-outputs <project-dir>     key=value lines for a workflow's $GITHUB_OUTPUT (absolute paths)
 *   changes <preview.json> [--markdown <file>] [--title <text>] [--same-as <approved.json>]
 *                                   the changes in a `pulumi preview --json` document: prints
 *                                   {"changes": N}; with --same-as, exit 1 if they differ
 * Exit status is 1 when any stack has an error, a preflight error or a mandatory policy violation
 * (each named with its stack on stderr), 2 on bad usage.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { planBaseRef } from "./baseref";
import { verifyPlans } from "@platform/netcheck";
import { COMMENT_LIMIT, diffMarkdown, diffPlans } from "./diff";
import { findRoot, PLAN_DIR, readPlans, writePlan } from "./planfile";
import { changesMarkdown, changesOf, compareChanges, parseDigest } from "./preview";
import { writePackConfigs } from "@platform/policy-runner";
import { PULUMI_VERBS, pulumiArgs, readStackSettings, stackOutputs } from "./pulumi";
import type { PulumiVerb } from "./pulumi";
import { packEvaluator } from "./policy";
import { preflightEvaluator } from "./preflight";
import { listStacks } from "@platform/engine";
import { planStack } from "./run";
import { parseFlags, UsageError } from "./args";
import { planAllCommand, shardsCommand } from "./plan-all";
import { failureReasons, planFails, summarize } from "./summary";

async function runCommand(root: string, dirs: string[]): Promise<number> {
  if (dirs.length === 0)
    throw new UsageError("run needs at least one project directory, e.g. run stacks/dev");
  let failed = false;
  for (const dir of dirs) {
    const projectDir = path.resolve(root, dir);
    if (!fs.existsSync(path.join(projectDir, "Pulumi.yaml"))) {
      throw new UsageError(
        `run ${dir}: no Pulumi.yaml there; pass a stack project folder such as stacks/dev`,
      );
    }
    for (const stack of listStacks(projectDir)) {
      const plan = await planStack(
        root,
        projectDir,
        stack,
        packEvaluator(root),
        preflightEvaluator(root),
      );
      const file = writePlan(root, plan);
      console.log(summarize(plan));
      console.log(`  -> ${path.relative(root, file)}`);
      for (const reason of failureReasons(plan)) console.error(`plan fails: ${reason}`);
      failed ||= planFails(plan);
    }
  }
  return failed ? 1 : 0;
}

async function reportCommand(root: string, args: string[]): Promise<number> {
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

function pulumiCommand(root: string, args: string[]): number {
  const [verb, projectDir, ...rest] = args;
  if (!PULUMI_VERBS.includes(verb as PulumiVerb) || !projectDir) {
    throw new UsageError(
      `pulumi needs a verb (${PULUMI_VERBS.join(", ")}) and a stack folder, e.g. pulumi preview stacks/dev`,
    );
  }
  const argv = pulumiArgs(
    root,
    verb as PulumiVerb,
    projectDir,
    rest[0] === "--" ? rest.slice(1) : rest,
    // GitHub Actions sets CI=true: there, init never invents a data key that would be lost.
    { committedKey: process.env["CI"] === "true" },
  );
  if (verb === "preview" || verb === "up") writeStackPackConfigs(root, argv);
  // stderr: stdout may be the CLI's --json document.
  console.error(`$ pulumi ${argv.join(" ")}`);
  const result = spawnSync("pulumi", argv, { cwd: root, stdio: "inherit" });
  if (result.error)
    throw new Error(
      `could not start the Pulumi CLI (${result.error.message}); install it from pulumi.com/docs/install`,
    );
  return result.status ?? 1;
}

/** The effective pack configs of the stack a preview/up command line names (`--cwd`, `--stack`). */
function writeStackPackConfigs(root: string, argv: readonly string[]): void {
  const dir = argv[argv.indexOf("--cwd") + 1]!;
  const stack = argv[argv.indexOf("--stack") + 1]!;
  const packs = argv.flatMap((a, i) => (a === "--policy-pack" ? [argv[i + 1]!] : []));
  writePackConfigs(root, dir, stack, readStackSettings(dir).policyProfile, packs);
}

function stackOutputsCommand(root: string, args: string[]): number {
  if (args.length !== 1)
    throw new UsageError("stack-outputs needs one stack folder, e.g. stacks/dev");
  const outputs = stackOutputs(root, args[0]!);
  // The job runs pulumi/actions next with these config files: write them now.
  writePackConfigs(
    root,
    outputs["dir"]!,
    outputs["stack"]!,
    outputs["profile"]!,
    outputs["policy-packs"]!.split(",").filter(Boolean),
  );
  for (const [key, value] of Object.entries(outputs)) console.log(`${key}=${value}`);
  return 0;
}

function changesCommand(args: string[]): number {
  const [file, ...rest] = args;
  if (!file || file.startsWith("--"))
    throw new UsageError("changes needs the file of a pulumi preview --json run");
  const options = parseFlags(rest, ["markdown", "title", "same-as"]);
  const read = (f: string) => parseDigest(fs.readFileSync(f, "utf8"), f);
  const digest = read(file);
  const markdown = changesMarkdown(options["title"] ?? "Changes", digest);
  if (options["markdown"]) fs.writeFileSync(options["markdown"], `${markdown}\n`);
  else console.error(markdown);
  console.log(JSON.stringify({ changes: changesOf(digest).length }));
  if (options["same-as"]) {
    const { onlyApproved, onlyCurrent } = compareChanges(read(options["same-as"]), digest);
    if (onlyApproved.length + onlyCurrent.length > 0) {
      console.error(
        `The changes differ from the approved preview (${options["same-as"]}); nothing was applied. ` +
          `Re-run the deploy to preview and approve again.\n` +
          [
            ...onlyApproved.map((k) => `  approved only: ${k}`),
            ...onlyCurrent.map((k) => `  now also: ${k}`),
          ].join("\n"),
      );
      return 1;
    }
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const root = findRoot();
  switch (command) {
    case "run":
      return runCommand(root, rest);
    case "plan-all":
      return planAllCommand(root, rest);
    case "shards":
      return shardsCommand(root, rest);
    case "report":
      return reportCommand(root, rest);
    case "pulumi":
      return pulumiCommand(root, rest);
    case "stack-outputs":
      return stackOutputsCommand(root, rest);
    case "changes":
      return changesCommand(rest);
    default:
      throw new UsageError(
        `unknown command ${command ?? "(none)"}; use run <project-dir>..., plan-all, shards <n>, report [--diff <ref>], pulumi, stack-outputs or changes`,
      );
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`platform-plan: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
