/**
 * The commands of `platform-plan` that run stacks or the Pulumi CLI: `run`, `pulumi`,
 * `stack-outputs` and `changes` (cli.ts loads this module only for them).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { listStacks } from "@platform/engine";
import { writePackConfigs } from "@platform/policy-runner";
import { parseFlags, UsageError } from "./args";
import { writePlan } from "./planfile";
import { changesMarkdown, changesOf, compareChanges, parseDigest } from "./preview";
import { PULUMI_VERBS, pulumiInvocation, stackOutputs } from "./pulumi";
import type { PulumiVerb } from "./pulumi";
import { packEvaluator } from "./policy";
import { preflightEvaluator } from "./preflight";
import { planStack } from "./run";
import { failureReasons, planFails, summarize } from "./summary";

export async function runCommand(root: string, dirs: string[]): Promise<number> {
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

export function pulumiCommand(root: string, args: string[]): number {
  const [verb, projectDir, ...rest] = args;
  if (!PULUMI_VERBS.includes(verb as PulumiVerb) || !projectDir) {
    throw new UsageError(
      `pulumi needs a verb (${PULUMI_VERBS.join(", ")}) and a stack folder, e.g. pulumi preview stacks/dev`,
    );
  }
  const invocation = pulumiInvocation(
    root,
    verb as PulumiVerb,
    projectDir,
    rest[0] === "--" ? rest.slice(1) : rest,
    // GitHub Actions sets CI=true: there, init never invents a data key that would be lost.
    { committedKey: process.env["CI"] === "true" },
  );
  const { argv } = invocation;
  // The effective pack configs of the stack the command line runs, for the packs it passes.
  if (invocation.packs.length)
    writePackConfigs(
      root,
      invocation.dir,
      invocation.stack,
      invocation.policyProfile,
      invocation.packs,
    );
  // stderr: stdout may be the CLI's --json document.
  console.error(`$ pulumi ${argv.join(" ")}`);
  const result = spawnSync("pulumi", argv, { cwd: root, stdio: "inherit" });
  if (result.error)
    throw new Error(
      `could not start the Pulumi CLI (${result.error.message}); install it from pulumi.com/docs/install`,
    );
  return result.status ?? 1;
}

export function stackOutputsCommand(root: string, args: string[]): number {
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

export function changesCommand(args: string[]): number {
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
