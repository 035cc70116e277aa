/**
 * The building blocks of every IAM document this package writes: the document and statement
 * shapes, and the statements several role families share (a role assumed by other roles, the
 * service-linked roles the deployed services create). Property order is the order IAM shows.
 */
import type { AccountContext } from "./model";
import { SERVICE_LINKED_ROLES } from "./services";

export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: unknown;
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly Statement[];
}

export const doc = (...Statement: Statement[]): PolicyDocument => ({
  Version: "2012-10-17",
  Statement,
});

/** A role or customer managed policy of this account, by name (or name pattern). */
export const iamArn = (ctx: AccountContext, kind: "role" | "policy", name: string) =>
  `arn:${ctx.partition}:iam::${ctx.accountId}:${kind}/${name}`;

/** AWS managed policies of this partition (`arn:aws:iam::aws:policy`). */
export const awsPolicies = (ctx: AccountContext) => `arn:${ctx.partition}:iam::aws:policy`;

/** A trust policy: the given roles (ARNs) may assume the role. */
export function assumedByRoles(Sid: string, roles: string | readonly string[]): PolicyDocument {
  return doc({ Sid, Effect: "Allow", Principal: { AWS: roles }, Action: "sts:AssumeRole" });
}

/** The service-linked roles AWS creates on first use of the deployed services, and no other. */
export function serviceLinkedRoles(ctx: AccountContext): Statement {
  return {
    Sid: "ServiceLinkedRoles",
    Effect: "Allow",
    Action: "iam:CreateServiceLinkedRole",
    Resource: iamArn(ctx, "role", "aws-service-role/*"),
    Condition: { StringEquals: { "iam:AWSServiceName": SERVICE_LINKED_ROLES } },
  };
}
