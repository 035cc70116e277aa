import type { Environment, OrganisationTags } from "./environment";

/** Marker every resource carries so drift tooling can tell platform-managed resources apart. */
export const MANAGED_BY = "pulumi-platform";

/**
 * Default tags applied on the AWS provider (so every taggable resource gets them without code).
 * Environment-specific keys win over `extra`, so a typo in extra cannot relabel an environment.
 */
export function defaultTags(env: Environment, tags: OrganisationTags): Record<string, string> {
  return {
    ...(tags.extra ?? {}),
    Environment: env.name,
    Tier: env.tier,
    Owner: tags.owner,
    CostCentre: tags.costCentre,
    ManagedBy: MANAGED_BY,
  };
}
