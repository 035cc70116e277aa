import { identitySchema } from "../src";

/** A small organisation: tooling, a network account that also deploys, one spoke environment. */
export const identity = identitySchema.parse({
  github: { repository: "org/repo" },
  toolingAccountId: "600000000006",
  networkAccountId: "100000000001",
  stateBucket: "org-pulumi-state",
  deployments: {
    network: { accountId: "100000000001" },
    dev: { accountId: "200000000002", networkSpoke: true },
  },
});
