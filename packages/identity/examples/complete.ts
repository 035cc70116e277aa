/**
 * The tooling account: the Pulumi backend (state bucket, access-log bucket, state and secrets
 * keys), GitHub's OIDC provider with one CI role per deploying GitHub environment plus the preview
 * and drift roles, and the account's read-only roles. Options that matter here: previews confined
 * to a GitHub environment with reviewers (`previewEnvironment`), an immutable subject prefix, a
 * deploy branch other than main, longer CI sessions and a shorter state recovery window.
 */
import {
  accountContext,
  AccountIdentity,
  GithubCi,
  identityProblems,
  identitySchema,
  SECRETS_KEY_ALIAS,
  StateBackend,
} from "../src";

export default function complete() {
  const identity = identitySchema.parse({
    github: {
      repository: "example-org/aws-platform",
      subjectPrefix: "repo:example-org@1001/aws-platform@2002",
      deployBranch: "release",
    },
    toolingAccountId: "600000000006",
    networkAccountId: "100000000001",
    stateBucket: "example-org-pulumi-state",
    deployments: {
      network: { accountId: "100000000001" },
      dev: { accountId: "200000000002", networkSpoke: true },
      prod: { accountId: "400000000004", networkSpoke: true },
    },
    ciSessionSeconds: 21600,
    previewEnvironment: "preview-reviewed",
  });
  const problems = identityProblems(identity);
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join("; "));
  const context = accountContext(identity, "600000000006", "eu-west-1");
  const account = new AccountIdentity("identity", { context });
  const state = new StateBackend("state", { context, noncurrentVersionDays: 90 });
  const ci = new GithubCi("ci", { context, state });
  return {
    readOnlyRoles: Object.keys(account.roles),
    backendUrl: `s3://${identity.stateBucket}?region=eu-west-1&awssdk=v2`,
    secretsProvider: `awskms://${SECRETS_KEY_ALIAS}?region=eu-west-1`,
    ciRoleArns: Object.fromEntries(
      Object.entries(ci.roles).map(([name, role]) => [name, role.arn]),
    ),
  };
}
