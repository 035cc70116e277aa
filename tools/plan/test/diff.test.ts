import * as assert from "node:assert/strict";
import { changedPaths, diffMarkdown, diffPlans } from "../src";
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
