import { accountProvider, defaultTags } from "@platform/core";
import type { LoadedConfig } from "@platform/core";
import type { environmentStackSchema } from "./schema";

export type EnvironmentConfig = LoadedConfig<typeof environmentStackSchema>;

/**
 * Everything an environment account gets, composed from the platform's components. The stack
 * programs of dev, test, prod (and any generated environment) call only this.
 */
export function deployEnvironment(config: EnvironmentConfig) {
  const env = config.account;
  const provider = accountProvider(`${env.name}-account`, {
    env,
    tags: defaultTags(env, config.tags),
  });
  return {
    accountId: env.accountId,
    region: env.region,
    tier: env.tier,
    providerUrn: provider.urn,
  };
}
