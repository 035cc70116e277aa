/**
 * The stack projects of the workspace and their plan order: a project plans after the projects it
 * depends on (project.json `implicitDependencies`, by name or `tag:`, and package.json
 * dependencies that are stack projects), as the Nx `plan` target's `^plan` orders them: the
 * bootstrap and the hub before the environments. Pure functions over that graph assign projects to
 * shards for CI jobs.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface StackProject {
  /** The Nx project (and Pulumi project) name, e.g. platform-dev. */
  readonly name: string;
  /** Folder relative to the workspace root, e.g. stacks/dev. */
  readonly dir: string;
  /** Names of the stack projects it must plan after. */
  readonly dependsOn: readonly string[];
}

/** Every folder under `stacks/` with a Pulumi.yaml and a project.json, with its dependencies. */
export function stackProjects(root: string): StackProject[] {
  const base = path.join(root, "stacks");
  if (!fs.existsSync(base)) return [];
  const found = fs
    .readdirSync(base)
    .sort()
    .map((d) => path.join(base, d))
    .filter(
      (dir) =>
        fs.existsSync(path.join(dir, "Pulumi.yaml")) &&
        fs.existsSync(path.join(dir, "project.json")),
    )
    .map((dir) => {
      const project = readJson(path.join(dir, "project.json")) as {
        name?: string;
        tags?: string[];
        implicitDependencies?: string[];
      };
      const pkg = fs.existsSync(path.join(dir, "package.json"))
        ? (readJson(path.join(dir, "package.json")) as {
            name?: string;
            dependencies?: Record<string, string>;
          })
        : {};
      return {
        name: project.name ?? pkg.name ?? path.basename(dir),
        dir: path.relative(root, dir).split(path.sep).join("/"),
        tags: project.tags ?? [],
        wants: [...(project.implicitDependencies ?? []), ...Object.keys(pkg.dependencies ?? {})],
      };
    });
  return found.map((p) => ({
    name: p.name,
    dir: p.dir,
    dependsOn: [
      ...new Set(
        p.wants.flatMap((w) =>
          w.startsWith("tag:")
            ? found.filter((o) => o.tags.includes(w.slice(4))).map((o) => o.name)
            : found.some((o) => o.name === w)
              ? [w]
              : [],
        ),
      ),
    ]
      .filter((n) => n !== p.name)
      .sort(),
  }));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`);
  }
}

/**
 * Projects in dependency order, grouped in levels: every project of a level depends only on
 * projects of earlier levels (names sorted within a level). Dependencies outside the list are
 * taken as already planned. A cycle is an error naming its projects.
 */
export function planLevels(projects: readonly StackProject[]): StackProject[][] {
  const byName = new Map(projects.map((p) => [p.name, p]));
  const done = new Set<string>();
  const levels: StackProject[][] = [];
  let left = [...projects].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (left.length > 0) {
    const ready = left.filter((p) => p.dependsOn.every((d) => done.has(d) || !byName.has(d)));
    if (ready.length === 0)
      throw new Error(
        `the stack projects depend on each other in a cycle: ${left.map((p) => `${p.name} -> ${p.dependsOn.join(", ")}`).join("; ")}`,
      );
    levels.push(ready);
    for (const p of ready) done.add(p.name);
    left = left.filter((p) => !done.has(p.name));
  }
  return levels;
}

/** Projects in dependency order (the levels, flattened). */
export function planOrder(projects: readonly StackProject[]): StackProject[] {
  return planLevels(projects).flat();
}

export interface Shard {
  readonly index: number;
  /** Projects this shard plans, in dependency order. */
  readonly plans: readonly StackProject[];
  /** Projects planned by other shards whose plan files this shard needs first (download them). */
  readonly needs: readonly string[];
}

/**
 * Assigns every project to exactly one of `count` shards, for a workflow matrix or Nx distributed
 * execution: the shared levels that others depend on (the bootstrap, the hub) go to shard 0 and
 * every other shard waits for shard 0's plan files; the last level's projects (the environments,
 * which nothing depends on) are spread round-robin over all shards in name order, so each shard
 * plans about the same number. With one shard, that shard plans everything in order.
 */
export function shardProjects(projects: readonly StackProject[], count: number): Shard[] {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`shards: expected a whole number of at least 1, got ${count}`);
  const levels = planLevels(projects);
  const depended = new Set(projects.flatMap((p) => p.dependsOn));
  // The leaves: projects no other project depends on; everything else is shared and goes first.
  const leaves = levels.flat().filter((p) => !depended.has(p.name));
  const shared = levels.flat().filter((p) => depended.has(p.name));
  const buckets: StackProject[][] = Array.from({ length: count }, (_, i) =>
    i === 0 ? [...shared] : [],
  );
  leaves.forEach((p, i) => buckets[count === 1 ? 0 : i % count]!.push(p));
  const onShard = new Map<string, number>();
  buckets.forEach((b, i) => b.forEach((p) => onShard.set(p.name, i)));
  return buckets.map((plans, index) => ({
    index,
    plans,
    needs: [
      ...new Set(
        plans.flatMap((p) => p.dependsOn.filter((d) => onShard.has(d) && onShard.get(d) !== index)),
      ),
    ].sort(),
  }));
}
