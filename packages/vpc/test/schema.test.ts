import * as assert from "node:assert/strict";
import { vpcSchema } from "../src";

const vpc = {
  cidr: "10.8.0.0/16",
  azCount: 2,
  natStrategy: "single",
  tiers: [
    { name: "private", prefixLength: 20 },
    { name: "public", prefixLength: 24 },
    { name: "transit", prefixLength: 28 },
  ],
  flowLogs: { destination: "cloudwatch", retentionInDays: 365 },
};

const issues = (value: unknown) =>
  (vpcSchema.safeParse(value).error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("vpcSchema", () => {
  it("accepts a plan that fits, with defaults", () => {
    const parsed = vpcSchema.parse(vpc);
    assert.equal(parsed.azSlots, 4);
    assert.equal(parsed.interfaceEndpoints, true);
  });

  it("rejects a NAT strategy without a public tier before any resource exists", () => {
    assert.deepEqual(issues({ ...vpc, tiers: vpc.tiers.filter((t) => t.name !== "public") }), [
      "natStrategy: NAT gateways live in the public tier; add a public tier or use none",
    ]);
    assert.deepEqual(
      issues({ ...vpc, natStrategy: "none", tiers: vpc.tiers.filter((t) => t.name !== "public") }),
      [],
    );
  });

  it("rejects a tier that does not fit its slot, saying what to change", () => {
    assert.match(
      issues({ ...vpc, tiers: [{ name: "private", prefixLength: 17 }, ...vpc.tiers.slice(1)] })[0]!,
      /^tiers: tier private \(position 1\) needs \/17 subnets/,
    );
  });
});
