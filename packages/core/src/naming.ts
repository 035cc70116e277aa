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

/**
 * A physical-name prefix for resources whose names are global or account-wide (buckets, roles):
 * `<org>-<env>-<component>`; the result is lower case and at most `max` characters.
 */
export function physicalName(parts: readonly string[], max = 63): string {
  const name = parts
    .filter((part) => part.length > 0)
    .join("-")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "-");
  if (name.length > max) {
    throw new Error(`name "${name}" is ${name.length} characters; the limit here is ${max}`);
  }
  return name;
}
