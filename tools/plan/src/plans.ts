/**
 * What one stack reads of the other stacks' plans: only the plans it references, each parsed once
 * per process. Reading every plan for every stack is N² reads (about 10 MB per stack at 49 stacks)
 * and makes a stack fail on an unrelated plan that is broken or being written.
 *   - the program: the plan of each StackReference it makes, loaded when the reference is made
 *     (for an environment, the hub that `network.hubStack` names);
 *   - preflight: the stacks it references (the hub's deploy runner) and the bootstrap stacks of
 *     the accounts whose roles its AWS providers assume (the deployer's and previewer's policies,
 *     for iam-deploy-permissions).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parsePlanFile } from "@platform/contracts";
import { listStacks, readProject, readStackFile } from "@platform/engine";
import type { PlanFile } from "./planfile";
import { PLAN_DIR, planFileName } from "./planfile";

interface Stamp {
  readonly mtimeMs: number;
  readonly size: number;
  readonly ino: number;
}

const sameStamp = (a: Stamp, b: Stamp) =>
  a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;

/** A value derived from a file, recomputed only when the file changes (mtime, size or inode). */
function memoByFile<T>(derive: (file: string) => T) {
  const memo = new Map<string, { stamp: Stamp; value: T }>();
  const read = (file: string): T | undefined => {
    let stamp: Stamp;
    try {
      stamp = fs.statSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw err;
    }
    const hit = memo.get(file);
    if (hit && sameStamp(hit.stamp, stamp)) return hit.value;
    const value = derive(file);
    memo.set(file, { stamp: { mtimeMs: stamp.mtimeMs, size: stamp.size, ino: stamp.ino }, value });
    return value;
  };
  return Object.assign(read, { clear: () => memo.clear() });
}

/**
 * A plan file, validated against the contract, parsed once per process while the file is
 * unchanged (writePlan replaces a plan by rename, so a new plan is a new inode); undefined when
 * there is no such file.
 */
export const readPlanFile = memoByFile((file) =>
  parsePlanFile(fs.readFileSync(file, "utf8"), file),
);

/** Forgets every parsed plan and stack file (tests; a long-lived process between estates). */
export function clearPlanCache(): void {
  readPlanFile.clear();
  accountOfStackFile.clear();
}

/** `organization/<project>/<stack>`, as StackReference names a stack on a self-managed backend. */
const QUALIFIED = /^organization\/([^/]+)\/([^/]+)$/;

/** The plan of a stack by its qualified name, if planned. */
export function planOf(root: string, qualified: string): PlanFile | undefined {
  const m = QUALIFIED.exec(qualified);
  if (!m) return undefined;
  return readPlanFile(path.join(root, PLAN_DIR, planFileName(m[1]!, m[2]!)));
}

/**
 * Other stacks' outputs for the mock runtime's StackReference, loaded from `.plan` when the
 * program references a stack (and only then); `referenced` collects the names it asked for (the
 * plan file has no StackReference resource: the SDK reads the stack, it registers nothing).
 * Listing the keys (the mock's "known" list in its error) lists the plan files without reading them.
 */
export function stackOutputsFromPlans(root: string): {
  stackOutputs: Record<string, Record<string, unknown>>;
  referenced: Set<string>;
} {
  const referenced = new Set<string>();
  const names = () => {
    const dir = path.join(root, PLAN_DIR);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .map((f) => /^([^.]+)\.([^.]+)\.json$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => `organization/${m[1]}/${m[2]}`)
      .sort();
  };
  const outputsOf = (key: string | symbol) => {
    if (typeof key !== "string" || !QUALIFIED.test(key)) return undefined;
    referenced.add(key);
    return planOf(root, key)?.outputs;
  };
  const stackOutputs = new Proxy({} as Record<string, Record<string, unknown>>, {
    get: (_target, key) => outputsOf(key),
    has: (_target, key) => outputsOf(key) !== undefined,
    ownKeys: () => names(),
    getOwnPropertyDescriptor: (_target, key) =>
      typeof key === "string" && QUALIFIED.test(key)
        ? { enumerable: true, configurable: true, get: () => outputsOf(key) }
        : undefined,
  });
  return { stackOutputs, referenced };
}

/** The `<project>:account.accountId` of a stack file (every platform stack declares its account). */
const accountOfStackFile = memoByFile((file) => {
  const project = readProject(path.dirname(file)).name;
  const stack = /^Pulumi\.(.+)\.yaml$/.exec(path.basename(file))![1]!;
  const account = readStackFile(path.dirname(file), stack).config[`${project}:account`] as
    { accountId?: unknown } | undefined;
  return { project, stack, accountId: String(account?.accountId ?? "") };
});

/** The stack projects under `stacks/` tagged `type:bootstrap` (they create the platform's roles). */
function bootstrapProjects(root: string): string[] {
  const stacks = path.join(root, "stacks");
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .map((d) => path.join(stacks, d))
    .filter((dir) => {
      const file = path.join(dir, "project.json");
      if (!fs.existsSync(path.join(dir, "Pulumi.yaml")) || !fs.existsSync(file)) return false;
      const tags = (JSON.parse(fs.readFileSync(file, "utf8")) as { tags?: unknown }).tags;
      return Array.isArray(tags) && tags.includes("type:bootstrap");
    });
}

/** Account ids of the roles a plan's AWS providers assume. */
export function assumedAccounts(plan: PlanFile): Set<string> {
  const accounts = new Set<string>();
  for (const r of plan.resources) {
    if (r.type !== "pulumi:providers:aws") continue;
    for (const key of ["assumeRoles", "assumeRole"]) {
      let value = r.inputs[key];
      if (typeof value === "string") {
        try {
          value = JSON.parse(value) as unknown;
        } catch {
          continue;
        }
      }
      for (const role of Array.isArray(value) ? value : [value]) {
        const arn = (role as { roleArn?: unknown } | null)?.roleArn;
        const m = typeof arn === "string" ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn) : null;
        if (m) accounts.add(m[1]!);
      }
    }
  }
  return accounts;
}

/**
 * The plans preflight needs beside a stack's own, sorted as a plan directory is (project, then
 * stack): the stacks its program referenced and the bootstrap stacks of the accounts its providers assume
 * roles in. A plan not yet written is left out (preflight then warns that it cannot evaluate).
 */
export function preflightPlans(
  root: string,
  plan: PlanFile,
  referenced: Iterable<string> = [],
): PlanFile[] {
  const self = `organization/${plan.project}/${plan.stack}`;
  const wanted = new Set([...referenced].filter((n) => QUALIFIED.test(n)));
  const accounts = assumedAccounts(plan);
  // One bootstrap stack per account: read the likely files first (the bootstrap stacks named like
  // this stack and the stacks it references, as the generator names them: an environment assumes
  // roles in its own account and the hub's), and stop once every account is found. A fresh
  // process planning one environment otherwise parses every bootstrap stack file of the estate.
  const likely = [plan.stack, ...[...wanted].map((n) => QUALIFIED.exec(n)![2]!)];
  const rank = (stack: string) => {
    const i = likely.indexOf(stack);
    return i < 0 ? likely.length : i;
  };
  const missing = new Set(accounts);
  for (const dir of bootstrapProjects(root)) {
    const stacks = listStacks(dir).sort((a, b) => rank(a) - rank(b));
    for (const stack of stacks) {
      if (missing.size === 0) break;
      const found = accountOfStackFile(path.join(dir, `Pulumi.${stack}.yaml`));
      if (found && accounts.has(found.accountId)) {
        wanted.add(`organization/${found.project}/${found.stack}`);
        missing.delete(found.accountId);
      }
    }
  }
  wanted.delete(self);
  const dir = path.join(root, PLAN_DIR);
  return [...wanted]
    .map((name) => {
      const [, project, stack] = QUALIFIED.exec(name)!;
      return planFileName(project!, stack!);
    })
    .sort()
    .map((file) => readPlanFile(path.join(dir, file)))
    .filter((p): p is PlanFile => p !== undefined);
}
