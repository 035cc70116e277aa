import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "./environment";

export interface AccountProviderArgs {
  readonly env: Environment;
  /** Tags every taggable resource gets (see `defaultTags`). */
  readonly tags: Record<string, string>;
  /** Session name recorded in CloudTrail; defaults to `pulumi-<env>`. */
  readonly sessionName?: string;
}

/** Environment variable that swaps the role name every provider assumes (read-only previews). */
export const ROLE_NAME_OVERRIDE = "PLATFORM_ASSUME_ROLE_NAME";

/**
 * The role to assume: `roleArn`, or the same account's role named by PLATFORM_ASSUME_ROLE_NAME
 * when that is set (PR previews set it to the read-only role, so PR code never gets write access).
 */
export function effectiveRoleArn(roleArn: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = env[ROLE_NAME_OVERRIDE];
  if (!name) return roleArn;
  if (!/^[\w+=,.@-]{1,64}$/.test(name))
    throw new Error(`${ROLE_NAME_OVERRIDE}="${name}" is not an IAM role name`);
  return roleArn.replace(/:role\/.*$/, `:role/${name}`);
}

/**
 * The AWS provider for one account: assumes the account's role, refuses to act on any other
 * account (`allowedAccountIds`) and carries the default tags.
 */
export function accountProvider(
  name: string,
  args: AccountProviderArgs,
  opts?: pulumi.CustomResourceOptions,
): aws.Provider {
  return new aws.Provider(
    name,
    {
      region: args.env.region as aws.Region,
      allowedAccountIds: [args.env.accountId],
      assumeRoles: [
        { roleArn: args.env.roleArn, sessionName: args.sessionName ?? `pulumi-${args.env.name}` },
      ],
      defaultTags: { tags: args.tags },
    },
    opts,
  );
}
