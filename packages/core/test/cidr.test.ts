import * as assert from "node:assert/strict";
import {
  cidrContains,
  cidrProblem,
  cidrsOverlap,
  findOverlaps,
  formatCidr,
  parseCidr,
} from "../src";

describe("cidr", () => {
  it("parses and formats network CIDRs", () => {
    assert.deepEqual(parseCidr("10.16.0.0/16"), { base: 0x0a100000, prefix: 16 });
    assert.equal(formatCidr(parseCidr("192.168.4.0/22")), "192.168.4.0/22");
    assert.equal(formatCidr(parseCidr("0.0.0.0/0")), "0.0.0.0/0");
  });

  it("explains malformed CIDRs", () => {
    assert.equal(cidrProblem("10.0.0.0/33"), "is not an IPv4 CIDR in a.b.c.d/n form");
    assert.equal(cidrProblem("10.0.0/16"), "is not an IPv4 CIDR in a.b.c.d/n form");
    assert.equal(cidrProblem("10.0.0.1/16"), "has host bits set (the network is 10.0.0.0/16)");
    assert.throws(() => parseCidr("banana"), /"banana" is not an IPv4 CIDR/);
  });

  it("tests containment and overlap", () => {
    assert.ok(cidrContains(parseCidr("10.0.0.0/8"), parseCidr("10.1.0.0/16")));
    assert.ok(!cidrContains(parseCidr("10.1.0.0/16"), parseCidr("10.0.0.0/8")));
    assert.ok(cidrsOverlap(parseCidr("10.0.0.0/8"), parseCidr("10.1.0.0/16")));
    assert.ok(!cidrsOverlap(parseCidr("10.0.0.0/16"), parseCidr("10.1.0.0/16")));
  });

  it("finds every overlapping pair and only those", () => {
    const pairs = findOverlaps([
      { label: "a", cidr: "10.0.0.0/16" },
      { label: "b", cidr: "10.1.0.0/16" },
      { label: "c", cidr: "10.0.128.0/17" },
      { label: "d", cidr: "10.0.0.0/8" },
    ]);
    const names = pairs.map(([x, y]) => [x.label, y.label].sort().join("-")).sort();
    assert.deepEqual(names, ["a-c", "a-d", "b-d", "c-d"]);
  });

  it("agrees with a brute-force overlap check on random inputs", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 50; round++) {
      const entries = Array.from({ length: 20 }, (_, i) => {
        const prefix = 8 + Math.floor(rand() * 17);
        const base = Math.floor((rand() * 2 ** 32) / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
        return { label: String(i), cidr: formatCidr({ base, prefix }) };
      });
      const expected = new Set<string>();
      for (let i = 0; i < entries.length; i++)
        for (let j = i + 1; j < entries.length; j++)
          if (cidrsOverlap(parseCidr(entries[i]!.cidr), parseCidr(entries[j]!.cidr)))
            expected.add(`${i}-${j}`);
      const got = new Set(
        findOverlaps(entries).map(([x, y]) =>
          [Number(x.label), Number(y.label)].sort((p, q) => p - q).join("-"),
        ),
      );
      assert.deepEqual(got, expected);
    }
  });
});
