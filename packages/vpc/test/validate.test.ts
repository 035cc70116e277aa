import * as assert from "node:assert/strict";
import { layoutProblems, natProblems } from "../src";

const tiers = [
  { name: "private", prefixLength: 20 },
  { name: "transit", prefixLength: 28 },
] as const;

describe("VPC validators", () => {
  it("natProblems names natStrategy, its value and the fix; none needs no public tier", () => {
    assert.deepEqual(natProblems({ natStrategy: "single", tiers: [...tiers] }), [
      {
        path: ["natStrategy"],
        value: "single",
        message: "NAT gateways live in the public tier; add a public tier or use none",
      },
    ]);
    assert.deepEqual(natProblems({ natStrategy: "none", tiers: [...tiers] }), []);
  });

  it("layoutProblems reports an AZ count beyond the slots, and a tier that does not fit, under its key", () => {
    const vpc = { cidr: "10.8.0.0/16", azCount: 2, azSlots: 2 as const, tiers: [...tiers] };
    assert.deepEqual(layoutProblems(vpc), []);
    assert.deepEqual(layoutProblems({ ...vpc, azCount: 3 }), [
      {
        path: ["azCount"],
        value: 3,
        message: "exceeds azSlots (2); raise azSlots only when creating a VPC",
      },
    ]);
    const [tooBig] = layoutProblems({ ...vpc, tiers: [{ name: "private", prefixLength: 17 }] });
    assert.deepEqual([tooBig?.path, tooBig?.value], [["tiers"], ["private/17"]]);
    assert.match(tooBig?.message ?? "", /needs \/17 subnets .* use \/18 or smaller/);
  });

  it("leaves an invalid CIDR to the cidr field", () => {
    assert.deepEqual(
      layoutProblems({ cidr: "10.8.0.0/33", azCount: 9, azSlots: 2, tiers: [] }),
      [],
    );
  });
});
