/**
 * The identity model of the organisation, as the bootstrap stack of every account reads it: the
 * GitHub repository whose workflows deploy, the tooling account (state, OIDC, CI roles), the network
 * account, and which GitHub environment deploys into which account.
 */
import { accountIdSchema, nameSchema, PLATFORM_ROLES, partitionOf } from "@platform/core";
import { z } from "zod";

/** GitHub's OIDC issuer host: the provider URL and the prefix of its condition keys. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience configure-aws-credentials requests. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** CI role names in the tooling account. */
export const CI_ROLE_PREFIX = "platform-ci-";
export const CI_PREVIEW_ROLE = `${CI_ROLE_PREFIX}preview`;
export const CI_DRIFT_ROLE = `${CI_ROLE_PREFIX}drift`;

/** Longest `up` the CI roles' sessions must outlast (4 h; AWS allows 1-12 h). */
export const DEFAULT_CI_SESSION_SECONDS = 14400;

const RESERVED_DEPLOYMENTS = ["preview", "drift"];

export const identitySchema = z.strictObject({
  github: z.strictObject({
    /** `owner/name` of the repository whose workflows deploy. */
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
      error: "expected the repository as owner/name, e.g. example-org/aws-platform",
    }),
    /**
     * What GitHub puts before `:environment:...` in the token subject: `repo:owner/name` by
     * default; the value `gh api repos/<owner>/<name>/actions/oidc/customization/sub` reports
     * as `sub_claim_prefix` when the repository uses immutable subjects.
     */
    subjectPrefix: z
      .string()
      .regex(/^repo:\S+$/, {
        error: "expected the subject prefix GitHub reports, e.g. repo:org/repo",
      })
      .optional(),
    /** The only branch that deploys. */
    deployBranch: z
      .string()
      .regex(/^[\w./-]+$/, { error: "expected a branch name such as main" })
      .default("main"),
  }),
  /** Account with the state bucket, the keys, the GitHub OIDC provider and the CI roles. */
  toolingAccountId: accountIdSchema,
  /** Account with the Transit Gateway hub (spoke roles). */
  networkAccountId: accountIdSchema,
  /** The Pulumi state bucket (globally unique). */
  stateBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    error: "expected an S3 bucket name: 3-63 lower-case letters, digits, dots or hyphens",
  }),
  /** GitHub environment -> the account it deploys (one Pulumi project, platform-<environment>). */
  deployments: z.record(
    nameSchema,
    z.strictObject({
      accountId: accountIdSchema,
      /** The environment's stack attaches to the hub through the network account's spoke role. */
      networkSpoke: z.boolean().default(false),
    }),
  ),
  /** Session length of the CI roles (MaxSessionDuration): the workflows' role-duration-seconds. */
  ciSessionSeconds: z
    .number({ error: "expected seconds, e.g. 14400" })
    .int({ error: "expected whole seconds" })
    .min(3600, { error: "must be at least 3600 (1 h), AWS's minimum" })
    .max(43200, { error: "must be at most 43200 (12 h), AWS's maximum" })
    .default(DEFAULT_CI_SESSION_SECONDS),
  /**
   * When set, PR previews must run in this GitHub environment (give it required reviewers), and
   * the preview role trusts only its jobs: for previews of stacks with secrets.
   */
  previewEnvironment: nameSchema.optional(),
});

export type IdentityConfig = z.infer<typeof identitySchema>;

/** Problems across keys, as zod issues (path under the identity block). */
export function identityProblems(
  identity: IdentityConfig,
): Array<{ path: (string | number)[]; value: unknown; message: string }> {
  const problems: Array<{ path: (string | number)[]; value: unknown; message: string }> = [];
  for (const name of Object.keys(identity.deployments)) {
    if (RESERVED_DEPLOYMENTS.includes(name)) {
      problems.push({
        path: ["deployments", name],
        value: name,
        message: `is reserved for the ${name} CI role; name the GitHub environment differently`,
      });
    }
  }
  if (identity.deployments[identity.previewEnvironment ?? ""]) {
    problems.push({
      path: ["previewEnvironment"],
      value: identity.previewEnvironment,
      message: "is a deployment environment; previews need an environment of their own",
    });
  }
  if (Object.keys(identity.deployments).length === 0) {
    problems.push({
      path: ["deployments"],
      value: identity.deployments,
      message:
        "expected at least one GitHub environment that deploys, e.g. network: { accountId: ... }",
    });
  }
  return problems;
}

/** Where one bootstrap stack runs and what it must create there. */
export interface AccountContext {
  readonly identity: IdentityConfig;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
}

export function accountContext(
  identity: IdentityConfig,
  accountId: string,
  region: string,
): AccountContext {
  return { identity, accountId, region, partition: partitionOf(region) };
}

/** Every account the platform uses: tooling, network and the deployments' accounts. */
export function organisationAccounts(identity: IdentityConfig): string[] {
  return [
    ...new Set([
      identity.toolingAccountId,
      identity.networkAccountId,
      ...Object.values(identity.deployments).map((d) => d.accountId),
    ]),
  ].sort();
}

/** GitHub environments that deploy into an account. */
export function deploymentsInto(identity: IdentityConfig, accountId: string): string[] {
  return Object.entries(identity.deployments)
    .filter(([, d]) => d.accountId === accountId)
    .map(([name]) => name)
    .sort();
}

export function isTooling(ctx: AccountContext): boolean {
  return ctx.accountId === ctx.identity.toolingAccountId;
}

export function isNetwork(ctx: AccountContext): boolean {
  return ctx.accountId === ctx.identity.networkAccountId;
}

export function roleArn(partition: string, accountId: string, name: string): string {
  return `arn:${partition}:iam::${accountId}:role/${name}`;
}

export function ciRoleArn(ctx: AccountContext, name: string): string {
  return roleArn(ctx.partition, ctx.identity.toolingAccountId, name);
}

export function ciDeployRoleName(environment: string): string {
  return `${CI_ROLE_PREFIX}${environment}`;
}

export function githubProviderArn(ctx: AccountContext): string {
  return `arn:${ctx.partition}:iam::${ctx.identity.toolingAccountId}:oidc-provider/${GITHUB_OIDC_HOST}`;
}

/** The Pulumi project an environment deploys: platform-<environment>. */
export function projectOf(environment: string): string {
  return `platform-${environment}`;
}

export { PLATFORM_ROLES };
