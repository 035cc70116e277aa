import * as assert from "node:assert/strict";
import fc from "fast-check";
import { cidrContains, cidrsOverlap, parseCidr } from "@platform/core";
import { planProblems, planSubnets, slotPrefix, TIER_KINDS } from "../src";
import type { PlannedSubnet, SubnetPlanInput, TierSpec } from "../src";

const key = (s: PlannedSubnet) => `${s.tier}/${s.azIndex}`;
const asMap = (subnets: PlannedSubnet[]) => new Map(subnets.map((s) => [key(s), s.cidr]));

/** Random plans that fit: a VPC, a slot count, an AZ count, and tiers sized to fit their slots. */
const fittingPlan = fc
  .record({
    prefix: fc.integer({ min: 16, max: 22 }),
    octets: fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })),
    azSlotsLog: fc.integer({ min: 1, max: 3 }),
    order: fc.shuffledSubarray([...TIER_KINDS], { minLength: 1, maxLength: 4 }),
    slack: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }),
    azFraction: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ prefix, octets, azSlotsLog, order, slack, azFraction }) => {
    const base = (10 * 2 ** 24 + octets[0] * 2 ** 16 + octets[1] * 2 ** 8) >>> 0;
    const aligned = base - (base % 2 ** (32 - prefix));
    const vpcCidr = `${[24, 16, 8, 0].map((s) => Math.floor(aligned / 2 ** s) % 256).join(".")}/${prefix}`;
    const azSlots = 2 ** azSlotsLog;
    const tiers: TierSpec[] = order
      .map((name, i) => ({ name, prefixLength: slotPrefix(prefix, azSlots, i) + slack[i]! }))
      .filter((t) => t.prefixLength <= 28);
    const azCount = Math.max(1, Math.ceil(azFraction * azSlots));
    return { vpcCidr, azSlots, azCount, tiers } satisfies SubnetPlanInput;
  })
  .filter((p) => p.tiers.length > 0);

describe("subnet planner", () => {
  it("lays out the documented default plan", () => {
    const subnets = planSubnets({
      vpcCidr: "10.16.0.0/16",
      azSlots: 4,
      azCount: 3,
      tiers: [
        { name: "private", prefixLength: 19 },
        { name: "public", prefixLength: 22 },
        { name: "data", prefixLength: 23 },
        { name: "transit", prefixLength: 28 },
      ],
    });
    assert.deepEqual(
      subnets.map((s) => `${s.tier}-${s.azIndex}=${s.cidr}`),
      [
        "private-0=10.16.0.0/19",
        "private-1=10.16.32.0/19",
        "private-2=10.16.64.0/19",
        "public-0=10.16.128.0/22",
        "public-1=10.16.144.0/22",
        "public-2=10.16.160.0/22",
        "data-0=10.16.192.0/23",
        "data-1=10.16.200.0/23",
        "data-2=10.16.208.0/23",
        "transit-0=10.16.224.0/28",
        "transit-1=10.16.228.0/28",
        "transit-2=10.16.232.0/28",
      ],
    );
  });

  it("property: subnets are inside the VPC, aligned, disjoint and deterministic", () => {
    fc.assert(
      fc.property(fittingPlan, (plan) => {
        const subnets = planSubnets(plan);
        assert.equal(subnets.length, plan.tiers.length * plan.azCount);
        const vpc = parseCidr(plan.vpcCidr);
        const parsed = subnets.map((s) => parseCidr(s.cidr)); // parseCidr rejects unaligned blocks
        for (const p of parsed) assert.ok(cidrContains(vpc, p));
        for (let i = 0; i < parsed.length; i++)
          for (let j = i + 1; j < parsed.length; j++)
            assert.ok(
              !cidrsOverlap(parsed[i]!, parsed[j]!),
              `${subnets[i]!.cidr} overlaps ${subnets[j]!.cidr}`,
            );
        assert.deepEqual(planSubnets(plan), subnets);
      }),
      { numRuns: 500 },
    );
  });

  it("property: adding an AZ never renumbers an existing subnet", () => {
    fc.assert(
      fc.property(
        fittingPlan.filter((p) => p.azCount < p.azSlots),
        (plan) => {
          const before = asMap(planSubnets(plan));
          const after = asMap(planSubnets({ ...plan, azCount: plan.azCount + 1 }));
          for (const [k, cidr] of before) assert.equal(after.get(k), cidr, k);
          assert.equal(after.size, before.size + plan.tiers.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: appending a tier never renumbers an existing subnet", () => {
    fc.assert(
      fc.property(
        fittingPlan.filter(
          (p) =>
            p.tiers.length < 4 &&
            slotPrefix(parseCidr(p.vpcCidr).prefix, p.azSlots, p.tiers.length) <= 28,
        ),
        (plan) => {
          const unused = TIER_KINDS.find((t) => !plan.tiers.some((x) => x.name === t))!;
          const prefixLength = slotPrefix(
            parseCidr(plan.vpcCidr).prefix,
            plan.azSlots,
            plan.tiers.length,
          );
          const before = asMap(planSubnets(plan));
          const after = asMap(
            planSubnets({ ...plan, tiers: [...plan.tiers, { name: unused, prefixLength }] }),
          );
          for (const [k, cidr] of before) assert.equal(after.get(k), cidr, k);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: raising a tier's size where it fits changes only that tier's subnets", () => {
    fc.assert(
      fc.property(fittingPlan, fc.nat(), (plan, pick) => {
        const index = pick % plan.tiers.length;
        const tier = plan.tiers[index]!;
        const slot = slotPrefix(parseCidr(plan.vpcCidr).prefix, plan.azSlots, index);
        fc.pre(tier.prefixLength > slot);
        const grown = plan.tiers.map((t, i) =>
          i === index ? { ...t, prefixLength: t.prefixLength - 1 } : t,
        );
        const before = planSubnets(plan);
        const after = asMap(planSubnets({ ...plan, tiers: grown }));
        for (const s of before)
          if (s.tier !== tier.name) assert.equal(after.get(key(s)), s.cidr, key(s));
      }),
      { numRuns: 500 },
    );
  });

  it("rejects a plan that does not fit, saying how much space is missing", () => {
    assert.throws(
      () =>
        planSubnets({
          vpcCidr: "10.16.0.0/20",
          azSlots: 4,
          azCount: 3,
          tiers: [
            { name: "private", prefixLength: 22 },
            { name: "public", prefixLength: 24 },
            { name: "data", prefixLength: 23 },
          ],
        }),
      {
        message:
          "subnet plan for 10.16.0.0/20 does not fit:\n" +
          "  tier private (position 1) needs /22 subnets (1024 addresses) but its slot per AZ in 10.16.0.0/20 is /23 (512 addresses): " +
          "512 addresses missing per AZ; use /23 or smaller, move the tier up the list, or use a larger VPC CIDR\n" +
          "  tier data (position 3) needs /23 subnets (512 addresses) but its slot per AZ in 10.16.0.0/20 is /25 (128 addresses): " +
          "384 addresses missing per AZ; use /25 or smaller, move the tier up the list, or use a larger VPC CIDR",
      },
    );
  });

  it("names each other problem: AZ count, slot count, duplicate tier, size limits", () => {
    assert.deepEqual(planProblems({ vpcCidr: "10.0.0.0/16", azSlots: 3, azCount: 1, tiers: [] }), [
      "azSlots 3 is not a power of two; use 2, 4 or 8",
    ]);
    assert.deepEqual(
      planProblems({
        vpcCidr: "10.0.0.0/16",
        azSlots: 2,
        azCount: 3,
        tiers: [
          { name: "private", prefixLength: 20 },
          { name: "private", prefixLength: 20 },
          { name: "data", prefixLength: 29 },
        ],
      }),
      [
        "azCount 3 must be between 1 and azSlots (2)",
        "tier private is listed twice; each tier appears once",
        "tier data: /29 is outside the subnet sizes AWS allows (/16 to /28)",
      ],
    );
  });
});
