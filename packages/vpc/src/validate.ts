/**
 * The VPC's checks across values, pure: each returns `Problem[]` (path relative to the VPC's
 * config block). `vpcSchema` runs them in its `superRefine`, so a stack reports them against its
 * own key (`vpc`, `sharedServices.vpc`) before any resource exists; the `Vpc` constructor runs the
 * NAT rule again for programs that build the component without the schema.
 */
import { cidrProblem } from "@platform/core";
import type { Problem } from "@platform/core";
import { planProblems } from "./planner";
import type { VpcConfig } from "./schema";

/** NAT gateways are created in the public subnets, so a NAT strategy needs a public tier. */
export function natProblems(vpc: Pick<VpcConfig, "natStrategy" | "tiers">): Problem[] {
  if (vpc.natStrategy === "none" || vpc.tiers.some((t) => t.name === "public")) return [];
  return [
    {
      path: ["natStrategy"],
      value: vpc.natStrategy,
      message: "NAT gateways live in the public tier; add a public tier or use none",
    },
  ];
}

/**
 * The subnet plan: the AZ count fits the AZ slots, and every tier's subnets fit their slots (the
 * planner's own reasons, see planner.ts). Skipped when the CIDR itself is invalid: the `cidr`
 * field reports that.
 */
export function layoutProblems(
  vpc: Pick<VpcConfig, "cidr" | "azCount" | "azSlots" | "tiers">,
): Problem[] {
  if (cidrProblem(vpc.cidr)) return [];
  if (vpc.azCount > vpc.azSlots) {
    return [
      {
        path: ["azCount"],
        value: vpc.azCount,
        message: `exceeds azSlots (${vpc.azSlots}); raise azSlots only when creating a VPC`,
      },
    ];
  }
  const tiers = vpc.tiers.map((t) => `${t.name}/${t.prefixLength}`);
  return planProblems({
    vpcCidr: vpc.cidr,
    azSlots: vpc.azSlots,
    azCount: vpc.azCount,
    tiers: vpc.tiers,
  }).map((message) => ({ path: ["tiers"], value: tiers, message }));
}

/** Every problem with a VPC's config that its fields alone cannot show. */
export function vpcProblems(vpc: VpcConfig): Problem[] {
  return [...natProblems(vpc), ...layoutProblems(vpc)];
}
