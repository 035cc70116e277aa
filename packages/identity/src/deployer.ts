/**
 * The deployer of an account and the ceiling of what it creates (docs/adr/0006-identity-and-bootstrap.md):
 * the deployer may do anything in the services the stacks use, but in IAM only on names in the
 * workload scope (`stack-*`), only on roles that carry the workload boundary, and never on the
 * platform's own identities (`platform-*`): it cannot widen its own rights or anyone else's.
 */
import { WORKLOAD_BOUNDARY_NAME, WORKLOAD_NAME_PREFIX } from "@platform/core";
import type { AccountContext } from "./model";
import { ciDeployRoleName, ciRoleArn, deploymentsInto, roleArn } from "./model";
import {
  ADMIN_AWS_POLICIES,
  ATTACHABLE_AWS_POLICIES,
  BOUNDARY_SERVICES,
  DEPLOY_SERVICES,
} from "./services";
import type { PolicyDocument } from "./statements";
import { assumedByRoles, awsPolicies, doc, iamArn, serviceLinkedRoles } from "./statements";

/** The deployer's IAM scope in this account. */
export function workloadScope(ctx: AccountContext) {
  return {
    roles: iamArn(ctx, "role", `${WORKLOAD_NAME_PREFIX}*`),
    policies: iamArn(ctx, "policy", `${WORKLOAD_NAME_PREFIX}*`),
    boundary: iamArn(ctx, "policy", WORKLOAD_BOUNDARY_NAME),
    platformRoles: iamArn(ctx, "role", "platform-*"),
    platformPolicies: iamArn(ctx, "policy", "platform-*"),
  };
}

/** Trust of the deployer: the CI roles of the GitHub environments that deploy into this account. */
export function deployerTrust(ctx: AccountContext): PolicyDocument {
  const environments = deploymentsInto(ctx.identity, ctx.accountId);
  return assumedByRoles(
    "DeployEnvironments",
    environments.map((e) => ciRoleArn(ctx, ciDeployRoleName(e))),
  );
}

export function deployerServicesPolicy(): PolicyDocument {
  return doc({
    Sid: "DeployedServices",
    Effect: "Allow",
    Action: DEPLOY_SERVICES.map((s) => `${s}:*`),
    Resource: "*",
  });
}

/** IAM for the deployer: only workload-scoped names, only roles with the workload boundary. */
export function deployerIamPolicy(ctx: AccountContext): PolicyDocument {
  const scope = workloadScope(ctx);
  const withBoundary = { StringEquals: { "iam:PermissionsBoundary": scope.boundary } };
  const aws = awsPolicies(ctx);
  return doc(
    {
      Sid: "ManageScopedRolesWithBoundary",
      Effect: "Allow",
      Action: [
        "iam:CreateRole",
        "iam:DeleteRole",
        "iam:PutRolePermissionsBoundary",
        "iam:PutRolePolicy",
        "iam:DeleteRolePolicy",
        "iam:DetachRolePolicy",
        "iam:UpdateAssumeRolePolicy",
        "iam:UpdateRole",
        "iam:UpdateRoleDescription",
      ],
      Resource: scope.roles,
      Condition: withBoundary,
    },
    {
      Sid: "AttachScopedAndServicePolicies",
      Effect: "Allow",
      Action: "iam:AttachRolePolicy",
      Resource: scope.roles,
      Condition: {
        ...withBoundary,
        ArnLike: {
          "iam:PolicyARN": [scope.policies, ...ATTACHABLE_AWS_POLICIES.map((p) => `${aws}/${p}`)],
        },
      },
    },
    {
      Sid: "TagAndPassScopedRoles",
      Effect: "Allow",
      Action: ["iam:TagRole", "iam:UntagRole", "iam:PassRole"],
      Resource: scope.roles,
    },
    {
      Sid: "ReadScopedRoles",
      Effect: "Allow",
      Action: [
        "iam:GetRole",
        "iam:GetRolePolicy",
        "iam:ListRolePolicies",
        "iam:ListAttachedRolePolicies",
        "iam:ListInstanceProfilesForRole",
        "iam:ListRoleTags",
      ],
      Resource: scope.roles,
    },
    {
      Sid: "ManageScopedPolicies",
      Effect: "Allow",
      Action: [
        "iam:CreatePolicy",
        "iam:DeletePolicy",
        "iam:CreatePolicyVersion",
        "iam:DeletePolicyVersion",
        "iam:SetDefaultPolicyVersion",
        "iam:TagPolicy",
        "iam:UntagPolicy",
      ],
      Resource: scope.policies,
    },
    {
      Sid: "ReadPolicies",
      Effect: "Allow",
      Action: [
        "iam:GetPolicy",
        "iam:GetPolicyVersion",
        "iam:ListPolicyVersions",
        "iam:ListPolicyTags",
      ],
      Resource: [scope.policies, `${aws}/*`],
    },
    serviceLinkedRoles(ctx),
  );
}

/**
 * Explicit denies: they hold whatever else is ever attached to the deployer (an explicit deny
 * wins over every allow).
 */
export function deployerGuardrailsPolicy(ctx: AccountContext): PolicyDocument {
  const scope = workloadScope(ctx);
  const aws = awsPolicies(ctx);
  return doc(
    {
      Sid: "DenyPlatformIdentities",
      Effect: "Deny",
      Action: "iam:*",
      Resource: [scope.platformRoles, scope.platformPolicies],
    },
    {
      Sid: "DenyRolesWithoutWorkloadBoundary",
      Effect: "Deny",
      Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"],
      Resource: "*",
      Condition: { StringNotEquals: { "iam:PermissionsBoundary": scope.boundary } },
    },
    {
      Sid: "DenyBoundaryRemoval",
      Effect: "Deny",
      Action: "iam:DeleteRolePermissionsBoundary",
      Resource: "*",
    },
    {
      Sid: "DenyAdministratorPolicies",
      Effect: "Deny",
      Action: "iam:AttachRolePolicy",
      Resource: "*",
      Condition: { ArnLike: { "iam:PolicyARN": ADMIN_AWS_POLICIES.map((p) => `${aws}/${p}`) } },
    },
    {
      Sid: "DenyLongLivedCredentials",
      Effect: "Deny",
      Action: ["iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile"],
      Resource: "*",
    },
  );
}

/** The ceiling of every role the stacks create (the workload permissions boundary). */
export function boundaryPolicy(ctx: AccountContext): PolicyDocument {
  const scope = workloadScope(ctx);
  return doc(
    {
      Sid: "WorkloadServices",
      Effect: "Allow",
      Action: BOUNDARY_SERVICES.map((s) => `${s}:*`),
      Resource: "*",
    },
    serviceLinkedRoles(ctx),
    {
      // Environment Grafana reads the network account's DX/VPN metrics through its read role
      // (@platform/observability network-metrics.ts); that role's trust decides who gets in.
      Sid: "AssumeNetworkWorkloadRoles",
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: roleArn(ctx.partition, ctx.identity.networkAccountId, `${WORKLOAD_NAME_PREFIX}*`),
    },
    {
      Sid: "DenyPlatformIdentities",
      Effect: "Deny",
      Action: ["iam:*", "sts:AssumeRole"],
      Resource: [scope.platformRoles, scope.platformPolicies],
    },
  );
}
