/**
 * What one account gets from the bootstrap, as data: the platform's roles (deployer, previewer,
 * drift, and in the network account the spoke roles) with their trust and managed policies. The
 * `AccountIdentity` component creates exactly this plan; simulators evaluate exactly this plan.
 */
import { PLATFORM_ROLES } from "@platform/core";
import {
  boundaryPolicy,
  deployerGuardrailsPolicy,
  deployerIamPolicy,
  deployerServicesPolicy,
  deployerTrust,
} from "./deployer";
import type { AccountContext } from "./model";
import { deploymentsInto, isNetwork } from "./model";
import { readOnlyPolicy, readOnlyTrust } from "./read-only";
import { BOOTSTRAP_POLICIES } from "./services";
import { spokePolicy, spokeReadOnlyPolicy, spokeReadOnlyTrust, spokeTrust } from "./spoke";
import type { PolicyDocument } from "./statements";

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
