import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planLevels, planOrder, shardProjects, stackProjects } from "../src/graph";
import type { StackProject } from "../src/graph";

/** An estate: the bootstrap, the hub (after the bootstrap), n environments after both. */
function estate(n: number): StackProject[] {
  const envs = Array.from({ length: n }, (_, i) => ({
    name: `platform-env${String(i).padStart(3, "0")}`,
    dir: `stacks/env${i}`,
    dependsOn: ["platform-bootstrap", "platform-network"],
  }));
  return [
    ...envs,
    { name: "platform-network", dir: "stacks/network", dependsOn: ["platform-bootstrap"] },
    { name: "platform-bootstrap", dir: "stacks/bootstrap", dependsOn: [] },
  ];
}

describe("plan order and shards", () => {
  it("orders the bootstrap, then the hub, then the environments", () => {
    const levels = planLevels(estate(3)).map((l) => l.map((p) => p.name));
    assert.deepEqual(levels, [
      ["platform-bootstrap"],
      ["platform-network"],
      ["platform-env000", "platform-env001", "platform-env002"],
    ]);
  });

  it("refuses a cycle, naming the projects", () => {
    assert.throws(
      () =>
        planOrder([
          { name: "a", dir: "a", dependsOn: ["b"] },
          { name: "b", dir: "b", dependsOn: ["a"] },
        ]),
      /cycle: a -> b; b -> a/,
    );
  });

  for (const [n, count] of [
    [0, 1],
    [3, 1],
    [3, 4],
    [50, 4],
    [96, 7],
    [5, 8],
  ] as const) {
    it(`${n} environments over ${count} shards: each stack in exactly one shard, dependencies first`, () => {
      const projects = estate(n);
      const shards = shardProjects(projects, count);
      assert.equal(shards.length, count);
      const all = shards.flatMap((s) => s.plans.map((p) => p.name)).sort();
      assert.deepEqual(all, projects.map((p) => p.name).sort(), "every stack exactly once");
      for (const shard of shards) {
        const planned = new Set<string>();
        for (const p of shard.plans) {
          for (const d of p.dependsOn)
            assert.ok(
              planned.has(d) || shard.needs.includes(d),
              `${p.name} on shard ${shard.index} plans after ${d} or downloads its plan`,
            );
          planned.add(p.name);
        }
        // What a shard needs is planned by an earlier shard (shard 0), never by a later one.
        for (const need of shard.needs)
          assert.ok(shards[0]!.plans.some((p) => p.name === need) && shard.index > 0);
      }
      const sizes = shards.map((s) => s.plans.length - (s.index === 0 ? 2 : 0));
      if (n > 0)
        assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `balanced: ${sizes.join(",")}`);
    });
  }

  it("refuses a shard count that is not a whole number of at least 1", () => {
    assert.throws(() => shardProjects(estate(2), 0), /at least 1/);
  });

  it("reads the projects under stacks/: implicit dependencies by name and by tag", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-graph-"));
    const project = (dir: string, json: object, pulumi = true) => {
      fs.mkdirSync(path.join(root, "stacks", dir), { recursive: true });
      fs.writeFileSync(path.join(root, "stacks", dir, "project.json"), JSON.stringify(json));
      if (pulumi) fs.writeFileSync(path.join(root, "stacks", dir, "Pulumi.yaml"), `name: ${dir}\n`);
    };
    project("boot", { name: "boot", tags: ["type:bootstrap"] });
    project("hub", { name: "hub", implicitDependencies: ["tag:type:bootstrap"] });
    project("env", { name: "env", implicitDependencies: ["hub", "boot", "tag:type:policy-pack"] });
    project("half-made", { name: "half-made" }, false);
    assert.deepEqual(
      planOrder(stackProjects(root)).map((p) => [p.name, p.dir, p.dependsOn]),
      [
        ["boot", "stacks/boot", []],
        ["hub", "stacks/hub", ["boot"]],
        ["env", "stacks/env", ["boot", "hub"]],
      ],
    );
  });
});
