/**
 * Every IAM document the bootstrap creates, as pure functions of the identity model: trust and
 * permission policies of the CI roles (tooling account) and of the deployer, previewer, drift and
 * network spoke roles (each account), and the workload permissions boundary. The bootstrap stack
 * creates exactly these; the tests evaluate exactly these with an IAM simulator.
 *
 * Design (docs/adr/0006-identity-and-bootstrap.md):
 * - The deployer may do anything in the services the stacks use, but in IAM only on names in the
 *   workload scope (`stack-*`), only on roles that carry the workload boundary, and never on the
 *   platform's own identities (`platform-*`): it cannot widen its own rights or anyone else's.
 * - Preview and drift identities read: Describe/Get/List of the same services, minus data reads.
 * - CI roles trust GitHub's OIDC tokens: deploy roles only for a job of their GitHub environment on
 *   the deploy branch (`ref` and `sub` conditions), the preview role only for pull requests.
 */
import {
  PLATFORM_POLICIES,
  PLATFORM_ROLES,
  WORKLOAD_BOUNDARY_NAME,
  WORKLOAD_NAME_PREFIX,
} from "@platform/core";
import type { AccountContext, IdentityConfig } from "./model";
import {
  CI_DRIFT_ROLE,
  CI_PREVIEW_ROLE,
  ciDeployRoleName,
  ciRoleArn,
  deploymentsInto,
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  githubProviderArn,
  isNetwork,
  organisationAccounts,
  projectOf,
  roleArn,
} from "./model";

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

const doc = (...Statement: Statement[]): PolicyDocument => ({ Version: "2012-10-17", Statement });

/**
 * IAM prefixes of the services the stacks deploy (IAM itself is granted separately, scoped).
 * A test maps every resource type of every shipped plan to its service and fails on one missing
 * here: a new service is a deliberate change of the bootstrap, applied by an administrator.
 */
export const DEPLOY_SERVICES = [
  "cloudwatch",
  "codebuild",
  "codeconnections",
  "codepipeline",
  "codestar-connections",
  "codestar-notifications",
  "directconnect",
  "ec2",
  "ecr",
  "eks",
  "kms",
  "logs",
  "ram",
  "s3",
  "sns",
] as const;

/**
 * What roles the stacks create may ever do (their permissions boundary): the services their
 * policies use, and those the AWS managed policies they attach use (EKS cluster and node roles
 * manage load balancers, Auto Scaling groups and Pod Identity sessions). No IAM writes, except
 * the service-linked roles EKS creates for load balancers.
 */
export const BOUNDARY_SERVICES = [
  "autoscaling",
  "cloudwatch",
  "codebuild",
  "codeconnections",
  "codepipeline",
  "codestar-connections",
  "ec2",
  "ecr",
  "eks",
  "eks-auth",
  "elasticloadbalancing",
  "kms",
  "logs",
  "s3",
  "sns",
] as const;

/** Action verbs that only read configuration (the previewer's and the drift role's rights). */
const READ_VERBS = ["Describe*", "Get*", "List*", "BatchGet*"];

/**
 * Reads of data rather than configuration, denied to the read-only identities even where a read
 * verb matches: backups and artefacts in S3, log events, parameters, secrets, container images.
 */
export const DATA_READS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:GetObjectAttributes",
  "logs:GetLogEvents",
  "logs:GetLogRecord",
  "logs:FilterLogEvents",
  "logs:StartQuery",
  "logs:GetQueryResults",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
  "ecr:GetAuthorizationToken",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
  "kms:Decrypt",
];

/** AWS managed policies the stacks may attach to their roles (besides their own `stack-*`). */
export const ATTACHABLE_AWS_POLICIES = [
  "AmazonEKS*",
  "AmazonEC2ContainerRegistryReadOnly",
  "AmazonEC2ContainerRegistryPullOnly",
  "service-role/AmazonEBSCSIDriverPolicy",
];

/** AWS managed policies that grant administration; never attachable, whatever else allows it. */
export const ADMIN_AWS_POLICIES = [
  "AdministratorAccess",
  "AdministratorAccess-Amplify",
  "IAMFullAccess",
  "PowerUserAccess",
  "AWSOrganizationsFullAccess",
];

/** Service-linked roles AWS creates on first use by the deployed services. */
export const SERVICE_LINKED_ROLES = [
  "autoscaling.amazonaws.com",
  "directconnect.amazonaws.com",
  "eks.amazonaws.com",
  "eks-nodegroup.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
  "transitgateway.amazonaws.com",
];

/** Names of the managed policies the bootstrap creates (all `platform-*`: outside the scope). */
export const BOOTSTRAP_POLICIES = PLATFORM_POLICIES;

const iamArn = (ctx: AccountContext, kind: "role" | "policy", name: string) =>
  `arn:${ctx.partition}:iam::${ctx.accountId}:${kind}/${name}`;

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

// ---------------------------------------------------------------------------------------------
// Account roles

/** Trust of the deployer: the CI roles of the GitHub environments that deploy into this account. */
export function deployerTrust(ctx: AccountContext): PolicyDocument {
  const environments = deploymentsInto(ctx.identity, ctx.accountId);
  return doc({
    Sid: "DeployEnvironments",
    Effect: "Allow",
    Principal: { AWS: environments.map((e) => ciRoleArn(ctx, ciDeployRoleName(e))) },
    Action: "sts:AssumeRole",
  });
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
  const aws = `arn:${ctx.partition}:iam::aws:policy`;
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
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: iamArn(ctx, "role", "aws-service-role/*"),
      Condition: { StringEquals: { "iam:AWSServiceName": SERVICE_LINKED_ROLES } },
    },
  );
}

/**
 * Explicit denies: they hold whatever else is ever attached to the deployer (an explicit deny
 * wins over every allow).
 */
export function deployerGuardrailsPolicy(ctx: AccountContext): PolicyDocument {
  const scope = workloadScope(ctx);
  const aws = `arn:${ctx.partition}:iam::aws:policy`;
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

/** Trust of the previewer (preview) or the drift role (drift): only their CI role. */
export function readOnlyTrust(ctx: AccountContext, mode: "preview" | "drift"): PolicyDocument {
  return doc({
    Sid: mode === "preview" ? "PullRequestPreviews" : "DriftDetection",
    Effect: "Allow",
    Principal: { AWS: ciRoleArn(ctx, mode === "preview" ? CI_PREVIEW_ROLE : CI_DRIFT_ROLE) },
    Action: "sts:AssumeRole",
  });
}

/** Configuration reads of the deployed services and IAM; no data reads. */
export function readOnlyPolicy(): PolicyDocument {
  return doc(
    {
      Sid: "ReadConfiguration",
      Effect: "Allow",
      Action: [
        ...["iam", ...DEPLOY_SERVICES].flatMap((s) => READ_VERBS.map((v) => `${s}:${v}`)),
        "ec2:SearchTransitGatewayRoutes",
      ],
      Resource: "*",
    },
    { Sid: "DenyDataReads", Effect: "Deny", Action: DATA_READS, Resource: "*" },
  );
}

/** The ceiling of every role the stacks create. */
export function boundaryPolicy(ctx: AccountContext): PolicyDocument {
  const scope = workloadScope(ctx);
  return doc(
    {
      Sid: "WorkloadServices",
      Effect: "Allow",
      Action: BOUNDARY_SERVICES.map((s) => `${s}:*`),
      Resource: "*",
    },
    {
      Sid: "ServiceLinkedRoles",
      Effect: "Allow",
      Action: "iam:CreateServiceLinkedRole",
      Resource: iamArn(ctx, "role", "aws-service-role/*"),
      Condition: { StringEquals: { "iam:AWSServiceName": SERVICE_LINKED_ROLES } },
    },
    {
      Sid: "DenyPlatformIdentities",
      Effect: "Deny",
      Action: ["iam:*", "sts:AssumeRole"],
      Resource: [scope.platformRoles, scope.platformPolicies],
    },
  );
}

/**
 * Transit Gateway resources in the hub's region. Attachments in any account: an environment's
 * attachment to the shared hub is created by, and carries the account of, the environment.
 */
const tgw = (ctx: AccountContext, kind: string, account = ctx.accountId) =>
  `arn:${ctx.partition}:ec2:${ctx.region}:${account}:${kind}/*`;
const attachments = (ctx: AccountContext) => tgw(ctx, "transit-gateway-attachment", "*");
const routeTables = (ctx: AccountContext) => tgw(ctx, "transit-gateway-route-table");

/** Reads of the hub's routing; AWS allows the Get* ones only on Resource "*". */
export const TGW_WILDCARD_READS = [
  "ec2:GetTransitGatewayAttachmentPropagations",
  "ec2:GetTransitGatewayRouteTableAssociations",
  "ec2:GetTransitGatewayRouteTablePropagations",
];

function spokeReads(ctx: AccountContext): Statement[] {
  return [
    {
      Sid: "DescribeTransitGateway",
      Effect: "Allow",
      Action: ["ec2:DescribeTransitGateway*", "ec2:DescribeTags", ...TGW_WILDCARD_READS],
      Resource: "*",
    },
    {
      Sid: "SearchHubRoutes",
      Effect: "Allow",
      Action: "ec2:SearchTransitGatewayRoutes",
      Resource: routeTables(ctx),
    },
  ];
}

/** Network account: what an environment's `up` does on the hub for its own attachment. */
export function spokePolicy(ctx: AccountContext): PolicyDocument {
  return doc(
    {
      Sid: "AcceptAndRouteAttachments",
      Effect: "Allow",
      Action: [
        "ec2:AcceptTransitGatewayVpcAttachment",
        "ec2:DeleteTransitGatewayVpcAttachment",
        "ec2:AssociateTransitGatewayRouteTable",
        "ec2:DisassociateTransitGatewayRouteTable",
        "ec2:EnableTransitGatewayRouteTablePropagation",
        "ec2:DisableTransitGatewayRouteTablePropagation",
        "ec2:CreateTransitGatewayRoute",
        "ec2:DeleteTransitGatewayRoute",
        "ec2:ReplaceTransitGatewayRoute",
      ],
      Resource: [attachments(ctx), routeTables(ctx)],
    },
    {
      Sid: "TagAttachments",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: attachments(ctx),
    },
    ...spokeReads(ctx),
  );
}

export function spokeReadOnlyPolicy(ctx: AccountContext): PolicyDocument {
  return doc(...spokeReads(ctx));
}

/** The spoke role: the CI roles of the environments that attach to the hub. */
export function spokeTrust(ctx: AccountContext): PolicyDocument {
  const environments = Object.entries(ctx.identity.deployments)
    .filter(([, d]) => d.networkSpoke)
    .map(([name]) => name)
    .sort();
  return doc({
    Sid: "EnvironmentDeploys",
    Effect: "Allow",
    Principal: { AWS: environments.map((e) => ciRoleArn(ctx, ciDeployRoleName(e))) },
    Action: "sts:AssumeRole",
  });
}

export function spokeReadOnlyTrust(ctx: AccountContext): PolicyDocument {
  return doc({
    Sid: "PreviewsAndDrift",
    Effect: "Allow",
    Principal: { AWS: [ciRoleArn(ctx, CI_PREVIEW_ROLE), ciRoleArn(ctx, CI_DRIFT_ROLE)] },
    Action: "sts:AssumeRole",
  });
}

// ---------------------------------------------------------------------------------------------
// CI roles (tooling account)

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

// ---------------------------------------------------------------------------------------------
// What one account gets

export interface RoleSpec {
  readonly name: string;
  readonly description: string;
  readonly trust: PolicyDocument;
  /** Managed policies (names of `policies`) attached to the role. */
  readonly policies: readonly string[];
}

export interface AccountIdentityPlan {
  readonly policies: ReadonlyArray<{ readonly name: string; readonly document: PolicyDocument }>;
  readonly roles: readonly RoleSpec[];
}

/** The roles and managed policies the bootstrap creates in one account (CI roles aside). */
export function accountIdentityPlan(ctx: AccountContext): AccountIdentityPlan {
  const policies: Array<{ name: string; document: PolicyDocument }> = [
    { name: BOOTSTRAP_POLICIES.readOnly, document: readOnlyPolicy() },
  ];
  const roles: RoleSpec[] = [
    {
      name: PLATFORM_ROLES.previewer,
      description: "Pull-request previews: reads configuration, never writes",
      trust: readOnlyTrust(ctx, "preview"),
      policies: [BOOTSTRAP_POLICIES.readOnly],
    },
    {
      name: PLATFORM_ROLES.drift,
      description: "Drift detection: reads configuration, never writes",
      trust: readOnlyTrust(ctx, "drift"),
      policies: [BOOTSTRAP_POLICIES.readOnly],
    },
  ];
  if (deploymentsInto(ctx.identity, ctx.accountId).length > 0) {
    policies.push(
      { name: BOOTSTRAP_POLICIES.boundary, document: boundaryPolicy(ctx) },
      { name: BOOTSTRAP_POLICIES.deployerServices, document: deployerServicesPolicy() },
      { name: BOOTSTRAP_POLICIES.deployerIam, document: deployerIamPolicy(ctx) },
      { name: BOOTSTRAP_POLICIES.deployerGuardrails, document: deployerGuardrailsPolicy(ctx) },
    );
    roles.unshift({
      name: PLATFORM_ROLES.deployer,
      description:
        "pulumi up of this account's stacks, from its GitHub environments on the deploy branch",
      trust: deployerTrust(ctx),
      policies: [
        BOOTSTRAP_POLICIES.deployerServices,
        BOOTSTRAP_POLICIES.deployerIam,
        BOOTSTRAP_POLICIES.deployerGuardrails,
      ],
    });
  }
  if (isNetwork(ctx)) {
    policies.push(
      { name: BOOTSTRAP_POLICIES.networkSpoke, document: spokePolicy(ctx) },
      { name: BOOTSTRAP_POLICIES.networkSpokeReadOnly, document: spokeReadOnlyPolicy(ctx) },
    );
    if (Object.values(ctx.identity.deployments).some((d) => d.networkSpoke)) {
      roles.push({
        name: PLATFORM_ROLES.networkSpoke,
        description: "Environment deploys: accept, associate, propagate and route their attachment",
        trust: spokeTrust(ctx),
        policies: [BOOTSTRAP_POLICIES.networkSpoke],
      });
    }
    roles.push({
      name: PLATFORM_ROLES.networkSpokeReadOnly,
      description: "Previews and drift of environments: read the hub's routing",
      trust: spokeReadOnlyTrust(ctx),
      policies: [BOOTSTRAP_POLICIES.networkSpokeReadOnly],
    });
  }
  return { policies, roles };
}

/** The managed policies attached to one of the plan's roles, by name (for an IAM simulator). */
export function identityPoliciesOf(
  plan: AccountIdentityPlan,
  roleName: string,
): Record<string, PolicyDocument> {
  const role = plan.roles.find((r) => r.name === roleName);
  if (!role) {
    throw new Error(
      `this account has no role ${roleName}; it has ${plan.roles.map((r) => r.name).join(", ")}`,
    );
  }
  return Object.fromEntries(
    role.policies.map((name) => [name, plan.policies.find((p) => p.name === name)!.document]),
  );
}
