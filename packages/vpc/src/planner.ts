/**
 * The subnet planner: a pure function from (VPC CIDR, AZ slots, AZ count, tier list) to one CIDR
 * per tier and AZ. Every position depends only on the tier's index in the list and the AZ's
 * index, never on the other tiers' sizes or on how many AZs are used:
 *
 *   - tier k owns the k-th region of a geometric split of the VPC: tier 0 the first half,
 *     tier 1 the next quarter, tier 2 the next eighth, ... (so put the largest tier first);
 *   - each region is cut into `azSlots` equal slots, and the subnet of AZ i starts at slot i.
 *
 * So adding an AZ (up to `azSlots`) or appending a tier adds subnets without moving any, and
 * raising a tier's size only changes that tier's subnets (a subnet's CIDR cannot change in place
 * in AWS), as long as the new size fits its slot. `azSlots` and the tier order are fixed for a
 * VPC's life: changing either renumbers subnets, and the planner cannot know the old values.
 */
import { cidrSize, formatCidr, parseCidr } from "@platform/core";

export const TIER_KINDS = ["public", "private", "data", "transit"] as const;
export type TierKind = (typeof TIER_KINDS)[number];

export interface TierSpec {
  readonly name: TierKind;
  /** Prefix length of each subnet of the tier, e.g. 24 for /24. */
  readonly prefixLength: number;
}

export interface SubnetPlanInput {
  readonly vpcCidr: string;
  /** AZ slots reserved per tier: a power of two, at least `azCount`. Fixed for the VPC's life. */
  readonly azSlots: number;
  readonly azCount: number;
  readonly tiers: readonly TierSpec[];
}

export interface PlannedSubnet {
  readonly tier: TierKind;
  readonly azIndex: number;
  readonly cidr: string;
}

/** AWS limits for subnet sizes: /16 to /28. */
export const MIN_SUBNET_PREFIX = 16;
export const MAX_SUBNET_PREFIX = 28;

/** The prefix length of one AZ slot of tier `index` in a VPC of `vpcPrefix` with `azSlots`. */
export function slotPrefix(vpcPrefix: number, azSlots: number, index: number): number {
  return vpcPrefix + (index + 1) + Math.log2(azSlots);
}

/** Every reason the plan cannot be laid out; empty when it can. */
export function planProblems(input: SubnetPlanInput): string[] {
  const problems: string[] = [];
  const vpc = parseCidr(input.vpcCidr);
  if (!Number.isInteger(Math.log2(input.azSlots)) || input.azSlots < 1) {
    problems.push(`azSlots ${input.azSlots} is not a power of two; use 2, 4 or 8`);
    return problems;
  }
  if (input.azCount < 1 || input.azCount > input.azSlots) {
    problems.push(`azCount ${input.azCount} must be between 1 and azSlots (${input.azSlots})`);
  }
  const seen = new Set<string>();
  input.tiers.forEach((tier, index) => {
    if (seen.has(tier.name))
      problems.push(`tier ${tier.name} is listed twice; each tier appears once`);
    seen.add(tier.name);
    if (tier.prefixLength < MIN_SUBNET_PREFIX || tier.prefixLength > MAX_SUBNET_PREFIX) {
      problems.push(
        `tier ${tier.name}: /${tier.prefixLength} is outside the subnet sizes AWS allows (/16 to /28)`,
      );
      return;
    }
    const slot = slotPrefix(vpc.prefix, input.azSlots, index);
    if (tier.prefixLength < slot) {
      const needed = 2 ** (32 - tier.prefixLength);
      const available = slot > 32 ? 0 : 2 ** (32 - slot);
      problems.push(
        `tier ${tier.name} (position ${index + 1}) needs /${tier.prefixLength} subnets (${needed} addresses) but its ` +
          `slot per AZ in ${input.vpcCidr} is ${slot > 32 ? "empty" : `/${slot} (${available} addresses)`}: ` +
          `${needed - available} addresses missing per AZ; use /${Math.min(slot, 32)} or smaller, move the tier up the list, ` +
          `or use a larger VPC CIDR`,
      );
    }
  });
  return problems;
}

export function planSubnets(input: SubnetPlanInput): PlannedSubnet[] {
  const problems = planProblems(input);
  if (problems.length > 0)
    throw new Error(`subnet plan for ${input.vpcCidr} does not fit:\n  ${problems.join("\n  ")}`);
  const vpc = parseCidr(input.vpcCidr);
  const size = cidrSize(vpc);
  const subnets: PlannedSubnet[] = [];
  input.tiers.forEach((tier, index) => {
    // Region k starts after regions 0..k-1: size * (1 - 2^-k).
    const regionBase = vpc.base + size - size / 2 ** index;
    const slotSize = 2 ** (32 - slotPrefix(vpc.prefix, input.azSlots, index));
    for (let az = 0; az < input.azCount; az++) {
      subnets.push({
        tier: tier.name,
        azIndex: az,
        cidr: formatCidr({ base: regionBase + az * slotSize, prefix: tier.prefixLength }),
      });
    }
  });
  return subnets;
}
