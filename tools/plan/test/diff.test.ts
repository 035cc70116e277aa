import * as assert from "node:assert/strict";
import { changedPaths, COMMENT_LIMIT, diffMarkdown, diffPlans } from "../src";
import type { PlanFile, PlannedResource } from "../src";

function res(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  protect = false,
): PlannedResource {
  return {
    urn: `urn:pulumi:dev::p::${type}::${name}`,
    type,
    name,
    inputs,
    dependencies: [],
    propertyDependencies: {},
    custom: true,
    protect,
    retainOnDelete: false,
  };
}
function plan(resources: PlannedResource[], stack = "dev"): PlanFile {
  return {
    project: "p",
    stack,
    resources,
    outputs: {},
    preflight: [],
    policyViolations: [],
    errors: [],
  };
}

describe("plan diff", () => {
  it("lists changed input paths, nested and in arrays", () => {
    assert.deepEqual(
      changedPaths({ a: 1, b: { c: [1, 2], d: "x" } }, { a: 1, b: { c: [1, 3], d: "x", e: true } }),
      ["b.c[1]", "b.e"],
    );
  });

  it("classifies create, update, replace and delete", () => {
    const before = plan([
      res("aws:ec2/subnet:Subnet", "a", { cidrBlock: "10.0.0.0/24", tags: { Name: "a" } }),
      res("aws:ec2/subnet:Subnet", "b", { cidrBlock: "10.0.1.0/24", tags: { Name: "b" } }),
      res("aws:sns/topic:Topic", "gone", {}),
    ]);
    const after = plan([
      res("aws:ec2/subnet:Subnet", "a", { cidrBlock: "10.0.0.0/24", tags: { Name: "a2" } }),
      res("aws:ec2/subnet:Subnet", "b", { cidrBlock: "10.0.2.0/24", tags: { Name: "b" } }),
      res("aws:sns/topic:Topic", "new", {}),
    ]);
    const [d] = diffPlans([before], [after]);
    assert.equal(d!.status, "changed");
    assert.deepEqual(
      d!.changes.map((c) => [c.kind, c.name, c.paths.join(",")]),
      [
        ["update", "a", "tags.Name"],
        ["replace", "b", "cidrBlock"],
        ["create", "new", ""],
        ["delete", "gone", ""],
      ],
    );
    const md = diffMarkdown([d!], "main");
    assert.match(md, /### p\/dev \(changed\): \+1 ~1 \+-1 -1/);
    assert.match(md, /\*\*1 replacement\(s\)\*\*/);
    assert.match(md, /\| \+- replace \| `aws:ec2\/subnet:Subnet` \| b \| `cidrBlock` \|/);
  });

  it("reports a dropped protect flag as a change", () => {
    const [d] = diffPlans(
      [plan([res("aws:kms/key:Key", "k", {}, true)])],
      [plan([res("aws:kms/key:Key", "k", {}, false)])],
    );
    assert.deepEqual(
      d!.changes.map((c) => [c.kind, c.paths]),
      [["update", ["[protect]"]]],
    );
  });

  it("marks stacks that exist on one side only, and says when nothing changed", () => {
    const diffs = diffPlans([plan([], "old")], [plan([], "new")]);
    assert.deepEqual(
      diffs.map((d) => [d.stack, d.status]),
      [
        ["p/new", "added"],
        ["p/old", "removed"],
      ],
    );
    assert.match(
      diffMarkdown(diffPlans([plan([])], [plan([])]), "main"),
      /No resource changes in any stack\./,
    );
  });
});

describe("plan diff at estate scale (51 stacks)", () => {
  /** 51 stacks of 200 resources; `changed` of them gain, lose and change resources. */
  function estate(changed: number, paths = 3): { base: PlanFile[]; head: PlanFile[] } {
    const base: PlanFile[] = [];
    const head: PlanFile[] = [];
    for (let s = 0; s < 51; s++) {
      const stack = `env${String(s).padStart(2, "0")}`;
      const resources = Array.from({ length: 200 }, (_, i) =>
        res("aws:ec2/subnet:Subnet", `subnet-${i}`, { cidrBlock: `10.${s}.${i}.0/24`, tags: {} }),
      );
      base.push(plan(resources, stack));
      if (s >= changed) {
        head.push(plan(resources, stack));
        continue;
      }
      const tags = Object.fromEntries(Array.from({ length: paths }, (_, k) => [`k${k}`, "v"]));
      head.push({
        ...plan(
          [
            ...resources.slice(1).map((r) => ({ ...r, inputs: { ...r.inputs, tags } })),
            res("aws:sns/topic:Topic", "new", {}),
          ],
          stack,
        ),
        ...(s === 0 ? { errors: ["p/env00: boom"] } : {}),
        ...(s === 1
          ? {
              preflight: [
                {
                  rule: "aws-flow-log-options",
                  severity: "error" as const,
                  urn: "urn:pulumi:env01::p::aws:ec2/flowLog:FlowLog::tgw",
                  message: "refused",
                  source: "https://docs.aws.amazon.com/",
                },
              ],
            }
          : {}),
      });
    }
    return { base, head };
  }

  it("leads with the summary, details each changed stack, folds the unchanged ones", () => {
    const { base, head } = estate(3);
    const md = diffMarkdown(diffPlans(base, head), "main", { failedInvariants: 0 });
    const lines = md.split("\n");
    assert.equal(
      lines[2],
      "**3 of 51 stacks change** (0 added, 0 removed, 3 changed): +3 ~597 +-0 -3 resources",
    );
    assert.match(md, /- Stacks failing to plan: 1 \(p\/env00\)/);
    assert.match(md, /- Preflight: 1 errors in 1 stacks, 0 warnings, 0 waived; 1 new/);
    assert.match(md, /- Policies: 0 mandatory violations in 0 stacks, 0 advisory/);
    assert.match(md, /- Network verification: 0 failed invariants/);
    assert.match(md, /\| p\/env00 \| changed \| 1 \| 199 \| 0 \| 1 \| 1 \| 0 \| 0 \|/);
    assert.ok(md.indexOf("- Stacks failing") < md.indexOf("### Preflight"));
    assert.ok(md.indexOf("### Preflight") < md.indexOf("### p/env00 (changed)"));
    assert.match(md, /<details>\n<summary>48 unchanged stacks<\/summary>\n\n- p\/env03\n/);
    assert.ok(!md.includes("Truncated"));
  });

  it("stays within GitHub's comment limit, with a note naming the full report", () => {
    const { base, head } = estate(51, 8);
    const diffs = diffPlans(base, head);
    const full = diffMarkdown(diffs, "main");
    assert.ok(full.length > COMMENT_LIMIT, `the full report is ${full.length} characters`);
    const md = diffMarkdown(diffs, "main", {
      limit: COMMENT_LIMIT,
      fullReport: "`diff-full.md` in this run's `offline-plan` artifact",
    });
    assert.ok(md.length <= COMMENT_LIMIT, `${md.length} characters`);
    assert.match(md, /^\*\*51 of 51 stacks change\*\*/m);
    assert.match(
      md,
      /> \*\*Truncated\*\*: \d+ section\(s\) left out to stay within 65,536 characters \(GitHub's comment limit\); the full report is `diff-full\.md` in this run's `offline-plan` artifact\.\n$/,
    );
    assert.match(md, /\.\.\. and 101 more changes \(full report\)\./);
    // The summary table lists every stack even when details are left out.
    assert.equal((md.match(/^\| p\/env\d\d \| changed \|/gm) ?? []).length, 51);
  });
});
