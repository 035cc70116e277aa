/**
 * The platform's roles in one workload account: the deployer (the `dev` GitHub environment deploys
 * here), the previewer and drift roles, and the workload permissions boundary. The bootstrap stack
 * of every account that is neither tooling nor network is this program.
 */
import { accountContext, AccountIdentity, identitySchema } from "../src";

export default function simple() {
  const identity = identitySchema.parse({
    github: { repository: "example-org/aws-platform" },
    toolingAccountId: "600000000006",
    networkAccountId: "100000000001",
    stateBucket: "example-org-pulumi-state",
    deployments: {
      network: { accountId: "100000000001" },
      dev: { accountId: "200000000002", networkSpoke: true },
    },
  });
  const context = accountContext(identity, "200000000002", "eu-west-1");
  const account = new AccountIdentity("identity", { context });
  return {
    roleArns: Object.fromEntries(
      Object.entries(account.roles).map(([name, role]) => [name, role.arn]),
    ),
  };
}
