import { accountProvider, defaultTags } from "@platform/core";
import { config } from "./config";

const env = config.account;
const provider = accountProvider("network-account", { env, tags: defaultTags(env, config.tags) });

export const accountId = env.accountId;
export const region = env.region;
export const providerUrn = provider.urn;
