/**
 * Names and ARNs derived from the identity model (schema.ts), and the account one bootstrap stack
 * runs in: the CI roles' names, GitHub's OIDC provider, which account is which.
 */
import { PLATFORM_ROLES, partitionOf } from "@platform/core";
import type { IdentityConfig } from "./schema";

/** GitHub's OIDC issuer host: the provider URL and the prefix of its condition keys. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience configure-aws-credentials requests. */
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";

/** CI role names in the tooling account. */
export const CI_ROLE_PREFIX = "platform-ci-";
export const CI_PREVIEW_ROLE = `${CI_ROLE_PREFIX}preview`;
export const CI_DRIFT_ROLE = `${CI_ROLE_PREFIX}drift`;

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

/** The state bucket's access-log bucket (S3 server access logs of the state). */
export function logBucketName(identity: IdentityConfig): string {
  return `${identity.stateBucket}-logs`;
}

export { PLATFORM_ROLES };
