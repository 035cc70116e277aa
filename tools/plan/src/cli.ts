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
 * Each command's module is loaded when it runs: `report` loads neither the Pulumi SDK nor the AWS
 * provider. Exit status is 1 when any stack has an error, a preflight error or a mandatory policy violation
 * (each named with its stack on stderr), 2 on bad usage.
 */
import { UsageError } from "./args";
import { findRoot } from "./planfile";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const root = findRoot();
  switch (command) {
    case "run":
      return (await import("./commands.js")).runCommand(root, rest);
    case "plan-all":
      return (await import("./plan-all.js")).planAllCommand(root, rest);
    case "shards":
      return (await import("./plan-all.js")).shardsCommand(root, rest);
    case "report":
      return (await import("./report.js")).reportCommand(root, rest);
    case "pulumi":
      return (await import("./commands.js")).pulumiCommand(root, rest);
    case "stack-outputs":
      return (await import("./commands.js")).stackOutputsCommand(root, rest);
    case "changes":
      return (await import("./commands.js")).changesCommand(rest);
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
