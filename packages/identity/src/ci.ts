/**
 * The CI roles of the tooling account, which GitHub Actions workflows assume with their OIDC
 * token: their trust (deploy roles only for a job of their GitHub environment on the deploy branch,
 * by the `ref` and `sub` conditions; the preview role only for pull requests) and their
 * permissions on the Pulumi state, its keys and the account roles they may assume; and the policy
 * of those keys.
 */
import { PLATFORM_ROLES } from "@platform/core";
import type { AccountContext } from "./model";
import {
  CI_DRIFT_ROLE,
  CI_PREVIEW_ROLE,
  ciDeployRoleName,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  githubProviderArn,
  organisationAccounts,
  projectOf,
  roleArn,
} from "./model";
import type { IdentityConfig } from "./schema";
import type { PolicyDocument, Statement } from "./statements";
import { doc } from "./statements";

export type CiRole =
  { kind: "deploy"; environment: string } | { kind: "preview" } | { kind: "drift" };

export function ciRoleName(role: CiRole): string {
  return role.kind === "deploy"
    ? ciDeployRoleName(role.environment)
    : role.kind === "preview"
      ? CI_PREVIEW_ROLE
      : CI_DRIFT_ROLE;
}

export function ciRoles(identity: IdentityConfig): CiRole[] {
  return [
    ...Object.keys(identity.deployments)
      .sort()
      .map((environment) => ({ kind: "deploy" as const, environment })),
    { kind: "preview" },
    { kind: "drift" },
  ];
}

/** What a GitHub job's OIDC token says, as the trust policies test it. */
export function subjectPrefix(identity: IdentityConfig): string {
  return identity.github.subjectPrefix ?? `repo:${identity.github.repository}`;
}

/**
 * Trust of a CI role: GitHub's OIDC tokens for this repository, audience sts.amazonaws.com, and
 * - deploy: a job in the role's GitHub environment (`sub` ...:environment:<env>) on the deploy
 *   branch (`ref` refs/heads/main): a `workflow_dispatch` from another branch is refused;
 * - preview: a pull-request job (`sub` ...:pull_request), or a job in `previewEnvironment`;
 * - drift: a job on the deploy branch without an environment (`sub` ...:ref:refs/heads/main).
 */
export function ciTrust(ctx: AccountContext, role: CiRole): PolicyDocument {
  const prefix = subjectPrefix(ctx.identity);
  const branch = `refs/heads/${ctx.identity.github.deployBranch}`;
  const key = (claim: string) => `${GITHUB_OIDC_HOST}:${claim}`;
  const base: Record<string, string> = { [key("aud")]: GITHUB_OIDC_AUDIENCE };
  let conditions: Record<string, string>;
  if (role.kind === "deploy") {
    conditions = {
      ...base,
      [key("sub")]: `${prefix}:environment:${role.environment}`,
      [key("environment")]: role.environment,
      [key("ref")]: branch,
    };
  } else if (role.kind === "preview") {
    const environment = ctx.identity.previewEnvironment;
    conditions = environment
      ? {
          ...base,
          [key("sub")]: `${prefix}:environment:${environment}`,
          [key("environment")]: environment,
        }
      : { ...base, [key("sub")]: `${prefix}:pull_request` };
  } else {
    conditions = { ...base, [key("sub")]: `${prefix}:ref:${branch}`, [key("ref")]: branch };
  }
  return doc({
    Sid: "GitHubActions",
    Effect: "Allow",
    Principal: { Federated: githubProviderArn(ctx) },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: conditions },
  });
}

/** The state bucket and the keys, as the stack knows them once they exist. */
export interface StateRefs {
  readonly bucketArn: string;
  readonly stateKeyArn: string;
  readonly secretsKeyArn: string;
}

/** Pulumi's self-managed backend layout: `.pulumi/<kind>/<project>/...` (locks by full name). */
function stateObjects(bucketArn: string, project: string): string[] {
  return [
    ...["stacks", "history", "backups", "journal"].map(
      (k) => `${bucketArn}/.pulumi/${k}/${project}/*`,
    ),
    `${bucketArn}/.pulumi/locks/organization/${project}/*`,
  ];
}

/**
 * Permissions of a CI role: the state (a deploy role writes only its project's objects and reads
 * the hub's, previews and drift read), the keys (state through S3 only; secrets: deploy roles
 * encrypt and decrypt, the others decrypt), and which account roles it may assume.
 */
export function ciPermissions(ctx: AccountContext, role: CiRole, refs: StateRefs): PolicyDocument {
  const accounts = organisationAccounts(ctx.identity);
  const network = ctx.identity.networkAccountId;
  const arn = (account: string, name: string) => roleArn(ctx.partition, account, name);
  const viaS3 = { StringEquals: { "kms:ViaService": `s3.${ctx.region}.amazonaws.com` } };
  const list: Statement = {
    Sid: "ListState",
    Effect: "Allow",
    Action: "s3:ListBucket",
    Resource: refs.bucketArn,
  };
  if (role.kind === "deploy") {
    const project = projectOf(role.environment);
    const deployment = ctx.identity.deployments[role.environment]!;
    return doc(
      list,
      {
        Sid: "WriteOwnState",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        Resource: stateObjects(refs.bucketArn, project),
      },
      {
        Sid: "ReadBackendAndHubState",
        Effect: "Allow",
        Action: "s3:GetObject",
        Resource: [
          `${refs.bucketArn}/.pulumi/meta.yaml`,
          `${refs.bucketArn}/.pulumi/stacks/${projectOf("network")}/*`,
        ],
      },
      {
        Sid: "StateKeyThroughS3",
        Effect: "Allow",
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: refs.stateKeyArn,
        Condition: viaS3,
      },
      {
        Sid: "StackSecrets",
        Effect: "Allow",
        Action: ["kms:Encrypt", "kms:Decrypt"],
        Resource: refs.secretsKeyArn,
      },
      {
        Sid: "AssumeDeployRoles",
        Effect: "Allow",
        Action: "sts:AssumeRole",
        Resource: [
          arn(deployment.accountId, PLATFORM_ROLES.deployer),
          ...(deployment.networkSpoke ? [arn(network, PLATFORM_ROLES.networkSpoke)] : []),
        ],
      },
    );
  }
  const readOnlyRole = role.kind === "preview" ? PLATFORM_ROLES.previewer : PLATFORM_ROLES.drift;
  return doc(
    list,
    {
      Sid: "ReadState",
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: [`${refs.bucketArn}/.pulumi/meta.yaml`, `${refs.bucketArn}/.pulumi/stacks/*`],
    },
    {
      Sid: "StateKeyThroughS3",
      Effect: "Allow",
      Action: "kms:Decrypt",
      Resource: refs.stateKeyArn,
      Condition: viaS3,
    },
    { Sid: "StackSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: refs.secretsKeyArn },
    {
      Sid: "AssumeReadOnlyRoles",
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: [
        ...accounts.map((a) => arn(a, readOnlyRole)),
        arn(network, PLATFORM_ROLES.networkSpokeReadOnly),
      ],
    },
  );
}

/**
 * Policy of the state and secrets keys: the account administers them and IAM policies grant their
 * use (KMS honours IAM policies only when the key policy delegates to the account). Who may use
 * them is then decided by the CI roles' policies (`ciPermissions`).
 */
export function keyPolicy(ctx: AccountContext): PolicyDocument {
  return doc({
    Sid: "AccountAdministersKeyThroughIam",
    Effect: "Allow",
    Principal: { AWS: `arn:${ctx.partition}:iam::${ctx.accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  });
}
