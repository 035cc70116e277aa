/**
 * Routing of the shared-services VPC, pure: the VPC lives in the network account inside one of the
 * address plan's shared-services ranges, reaches on-premises and every environment's allocation
 * through the Transit Gateway, and stands for its whole range in summarising tables (hybrid), as
 * an environment stands for its allocation.
 */
import { cidrContains, parseCidr } from "@platform/core";

export interface SharedServicesRouting {
  /** The shared-services range holding the VPC: its static route in summarising tables. */
  readonly summaryCidr: string;
  /** What the VPC's route tables send to the Transit Gateway: on-premises and every environment. */
  readonly destinations: readonly string[];
}

export function sharedServicesRouting(
  addressPlan: {
    readonly onPremises: readonly string[];
    readonly sharedServices: readonly string[];
    readonly environments: Readonly<Record<string, { readonly cidr: string }>>;
  },
  vpcCidr: string,
): SharedServicesRouting {
  const summaryCidr = addressPlan.sharedServices.find((r) =>
    cidrContains(parseCidr(r), parseCidr(vpcCidr)),
  );
  if (!summaryCidr)
    throw new Error(
      `shared-services VPC ${vpcCidr} is outside the address plan's shared-services ranges (${addressPlan.sharedServices.join(", ")})`,
    );
  return {
    summaryCidr,
    destinations: [
      ...addressPlan.onPremises,
      ...Object.values(addressPlan.environments).map((e) => e.cidr),
    ],
  };
}
