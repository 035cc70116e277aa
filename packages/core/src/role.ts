import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { workloadBoundaryArn, workloadIamName } from "./identity";

export interface ScopedRoleArgs {
  /** Trust policy (JSON text). */
  readonly assumeRolePolicy: pulumi.Input<string>;
  /** The account and region the role lives in (they name the permissions boundary). */
  readonly accountId: string;
  readonly region: string;
  readonly description?: string;
}

/**
 * Every IAM role a stack creates is made here, so the deployer can create it: the name is in the
 * deployer's scope (`stack-<logical name>`, see `workloadIamName`) and the role carries the
 * workload permissions boundary the bootstrap stack created in its account. AWS refuses the
 * deployer any other role (docs/bootstrap/README.md), and the aws-guardrails policy
 * `iam-role-scope` flags one before it is planned.
 *
 * The name is fixed, so a replacement deletes the old role first (`deleteBeforeReplace`).
 */
export function scopedRole(
  name: string,
  args: ScopedRoleArgs,
  opts?: pulumi.CustomResourceOptions,
): aws.iam.Role {
  return new aws.iam.Role(
    name,
    {
      name: workloadIamName(name),
      description: args.description,
      assumeRolePolicy: args.assumeRolePolicy,
      permissionsBoundary: workloadBoundaryArn(args.accountId, args.region),
    },
    { deleteBeforeReplace: true, ...opts },
  );
}

/** The actions a trusted service may call on a role: `sts:AssumeRole`, or a list (with TagSession). */
export type TrustActions = string | readonly string[];

/**
 * A trust policy (JSON text) that lets one AWS service assume the role, optionally only on behalf
 * of a given source (`aws:SourceAccount`/`aws:SourceArn`, the confused-deputy guard in "The confused
 * deputy problem", IAM User Guide).
 */
export function serviceTrustPolicy(
  service: string,
  options: { readonly actions?: TrustActions; readonly condition?: unknown } = {},
): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: options.actions ?? "sts:AssumeRole",
        ...(options.condition === undefined ? {} : { Condition: options.condition }),
      },
    ],
  });
}

export interface ServiceRoleArgs {
  /** The service principal that assumes the role, e.g. `lambda.amazonaws.com`. */
  readonly service: string;
  /** The role's inline policy (JSON text). */
  readonly policy: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
  readonly description?: string;
}

/**
 * A `scopedRole` the service may assume for this account only (`aws:SourceAccount`, the
 * confused-deputy guard), and its inline policy, both named `name`.
 */
export function serviceRole(
  name: string,
  args: ServiceRoleArgs,
  opts?: pulumi.CustomResourceOptions,
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
  const role = scopedRole(
    name,
    {
      accountId: args.accountId,
      region: args.region,
      description: args.description,
      assumeRolePolicy: serviceTrustPolicy(args.service, {
        condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      }),
    },
    opts,
  );
  return {
    role,
    policy: new aws.iam.RolePolicy(name, { role: role.name, policy: args.policy }, opts),
  };
}
