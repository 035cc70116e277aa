import * as assert from "node:assert/strict";
import { z } from "zod";
import {
  configErrors,
  defaultTags,
  duplicates,
  loadStackConfig,
  LOG_RETENTION_DAYS,
  logRetentionDaysSchema,
  PLATFORM_TAG_KEYS,
  tagsSchema,
  ConfigError,
} from "../src";

const source = (values: Record<string, unknown>) => ({
  project: "platform-dev",
  stack: "dev",
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, JSON.stringify(v)])),
  secretKeys: new Set<string>(),
});

function problems(schema: z.ZodType, values: Record<string, unknown>): string[] {
  try {
    loadStackConfig(schema, { source: source(values) });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return [...err.problems];
  }
  return [];
}

describe("configErrors", () => {
  it("reports several problems in the stack file's one-line format", () => {
    const error = configErrors(
      [
        { path: ["network", "segment"], value: "prod", message: "is a prod segment" },
        { path: ["eks", "nodeGroups", 1, "name"], value: "general", message: "is used twice" },
      ],
      { project: "platform-dev", stack: "dev" },
    );
    assert.deepEqual(error.problems, [
      'Pulumi.dev.yaml: platform-dev:network.segment = "prod": is a prod segment',
      'Pulumi.dev.yaml: platform-dev:eks.nodeGroups[1].name = "general": is used twice',
    ]);
  });
});

describe("duplicates", () => {
  it("returns each repeat with the index of the first occurrence", () => {
    assert.deepEqual(duplicates(["a", "b", "a", "a"]), [
      { index: 2, first: 0, value: "a" },
      { index: 3, first: 0, value: "a" },
    ]);
    assert.deepEqual(
      duplicates([{ n: 1 }, { n: 2 }], (v) => v.n),
      [],
    );
  });
});

describe("logRetentionDaysSchema", () => {
  const schema = z.strictObject({ logs: logRetentionDaysSchema });
  it("accepts every retention CloudWatch Logs offers", () => {
    for (const days of LOG_RETENTION_DAYS)
      assert.deepEqual(problems(schema, { "platform-dev:logs": days }), []);
  });
  it("rejects a retention CloudWatch Logs does not offer, listing the ones it does", () => {
    assert.deepEqual(problems(schema, { "platform-dev:logs": 42 }), [
      `Pulumi.dev.yaml: platform-dev:logs = 42: is not a retention CloudWatch Logs accepts; use one of ${LOG_RETENTION_DAYS.join(", ")}`,
    ]);
  });
});

describe("tagsSchema", () => {
  const schema = z.strictObject({ tags: tagsSchema });
  const tags = { owner: "platform-team", costCentre: "CC-1" };
  const check = (extra: Record<string, string>) =>
    problems(schema, { "platform-dev:tags": { ...tags, extra } });

  it("accepts tags AWS accepts", () => {
    assert.deepEqual(check({ Project: "landing zone", "team:email": "a+b@example.com" }), []);
  });
  it("rejects an extra tag that would override one the platform sets", () => {
    assert.deepEqual(check({ Environment: "prod" }), [
      'Pulumi.dev.yaml: platform-dev:tags.extra.Environment = "prod": Environment is set by the platform on every resource; remove it from extra',
    ]);
  });
  it("rejects the reserved aws: prefix and characters AWS does not allow", () => {
    assert.deepEqual(check({ "aws:owner": "x", "cost#centre": "y", Ok: "a;b" }), [
      'Pulumi.dev.yaml: platform-dev:tags.extra.aws:owner = "aws:owner": the aws: prefix is reserved for AWS; rename the tag',
      'Pulumi.dev.yaml: platform-dev:tags.extra.cost#centre = "cost#centre": is not a valid tag key; use 1-128 letters, digits, spaces or _ . : / = + - @',
      'Pulumi.dev.yaml: platform-dev:tags.extra.Ok = "a;b": is not a valid tag value; use at most 256 letters, digits, spaces or _ . : / = + - @',
    ]);
  });
  it("rejects more extra tags than fit beside the platform's under AWS's 50-tag limit", () => {
    const many = Object.fromEntries(Array.from({ length: 46 }, (_, i) => [`t${i}`, "v"]));
    assert.deepEqual(check(many), [
      "Pulumi.dev.yaml: platform-dev:tags.extra = 46: is more than 45 tags; AWS allows 50 per resource and the platform sets 5 of them",
    ]);
  });
  it("keeps the platform's tags even when extra names them (config validation rejects that first)", () => {
    const env = {
      name: "dev",
      accountId: "111111111111",
      region: "eu-west-1",
      roleArn: "arn:aws:iam::111111111111:role/r",
      tier: "nonprod" as const,
    };
    assert.equal(
      defaultTags(env, { ...tags, extra: { Environment: "spoofed" } }).Environment,
      "dev",
    );
  });
  it("names exactly the keys defaultTags sets", () => {
    const env = {
      name: "dev",
      accountId: "111111111111",
      region: "eu-west-1",
      roleArn: "arn:aws:iam::111111111111:role/r",
      tier: "nonprod" as const,
    };
    assert.deepEqual(Object.keys(defaultTags(env, tags)).sort(), [...PLATFORM_TAG_KEYS].sort());
  });
});
