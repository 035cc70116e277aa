/**
 * `npm run bench`: measures what docs/performance.md records. Run after `npm run plan` (which
 * builds everything). Prints a Markdown table; numbers are wall-clock medians on this machine.
 *   1. one stack program under mocks, cold process: compiled dist vs ts-node (type-checking)
 *   2. the full offline plan of every stack: wall time and peak RSS per stack process
 *   3. the test suite: cold (Nx cache skipped) and warm (Nx cache)
 *   4. policies and 5. netcheck over synthetic inputs
 *   6. preflight: over each real stack's plan in a fresh process, as `npm run plan` runs it
 *      (module loading included), and over synthetic stacks of 1,000 to 10,000 resources
 * With `--estate [sizes]` (e.g. `npm run bench -- --estate 4,16`): only the estate's growth, with
 * generated environments planned by plan-all (bench-estate.ts; default sizes 4,16,48,96).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { check, syntheticModel } from "@platform/netcheck";
import { evaluatePack } from "@platform/policy-runner";
import { RULES, runPreflight } from "@platform/preflight";
import { estateBench } from "./bench-estate";
import { findRoot } from "./planfile";
import { loadPacks, readPackConfig } from "./policy";
import { syntheticStack } from "./synthetic";

const root = findRoot();
const env = { ...process.env, NX_DAEMON: "false", NX_TUI: "false" };

/** Runs a command and returns its wall time in seconds and the peak RSS it reported, if any. */
function timed(
  cmd: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): { seconds: number; peakMiB?: number } {
  const rssFile = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Date.now()}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, args, {
    cwd: root,
    env: { ...env, ...extraEnv, BENCH_RSS_FILE: rssFile },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  const peak = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, "utf8")) / 1024 : undefined;
  fs.rmSync(rssFile, { force: true });
  return { seconds, peakMiB: peak };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A preload that writes the process's peak RSS (KiB) to BENCH_RSS_FILE at exit. */
function rssHook(): string {
  const file = path.join(os.tmpdir(), "bench-rss-hook.js");
  fs.writeFileSync(
    file,
    "process.on('exit', () => { if (process.env.BENCH_RSS_FILE) require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); });\n",
  );
  return file;
}

/** Seconds to evaluate every pack (prod config) over a synthetic stack of n resources. */
async function policySeconds(n: number): Promise<number> {
  const packs = loadPacks(root);
  const resources = syntheticStack(n);
  const start = process.hrtime.bigint();
  for (const pack of packs)
    await evaluatePack(pack.definition, resources, readPackConfig(root, pack.dir, "prod"));
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Seconds preflight takes over one real stack's plan in a fresh process, loading included, with
 * the other plans beside it as `npm run plan` passes them (the bootstrap's roles, so deploy
 * permissions are evaluated).
 */
function preflightProcessSeconds(planFile: string, otherFiles: readonly string[]): number {
  const script = [
    "const t = process.hrtime.bigint();",
    "const { RULES, runPreflight } = require('@platform/preflight');",
    "const read = (f) => JSON.parse(require('fs').readFileSync(f, 'utf8'));",
    `const plan = read(${JSON.stringify(planFile)});`,
    `const otherPlans = ${JSON.stringify(otherFiles)}.map(read);`,
    "runPreflight({ plan, otherPlans }, RULES).then(() => console.log(Number(process.hrtime.bigint() - t) / 1e9));",
  ].join("\n");
  const result = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`preflight over ${planFile} failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

/** Seconds for every preflight rule over a synthetic stack of n resources (modules loaded). */
async function preflightSeconds(n: number): Promise<number> {
  const plan = { project: "bench", stack: "bench", resources: syntheticStack(n) };
  const start = process.hrtime.bigint();
  await runPreflight({ plan }, RULES);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main(): Promise<void> {
  const estate = process.argv.indexOf("--estate");
  if (estate >= 0) {
    const sizes = (process.argv[estate + 1] ?? "4,16,48,96").split(",").map(Number);
    console.log(
      `Machine: ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the start, Node ${process.version}\n`,
    );
    console.log(estateBench(root, sizes).join("\n"));
    console.log(`load average at the end: ${os.loadavg()[0]!.toFixed(1)}`);
    return;
  }
  const hook = rssHook();
  const cli = path.join(root, "tools", "plan", "dist", "cli.js");
  const rows: string[] = ["| measurement | result | target |", "| --- | --- | --- |"];

  // 1. One stack program, cold process.
  const one = (entry: string, loader: string[], loaderEnv: Record<string, string> = {}) =>
    median(
      [0, 1, 2].map(
        () =>
          timed(
            process.execPath,
            [
              ...loader,
              "-e",
              `require("@platform/engine").runStack("stacks/network", "network", { entry: ${JSON.stringify(entry)} }).then(() => process.exit(0))`,
            ],
            loaderEnv,
          ).seconds,
      ),
    );
  const compiled = one(path.join(root, "stacks/network/dist/index.js"), []);
  // ts-node as `pulumi up` would use it on TypeScript sources: CommonJS, full type-checking.
  const tsNode = one(path.join(root, "stacks/network/src/index.ts"), ["-r", "ts-node/register"], {
    TS_NODE_PROJECT: "stacks/network/tsconfig.json",
    TS_NODE_COMPILER_OPTIONS: JSON.stringify({
      module: "commonjs",
      moduleResolution: "node10",
      customConditions: null,
    }),
  });
  rows.push(
    `| one stack program under mocks, compiled (median of 3) | ${compiled.toFixed(2)} s | < 1.5 s |`,
  );
  rows.push(
    `| the same program through ts-node with type-checking | ${tsNode.toFixed(2)} s | (comparison) |`,
  );

  // 2. Full plan, one process per stack as Nx runs it.
  let total = 0;
  let worst = 0;
  for (const stack of ["network", "dev", "test", "prod"]) {
    const r = timed(process.execPath, ["-r", hook, cli, "run", `stacks/${stack}`]);
    total += r.seconds;
    worst = Math.max(worst, r.peakMiB ?? 0);
  }
  rows.push(
    `| full offline plan of the four stacks (programs only, sequential) | ${total.toFixed(2)} s | < 10 s |`,
  );
  rows.push(`| peak memory of one stack's plan process | ${worst.toFixed(0)} MiB | < 1024 MiB |`);

  // 3. Tests, cold and warm.
  const cold = timed("npx", ["nx", "run-many", "-t", "test", "--skip-nx-cache"]).seconds;
  timed("npx", ["nx", "run-many", "-t", "test"]); // fills the cache (--skip-nx-cache neither reads nor writes it)
  const warm = timed("npx", ["nx", "run-many", "-t", "test"]).seconds;
  rows.push(`| npm test, Nx cache skipped | ${cold.toFixed(1)} s | (cold) |`);
  rows.push(`| npm test, Nx cache warm | ${warm.toFixed(1)} s | < 15 s |`);

  // 4. Policy evaluation over synthetic stacks (median of 3, after one warm-up).
  await policySeconds(1000);
  for (const n of [1000, 2000, 5000, 10000]) {
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) runs.push(await policySeconds(n));
    const t = median(runs);
    const perResource = ((t / n) * 1e6).toFixed(0);
    rows.push(
      `| all policies (both packs, prod config) over ${n} resources | ${t.toFixed(3)} s (${perResource} µs/resource) | ${n === 10000 ? "< 2 s" : "linear"} |`,
    );
  }

  // 5. Network verification over synthetic hubs: 10 segments, 1,000 on-premises prefixes.
  for (const n of [50, 100, 200, 500]) {
    const model = syntheticModel(n, 10, 1000);
    const runs = [0, 1, 2].map(() => {
      const start = process.hrtime.bigint();
      check(model);
      return Number(process.hrtime.bigint() - start) / 1e9;
    });
    rows.push(
      `| netcheck: ${n} VPCs, 10 segments, 1,000 on-premises prefixes, all scenarios and invariants | ${median(runs).toFixed(3)} s | ${n === 500 ? "< 2 s" : "growth"} |`,
    );
  }

  // 6. Preflight: each real stack in a fresh process (as the plan runs it), then synthetic stacks.
  const planFiles = fs
    .readdirSync(path.join(root, ".plan"))
    .filter((f) => /^platform-.*\.json$/.test(f))
    .map((f) => path.join(root, ".plan", f));
  const perStack = planFiles.map((f) =>
    median(
      [0, 1, 2].map(() =>
        preflightProcessSeconds(
          f,
          planFiles.filter((o) => o !== f),
        ),
      ),
    ),
  );
  rows.push(
    `| preflight over the ${planFiles.length} stacks, one fresh process each (median of 3 per stack, summed) | ${perStack.reduce((a, b) => a + b, 0).toFixed(2)} s (${perStack.map((t) => t.toFixed(2)).join(" + ")}) | < 1 s |`,
  );
  await preflightSeconds(1000);
  for (const n of [1000, 2000, 5000, 10000]) {
    const runs: number[] = [];
    for (let k = 0; k < 3; k++) runs.push(await preflightSeconds(n));
    const t = median(runs);
    rows.push(
      `| preflight (every rule) over ${n} synthetic resources | ${t.toFixed(3)} s (${((t / n) * 1e6).toFixed(0)} µs/resource) | ${n === 10000 ? "< 2 s" : "growth"} |`,
    );
  }

  console.log(
    `Machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`,
  );
  console.log(rows.join("\n"));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
