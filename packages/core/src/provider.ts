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
