/**
 * The platform's identities, declared once. The bootstrap stack creates these roles in every
 * account; every AWS provider of every stack assumes one of them, chosen by `effectiveRoleArn`.
 *
 * - deploy (default): the role configured in the stack (`account.roleArn`, normally
 *   `platform-deployer`; `network.hubRoleArn`, normally `platform-network-spoke`).
 * - preview (PR previews) and drift (scheduled drift detection): the same account's read-only
 *   role, so code that has not been merged, and the daily refresh, never hold write access.
 *
 * The mode comes from one environment variable the workflows set (docs/bootstrap/README.md).
 */
import { createHash } from "node:crypto";

/** Roles the bootstrap stack creates (the same names in every account that has them). */
export const PLATFORM_ROLES = {
  /** Writes: assumed by `up` from the environment's CI role. */
  deployer: "platform-deployer",
  /** Read-only: assumed by PR previews from the preview CI role. */
  previewer: "platform-previewer",
  /** Read-only: assumed by the drift check from the drift CI role. */
  drift: "platform-drift",
  /** Network account: accepts, associates, propagates and routes an environment's attachment. */
  networkSpoke: "platform-network-spoke",
  /** Network account: the spoke's read-only counterpart for previews and drift of environments. */
  networkSpokeReadOnly: "platform-network-spoke-readonly",
} as const;

/** Managed policies the bootstrap stack creates (`platform-*`: outside the deployer's scope). */
export const PLATFORM_POLICIES = {
  deployerServices: "platform-deployer-services",
  deployerIam: "platform-deployer-iam",
  deployerGuardrails: "platform-deployer-guardrails",
  readOnly: "platform-readonly",
  boundary: "platform-workload-boundary",
  networkSpoke: "platform-network-spoke",
  networkSpokeReadOnly: "platform-network-spoke-readonly",
} as const;

/**
 * Policies that are ceilings, not grants to a workload, and so name whole services: the deployer's
 * services, the read-only roles' reads and the workload boundary. The aws-guardrails policy
 * `iam-no-wildcards` exempts exactly these, and only in the bootstrap project.
 */
export const CEILING_POLICIES: readonly string[] = [
  PLATFORM_POLICIES.deployerServices,
  PLATFORM_POLICIES.readOnly,
  PLATFORM_POLICIES.boundary,
];

/** Environment variable that selects the read-only identity (unset: deploy). */
export const ROLE_NAME_OVERRIDE = "PLATFORM_ASSUME_ROLE_NAME";

export const IDENTITY_MODES = ["deploy", "preview", "drift"] as const;
export type IdentityMode = (typeof IDENTITY_MODES)[number];

/** What a provider's role is for: acting in its own account, or in the network account's hub. */
export type RolePurpose = "account" | "network-spoke";

const READ_ONLY_ROLES: Record<Exclude<IdentityMode, "deploy">, Record<RolePurpose, string>> = {
  preview: {
    account: PLATFORM_ROLES.previewer,
    "network-spoke": PLATFORM_ROLES.networkSpokeReadOnly,
  },
  drift: { account: PLATFORM_ROLES.drift, "network-spoke": PLATFORM_ROLES.networkSpokeReadOnly },
};

/**
 * The identity this process acts as. PLATFORM_ASSUME_ROLE_NAME unset or empty: deploy;
 * `platform-previewer`: preview; `platform-drift`: drift. Anything else is refused, so a typo can
 * never fall back to the deploy role.
 */
export function identityMode(env: NodeJS.ProcessEnv = process.env): IdentityMode {
  const value = env[ROLE_NAME_OVERRIDE];
  if (value === undefined || value === "") return "deploy";
  if (value === PLATFORM_ROLES.previewer) return "preview";
  if (value === PLATFORM_ROLES.drift) return "drift";
  throw new Error(
    `${ROLE_NAME_OVERRIDE}="${value}" is not a read-only platform role; set ${PLATFORM_ROLES.previewer} (pull-request previews) or ${PLATFORM_ROLES.drift} (drift detection), or unset it to deploy`,
  );
}

/**
 * The role a provider assumes. `roleArn` is the deploy role the stack configures for `purpose`;
 * in preview and drift mode the result is the read-only role of the same account (and partition)
 * for that purpose. Every AWS provider of the platform gets its role from here.
 */
export function effectiveRoleArn(
  roleArn: string,
  env: NodeJS.ProcessEnv = process.env,
  purpose: RolePurpose = "account",
): string {
  const mode = identityMode(env);
  if (mode === "deploy") return roleArn;
  const account = /^(arn:[\w-]+:iam::\d{12}:role\/)/.exec(roleArn)?.[1];
  if (!account) {
    throw new Error(`"${roleArn}" is not an IAM role ARN (arn:aws:iam::<account-id>:role/<name>)`);
  }
  return `${account}${READ_ONLY_ROLES[mode][purpose]}`;
}

/**
 * Name prefix of every IAM role and managed policy the stacks create: the only IAM names the
 * deployer may create, change, tag, delete or pass. Roles keep the path `/`, because EKS node
 * roles with a path fail to join clusters (docs/adr/0006-identity-and-bootstrap.md).
 */
export const WORKLOAD_NAME_PREFIX = "stack-";

/** The permissions boundary every role the stacks create carries; the bootstrap stack creates it. */
export const WORKLOAD_BOUNDARY_NAME = PLATFORM_POLICIES.boundary;

/** The ARN partition of a region: aws, aws-cn or aws-us-gov. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** ARN of the workload permissions boundary in an account. */
export function workloadBoundaryArn(accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:policy/${WORKLOAD_BOUNDARY_NAME}`;
}

const IAM_NAME = /^[\w+=,.@-]+$/;

/**
 * The physical name of a role or managed policy a stack creates: the scope prefix and the child's
 * logical name, e.g. `stack-dev-cluster`. IAM allows 64 characters; a longer name keeps its first
 * part and ends with a hash of the whole, so it stays unique and stable.
 */
export function workloadIamName(logicalName: string, max = 64): string {
  if (!IAM_NAME.test(logicalName)) {
    throw new Error(
      `"${logicalName}" cannot be an IAM name: use letters, digits and + = , . @ _ - only`,
    );
  }
  const name = `${WORKLOAD_NAME_PREFIX}${logicalName}`;
  if (name.length <= max) return name;
  const hash = createHash("sha256").update(logicalName).digest("hex").slice(0, 8);
  return `${name.slice(0, max - hash.length - 1)}-${hash}`;
}
