#!/usr/bin/env node
/**
 * platform-netcheck: verifies the network across the offline plans in .plan/.
 *   (no flags)                                  all scenarios and invariants; writes
 *                                               .plan/netcheck.json and .plan/netcheck.md
 *   --scenario <name> --from <end> --to <end>   one question; ends are onprem, runner (the deploy
 *                                               runner) or an environment
 * Exit status 1 when an invariant is violated (or the asked path is unreachable), 2 on bad usage.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { modelFromPlans } from "./from-plans";
import { readPlanFiles, verifyPlans } from "./files";
import { answer } from "./report";
import { check } from "./check";

function root(): string {
  let dir = process.cwd();
  while (!fs.existsSync(path.join(dir, "nx.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("run inside the repository");
    dir = up;
  }
  return dir;
}

function main(args: string[]): number {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const m = /^--(scenario|from|to)$/.exec(args[i]!);
    if (!m || args[i + 1] === undefined) {
      console.error(
        `platform-netcheck: unknown or incomplete argument ${args[i]}; use --scenario <name> --from <end> --to <end>`,
      );
      return 2;
    }
    flags[m[1]!] = args[i + 1]!;
  }
  const dir = path.join(root(), ".plan");
  const plans = readPlanFiles(dir);
  if (plans.length === 0) {
    console.error("platform-netcheck: no plans in .plan/; run npm run plan first");
    return 2;
  }
  if (flags["scenario"] || flags["from"] || flags["to"]) {
    if (!flags["scenario"] || !flags["from"] || !flags["to"]) {
      console.error("platform-netcheck: a question needs all of --scenario, --from and --to");
      return 2;
    }
    try {
      const text = answer(
        check(modelFromPlans(plans)),
        flags["scenario"],
        flags["from"],
        flags["to"],
      );
      console.log(text);
      return text.includes("NOT reachable") ? 1 : 0;
    } catch (err) {
      console.error(`platform-netcheck: ${(err as Error).message}`);
      return 2;
    }
  }
  const { report, markdown } = verifyPlans(dir, plans);
  console.log(markdown);
  return report.violations.length ? 1 : 0;
}

process.exit(main(process.argv.slice(2)));
