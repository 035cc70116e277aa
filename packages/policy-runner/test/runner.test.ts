import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { Policies } from "@pulumi/policy";
import { evaluatePack, linkResources, resolvePack } from "../src";
import type { CapturedResource } from "../src";

const bucket = (name: string, inputs: Record<string, unknown> = {}): CapturedResource => ({
  urn: `urn:pulumi:dev::p::aws:s3/bucket:Bucket::${name}`,
  type: "aws:s3/bucket:Bucket",
  name,
  inputs,
  dependencies: [],
});

const policies: Policies = [
  {
    name: "bucket-named",
    description: "buckets have a bucket name",
    enforcementLevel: "advisory",
    configSchema: { properties: { prefix: { type: "string", default: "org-" } } },
    validateResource: validateResourceOfType(aws.s3.Bucket, (b, args, report) => {
      const { prefix } = args.getConfig<{ prefix: string }>();
      if (!String(b.bucket ?? "").startsWith(prefix))
        report(`bucket name must start with ${prefix}`);
    }),
  },
  {
    name: "count-buckets",
    description: "stack policy",
    validateStack: (args, report) => {
      const n = args.resources.filter((r) => r.type === "aws:s3/bucket:Bucket").length;
      if (n > 1) report(`${n} buckets`);
    },
  },
];
const pack = { name: "test-pack", policies, enforcementLevel: "mandatory" as const };

describe("policy runner", () => {
  it("applies per-policy config over all over the policy's level over the pack default", () => {
    const level = (config: Record<string, unknown>) =>
      resolvePack(pack, config as never).map((r) => `${r.policy.name}=${r.level}`);
    assert.deepEqual(level({}), ["bucket-named=advisory", "count-buckets=mandatory"]);
    assert.deepEqual(level({ all: "disabled" }), [
      "bucket-named=disabled",
      "count-buckets=disabled",
    ]);
    assert.deepEqual(level({ all: "disabled", "bucket-named": "mandatory" }), [
      "bucket-named=mandatory",
      "count-buckets=disabled",
    ]);
    assert.deepEqual(
      level({ all: "advisory", "count-buckets": { enforcementLevel: "mandatory" } }),
      ["bucket-named=advisory", "count-buckets=mandatory"],
    );
  });

  it("fills config-schema defaults and lets config override them", async () => {
    const findings = await evaluatePack(pack, [bucket("a", { bucket: "team-a" })]);
    assert.deepEqual(
      findings.map((f) => f.message),
      ["bucket name must start with org-"],
    );
    const overridden = await evaluatePack(pack, [bucket("a", { bucket: "team-a" })], {
      "bucket-named": { prefix: "team-" },
    });
    assert.deepEqual(overridden, []);
  });

  it("rejects config for a policy the pack does not have", () => {
    assert.throws(
      () => resolvePack(pack, { "buckt-named": "mandatory" }),
      /names policies the pack does not have: buckt-named/,
    );
  });

  it("skips other types through notApplicable, and skips disabled policies", async () => {
    const topic: CapturedResource = {
      urn: "urn:pulumi:dev::p::aws:sns/topic:Topic::t",
      type: "aws:sns/topic:Topic",
      name: "t",
      inputs: {},
      dependencies: [],
    };
    assert.deepEqual(await evaluatePack(pack, [topic]), []);
    assert.deepEqual(await evaluatePack(pack, [bucket("a"), bucket("b")], { all: "disabled" }), []);
  });

  it("turns a read of an unknown value into an advisory can't-run message", async () => {
    const findings = await evaluatePack(pack, [bucket("a", { bucket: "[unknown]" })], {
      "bucket-named": "mandatory",
    });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.level, "advisory");
    assert.match(findings[0]!.message, /^can't run policy 'bucket-named' during preview: /);
  });

  it("reports stack findings at the policy's level with remediate counted as mandatory", async () => {
    const findings = await evaluatePack(
      pack,
      [bucket("a", { bucket: "org-a" }), bucket("b", { bucket: "org-b" })],
      { "count-buckets": "remediate" },
    );
    assert.deepEqual(findings, [
      {
        pack: "test-pack",
        policy: "count-buckets",
        level: "mandatory",
        message: "2 buckets",
        urn: undefined,
      },
    ]);
  });

  it("links parents, dependencies and property dependencies for stack policies", () => {
    const parent: CapturedResource = {
      urn: "urn:c",
      type: "x:index:C",
      name: "c",
      inputs: {},
      dependencies: [],
    };
    const b = { ...bucket("a"), parent: "urn:c" };
    const policy: CapturedResource = {
      urn: "urn:p",
      type: "aws:s3/bucketPolicy:BucketPolicy",
      name: "p",
      inputs: {},
      dependencies: [b.urn],
      propertyDependencies: { bucket: [b.urn] },
    };
    const [, linkedBucket, linkedPolicy] = linkResources([parent, b, policy]);
    assert.equal(linkedBucket!.parent?.urn, "urn:c");
    assert.equal(linkedPolicy!.dependencies[0], linkedBucket);
    assert.equal(linkedPolicy!.propertyDependencies["bucket"]![0], linkedBucket);
  });
});
