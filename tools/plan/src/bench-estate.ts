/**
 * `npm run bench -- --estate [4,16,48,96]`: the offline plan as the estate grows. In a temporary
 * workspace (the repository's stacks copied; node_modules, packages, policies and tools linked),
 * the real environment generator (@platform/generators, on an Nx FsTree, registering each
 * environment in the hub and the bootstrap) adds environments until the hub and its environments
 * number each size; each environment's program is compiled (TypeScript transpile, as its build
 * target would emit it); then `plan-all` plans every stack in one warm process. Reported per size:
 * wall time, peak RSS, where the time goes (program, preflight, policies, summed over stacks),
 * heap growth per stack after GC, and one changed environment planned alone (`run`, as the Nx
 * target runs it).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { stackProjects } from "./graph";

const LINKED = ["node_modules", "packages", "policies", "tools"];

/** A workspace beside the repository sharing its code, with its own stacks and .plan. */
export function estateWorkspace(root: string): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), "plan-estate-"));
  for (const entry of fs.readdirSync(root)) {
    if ([".git", ".nx", ".plan", "stacks", "dist"].includes(entry)) continue;
    const from = path.join(root, entry);
    if (LINKED.includes(entry) || fs.statSync(from).isDirectory())
      fs.symlinkSync(from, path.join(ws, entry));
    else fs.copyFileSync(from, path.join(ws, entry));
  }
  fs.cpSync(path.join(root, "stacks"), path.join(ws, "stacks"), { recursive: true });
  return ws;
}

/** Environments the generator adds: bench-000, ... (nonprod; own account and /16 each). */
export function generateEnvironments(root: string, ws: string, from: number, to: number): void {
  const script = `
    const { FsTree, flushChanges } = require("nx/src/generators/tree");
    const { environmentGenerator } = require("@platform/generators");
    (async () => {
      const ws = process.env.ESTATE_WS;
      const tree = new FsTree(ws, false);
      for (let i = ${from}; i < ${to}; i++)
        await environmentGenerator(tree, {
          name: "bench-" + String(i).padStart(3, "0"),
          accountId: String(700000000000 + i),
          vpcCidr: "10." + (32 + (i >> 2)) + "." + (64 * (i % 4)) + ".0/18",
          allocation: "10." + (32 + (i >> 2)) + "." + (64 * (i % 4)) + ".0/18",
        });
      flushChanges(ws, tree.listChanges());
    })().catch((err) => { console.error(err); process.exit(1); });`;
  // The generator runs from its TypeScript source, as Nx runs local generators.
  const result = spawnSync(
    process.execPath,
    ["--conditions=@platform/source", "--import=tsx", "-e", script],
    { cwd: root, env: { ...process.env, ESTATE_WS: ws }, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`the generator failed:\n${result.stderr}`);
  for (let i = from; i < to; i++) compileStack(path.join(ws, "stacks", envName(i)));
}

function envName(i: number): string {
  return `bench-${String(i).padStart(3, "0")}`;
}

/** src/*.ts to dist/*.js with the project's build options (transpile only: no type-check). */
function compileStack(dir: string): void {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(dir, "tsconfig.build.json"),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error(`${dir}: tsconfig.build.json unreadable`);
  fs.mkdirSync(path.join(dir, "dist"), { recursive: true });
  for (const file of config.fileNames) {
    const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
      compilerOptions: { ...config.options, sourceMap: false, declaration: false },
      fileName: file,
    });
    const target = path.join(dir, "dist", path.basename(file).replace(/\.ts$/, ".js"));
    fs.writeFileSync(target, out.outputText);
  }
}

interface Sized {
  readonly size: number;
  readonly stacks: number;
  readonly output: string;
  readonly seconds: number;
  readonly changedSeconds: number;
  readonly failed: boolean;
  /** Output of the --expose-gc run (largest size only). */
  readonly heap: string;
}

/**
 * Plans the workspace with plan-all (one warm worker per core); the output carries its phase
 * lines. With `heap`, node --expose-gc (passed on to the workers): a full GC after each stack and
 * the heap growth per stack, which costs time, so that run is not the timed one.
 */
function planEstate(
  ws: string,
  cli: string,
  heap = false,
): { output: string; seconds: number; failed: boolean } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...(heap ? ["--expose-gc"] : []), cli, "plan-all"], {
    cwd: ws,
    encoding: "utf8",
    maxBuffer: 64 * 2 ** 20,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const output = result.stdout + result.stderr;
  // A failing stack is measured like the others; a planner that did not finish is not measured.
  if (!/^planned \d+ stacks/m.test(output))
    throw new Error(`plan-all did not finish in ${ws}:\n${output.slice(-2000)}`);
  return { output, seconds, failed: result.status !== 0 };
}

export function estateBench(root: string, sizes: readonly number[]): string[] {
  const cli = path.join(root, "tools", "plan", "dist", "cli.js");
  const ws = estateWorkspace(root);
  // The shipped environments: the projects that plan after the hub.
  const base = stackProjects(ws).filter((p) => p.dependsOn.includes("platform-network")).length;
  const rows: Sized[] = [];
  let made = 0;
  for (const size of sizes) {
    // size = the hub and its environments (as the issue counts: 50 environments = 51 stacks).
    const want = Math.max(0, size - 1 - base);
    if (want > made) {
      generateEnvironments(root, ws, made, want);
      made = want;
    }
    const run = planEstate(ws, cli);
    const stacks = Number(/planned (\d+) stacks/.exec(run.output)?.[1] ?? 0);
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, [cli, "run", made > 0 ? `stacks/${envName(0)}` : "stacks/dev"], {
      cwd: ws,
      encoding: "utf8",
    });
    const changedSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    // The heap's growth per stack after GC, in a separate run at the largest size.
    const heap = size === Math.max(...sizes) ? planEstate(ws, cli, true).output : "";
    rows.push({ size, stacks, ...run, changedSeconds, heap });
  }
  console.error(`estate workspace: ${ws}`);
  const line = (o: string, re: RegExp) => re.exec(o)?.[1] ?? "?";
  return [
    "| hub + environments | stacks planned (with bootstrap) | plan-all wall | peak RSS | program / preflight / policies (summed) | heap growth per stack after GC (largest size, separate run) | one changed environment (`run`) | failing (program errors) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.size} | ${r.stacks} | ${r.seconds.toFixed(1)} s | ${line(r.output, /peak RSS (\d+ MiB)/)} | ${line(r.output, /phases: program ([\d.]+ s), /)} / ${line(r.output, /preflight ([\d.]+ s), /)} / ${line(r.output, /policies ([\d.]+ s);/)} | ${line(r.heap, /heap after GC: ([\d.-]+ MiB) per stack/)} | ${r.changedSeconds.toFixed(1)} s | ${failing(r.output)} |`,
    ),
  ];
}

/** How many stacks failed, and how many of those on their program (not on findings). */
function failing(output: string): string {
  const stacks = (/failing: (.*)$/m.exec(output)?.[1] ?? "").split(", ").filter(Boolean);
  const errors = (output.match(/^plan fails: \S+: \S+: (?!preflight rule |policy )/gm) ?? [])
    .length;
  return `${stacks.length} (${errors})`;
}
