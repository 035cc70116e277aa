/**
 * Plans another git ref in a temporary worktree that shares this checkout's node_modules and Nx
 * cache, so unchanged projects come from the cache. Used by `report --diff <ref>`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PlanFile } from "./planfile";
import { PLAN_DIR, readPlans } from "./planfile";

export async function planBaseRef(root: string, ref: string): Promise<PlanFile[]> {
  const sha = git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  if (!sha)
    throw new Error(`--diff ${ref}: not a commit in this repository (try main or origin/main)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "platform-plan-base-"));
  git(root, ["worktree", "add", "--detach", dir, sha]);
  try {
    linkNodeModules(root, dir);
    const result = spawnSync("npx", ["nx", "run-many", "-t", "plan", "--outputStyle=static"], {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        NX_DAEMON: "false",
        NX_TUI: "false",
        NX_CACHE_DIRECTORY: path.join(root, ".nx", "cache"),
      },
    });
    const plans = readPlans(path.join(dir, PLAN_DIR));
    if (result.status !== 0 && plans.length === 0) {
      console.warn(
        `note: ${ref} (${sha.slice(0, 8)}) could not be planned; comparing against an empty base`,
      );
    }
    return plans;
  } finally {
    git(root, ["worktree", "remove", "--force", dir]);
  }
}

/**
 * Gives the worktree this checkout's third-party packages but its own workspace packages:
 * npm links workspace packages (e.g. node_modules/@platform/core -> ../../packages/core), and
 * following those links from the worktree would plan the current code instead of the ref's.
 */
export function linkNodeModules(root: string, worktree: string): void {
  const source = path.join(root, "node_modules");
  const target = path.join(worktree, "node_modules");
  const link = (rel: string) => {
    const from = path.join(source, rel);
    const stat = fs.lstatSync(from);
    let destination = from;
    if (stat.isSymbolicLink()) {
      const real = fs.realpathSync(from);
      const inRepo = path.relative(root, real);
      if (!inRepo.startsWith("..") && !inRepo.startsWith("node_modules"))
        destination = path.join(worktree, inRepo);
    }
    fs.symlinkSync(destination, path.join(target, rel), "dir");
  };
  fs.mkdirSync(target);
  for (const entry of fs.readdirSync(source)) {
    if (entry.startsWith("@")) {
      fs.mkdirSync(path.join(target, entry));
      for (const scoped of fs.readdirSync(path.join(source, entry))) link(path.join(entry, scoped));
    } else if (entry !== ".cache") {
      link(entry);
    }
  }
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  } catch {
    return "";
  }
}
