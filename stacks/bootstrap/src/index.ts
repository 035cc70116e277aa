import { accountProvider, defaultTags } from "@platform/core";
import {
  accountContext,
  AccountIdentity,
  GithubCi,
  isTooling,
  SECRETS_KEY_ALIAS,
  StateBackend,
} from "@platform/identity";
import { config } from "./config";

const env = config.account;
const context = accountContext(config.identity, env.accountId, env.region);
const provider = accountProvider("bootstrap-account", { env, tags: defaultTags(env, config.tags) });

// Every account: the deployer (where a GitHub environment deploys), previewer and drift roles,
// the workload permissions boundary, and in the network account the spoke roles.
const identity = new AccountIdentity("identity", { context }, { provider });

// The tooling account also holds the Pulumi backend and the roles GitHub Actions assume.
const tooling = isTooling(context)
  ? (() => {
      const state = new StateBackend(
        "state",
        { context, noncurrentVersionDays: config.state.noncurrentVersionDays },
        { provider },
      );
      const ci = new GithubCi("ci", { context, state }, { provider });
      return { state, ci };
    })()
  : undefined;

// Outputs: the roles of this account; in the tooling account also what the workflows and
// `pulumi login` / `stack init` need.
export = {
  accountId: env.accountId,
  roleArns: Object.fromEntries(
    Object.entries(identity.roles).map(([name, role]) => [name, role.arn]),
  ),
  ...(tooling
    ? {
        /** `pulumi login` URL of the self-managed backend. */
        backendUrl: `s3://${config.identity.stateBucket}?region=${env.region}&awssdk=v2`,
        /** `--secrets-provider` of every stack (`pulumi stack init`, `change-secrets-provider`). */
        secretsProvider: `awskms://${SECRETS_KEY_ALIAS}?region=${env.region}`,
        /** DEPLOY_ROLE_ARN per GitHub environment, PREVIEW_ROLE_ARN, DRIFT_ROLE_ARN. */
        ciRoleArns: Object.fromEntries(
          Object.entries(tooling.ci.roles).map(([name, role]) => [name, role.arn]),
        ),
      }
    : {}),
};
