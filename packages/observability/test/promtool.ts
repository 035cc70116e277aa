import { spawnSync } from "node:child_process";

/** The promtool binary (Debian's `prometheus` package ships it; .ci/run installs it). */
export const PROMTOOL = process.env["PROMTOOL"] ?? "promtool";

/** promtool's output, or a failure that says how to install it (never a silent skip). */
export function promtool(args: readonly string[], cwd: string): { status: number; output: string } {
  const run = spawnSync(PROMTOOL, args, { cwd, encoding: "utf8" });
  if (run.error)
    throw new Error(
      `promtool is required to test the alert rules and was not found (${run.error.message}): install Debian's prometheus package (apt-get install prometheus) or set PROMTOOL to its path`,
    );
  return { status: run.status ?? 1, output: `${run.stdout}${run.stderr}` };
}
