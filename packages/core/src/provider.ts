import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { Environment } from "./environment";
import type { RolePurpose } from "./identity";
import { effectiveRoleArn } from "./identity";

export interface AccountProviderArgs {
  readonly env: Environment;
  /** Tags every taggable resource gets (see `defaultTags`). */
  readonly tags: Record<string, string>;
  /** Session name recorded in CloudTrail; defaults to `pulumi-<env>`. */
  readonly sessionName?: string;
}

/**
 * The AWS provider for one account: assumes the account's role (the deployer, or its read-only
 * counterpart in previews and drift runs: `effectiveRoleArn`), refuses to act on any other account
 * (`allowedAccountIds`) and carries the default tags.
 */
export function accountProvider(
  name: string,
  args: AccountProviderArgs,
  opts?: pulumi.CustomResourceOptions,
): aws.Provider {
  return assumingProvider(
    name,
    {
      accountId: args.env.accountId,
      region: args.env.region,
      roleArn: args.env.roleArn,
      purpose: "account",
      sessionName: args.sessionName ?? `pulumi-${args.env.name}`,
      tags: args.tags,
    },
    opts,
  );
}

export interface NetworkSpokeProviderArgs {
  /** The network account and the hub's region. */
  readonly accountId: string;
  readonly region: string;
  /** The network account's spoke role (`platform-network-spoke`), used as is by `up`. */
  readonly spokeRoleArn: string;
  readonly tags: Record<string, string>;
  readonly sessionName: string;
}

/**
 * The provider an environment stack uses in the network account to accept, associate, propagate
 * and route its attachment. It assumes the spoke role, or the read-only spoke role in previews
 * and drift runs (`effectiveRoleArn` with purpose `network-spoke`).
 */
export function networkSpokeProvider(
  name: string,
  args: NetworkSpokeProviderArgs,
  opts?: pulumi.CustomResourceOptions,
): aws.Provider {
  return assumingProvider(
    name,
    {
      accountId: args.accountId,
      region: args.region,
      roleArn: args.spokeRoleArn,
      purpose: "network-spoke",
      sessionName: args.sessionName,
      tags: args.tags,
    },
    opts,
  );
}

function assumingProvider(
  name: string,
  args: {
    accountId: string;
    region: string;
    roleArn: string;
    purpose: RolePurpose;
    sessionName: string;
    tags: Record<string, string>;
  },
  opts?: pulumi.CustomResourceOptions,
): aws.Provider {
  return new aws.Provider(
    name,
    {
      region: args.region as aws.Region,
      allowedAccountIds: [args.accountId],
      assumeRoles: [
        {
          roleArn: effectiveRoleArn(args.roleArn, process.env, args.purpose),
          sessionName: args.sessionName,
        },
      ],
      defaultTags: { tags: args.tags },
    },
    opts,
  );
}
