/** IAM roles, policies and OIDC providers; KMS keys and aliases. */
import { known } from "../../context";
import type { PlanResource } from "../../types";
import { inputOr, sar } from "./shared";
import type { ActionsTable } from "./shared";

const IAM = sar("AWS Identity and Access Management (IAM)");
const KMS = sar("AWS Key Management Service");

/**
 * `iam:PermissionsBoundary` of a request on a role: the boundary the call sets (CreateRole), or the
 * one the planned role carries (PutRolePolicy, AttachRolePolicy, ... on an existing role). The
 * deployer's policy allows role changes only under the workload boundary, so without the key every
 * such call would be refused. Source: IAM User Guide, "IAM and AWS STS condition context keys",
 * iam:PermissionsBoundary (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PermissionsBoundary).
 */
function boundaryOfRole(
  r: PlanResource,
  resources: readonly PlanResource[],
): Record<string, string> | undefined {
  const own = r.inputs["permissionsBoundary"];
  if (r.type === "aws:iam/role:Role")
    return known(own) ? { "iam:PermissionsBoundary": String(own) } : undefined;
  const roleName = r.inputs["role"];
  if (!known(roleName)) return undefined;
  const role = resources.find(
    (x) => x.type === "aws:iam/role:Role" && x.inputs["name"] === String(roleName),
  );
  const boundary = role?.inputs["permissionsBoundary"];
  const policyArn = r.inputs["policyArn"];
  const context = {
    ...(known(boundary) ? { "iam:PermissionsBoundary": String(boundary) } : {}),
    // AttachRolePolicy also names the policy attached (iam:PolicyARN).
    ...(known(policyArn) ? { "iam:PolicyARN": String(policyArn) } : {}),
  };
  return Object.keys(context).length ? context : undefined;
}

export const IDENTITY_ACTIONS: ActionsTable = {
  "aws:iam/role:Role": {
    context: boundaryOfRole,
    source: IAM,
    create: ["iam:CreateRole", "iam:TagRole"],
    update: ["iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole"],
    read: ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
    arn: (r, at) => `arn:aws:iam::${at.account}:role${inputOr(r, "path", "/")}${at.name}`,
  },
  "aws:iam/policy:Policy": {
    source: IAM,
    create: ["iam:CreatePolicy", "iam:TagPolicy"],
    update: ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:ListPolicyVersions"],
    read: ["iam:GetPolicy", "iam:GetPolicyVersion"],
    arn: (r, at) => `arn:aws:iam::${at.account}:policy${inputOr(r, "path", "/")}${at.name}`,
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
    source: IAM,
    create: ["iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"],
    update: ["iam:UpdateOpenIDConnectProviderThumbprint", "iam:AddClientIDToOpenIDConnectProvider"],
    read: ["iam:GetOpenIDConnectProvider"],
    arn: (r, at) =>
      `arn:aws:iam::${at.account}:oidc-provider/${inputOr(r, "url").replace(/^https:\/\//, "")}`,
  },
  "aws:iam/rolePolicy:RolePolicy": {
    context: boundaryOfRole,
    source: IAM,
    create: ["iam:PutRolePolicy"],
    update: ["iam:PutRolePolicy"],
    read: ["iam:GetRolePolicy"],
    arn: (r, at) => `arn:aws:iam::${at.account}:role/${inputOr(r, "role")}`,
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    context: boundaryOfRole,
    source: IAM,
    create: ["iam:AttachRolePolicy"],
    read: ["iam:ListAttachedRolePolicies"],
    arn: (r, at) => `arn:aws:iam::${at.account}:role/${inputOr(r, "role")}`,
  },
  // CreateAlias is authorized against both the alias and the key it points at.
  "aws:kms/alias:Alias": {
    source: KMS,
    create: ["kms:CreateAlias"],
    update: ["kms:UpdateAlias"],
    read: ["kms:ListAliases"],
    arn: (_r, at) =>
      `arn:aws:kms:${at.region}:${at.account}:alias/${at.name.replace(/^alias\//, "")}`,
  },
  "aws:kms/key:Key": {
    source: KMS,
    create: ["kms:CreateKey", "kms:EnableKeyRotation", "kms:TagResource"],
    update: ["kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:EnableKeyRotation"],
    read: [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ],
    // A new key's id is not known before CreateKey returns: the calls after it (rotation, tags)
    // name a key of the account, here a stand-in id that any key/* statement matches.
    arn: (_r, at) =>
      `arn:aws:kms:${at.region}:${at.account}:key/00000000-0000-0000-0000-000000000000`,
  },
};
