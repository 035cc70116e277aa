/**
 * Deploy permissions: for every planned resource, the actions creating it needs (ACTIONS), the
 * roles it hands to services (`iam:PassRole` with `iam:PassedToService`) and the keys it must
 * grant to a service, evaluated with @platform/iam-simulator against the deployer role's real
 * policies and permissions boundary as the bootstrap stack's plan creates them. The previewer's
 * read actions likewise, for `preview --refresh`.
 *
 * The roles come from each AWS provider's `assumeRoles` (the deployer); the previewer is the role
 * of the same account named `previewerRole` (preflight.json, default `platform-previewer`). Their
 * policies are found in any plan preflight sees (the bootstrap stack's): managed policies attached
 * by RolePolicyAttachment, inline RolePolicy documents and the permissionsBoundary. When no plan
 * holds the role, one warning says the permissions were not evaluated: never silence.
 */
import type { IamPrincipal, PolicyDocument } from "@platform/iam-simulator";
import type { Context } from "../context";
import { asArray, asObject, known } from "../context";
import type { PlanResource, Problem, Rule, StackPlan } from "../types";
import { ACTIONS, arnOf, nameOf } from "./actions";

const SAR =
  "Service Authorization Reference, https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html";
const PASS_ROLE =
  "IAM User Guide, granting a user permissions to pass a role to an AWS service, https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html";
const EKS_KMS =
  "Amazon EKS User Guide, encrypt Kubernetes secrets with KMS (the creator needs kms:CreateGrant and kms:DescribeKey), https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html";

/** Finds a role by name and account in the plans and collects its policies. */
export function principalFromPlans(
  plans: readonly StackPlan[],
  roleArn: string,
): IamPrincipal | undefined {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) return undefined;
  const [, account, name] = m;
  for (const plan of plans) {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const accountOf = (r: PlanResource) => {
      const p = r.provider ? byUrn.get(r.provider) : undefined;
      const raw = p?.inputs["allowedAccountIds"];
      const ids = typeof raw === "string" ? (JSON.parse(raw) as unknown[]) : asArray(raw);
      return ids.length === 1 ? String(ids[0]) : undefined;
    };
    const role = plan.resources.find(
      (r) =>
        r.type === "aws:iam/role:Role" &&
        r.inputs["name"] === name &&
        (accountOf(r) ?? account) === account,
    );
    if (!role) continue;
    const doc = (r: PlanResource | undefined): PolicyDocument | undefined => {
      const raw = r?.inputs["policy"];
      if (typeof raw !== "string") return undefined;
      try {
        return JSON.parse(raw) as PolicyDocument;
      } catch {
        return undefined;
      }
    };
    const from = (r: PlanResource, prop: string) =>
      (r.propertyDependencies?.[prop] ?? []).map((u) => byUrn.get(u));
    const identityPolicies: Record<string, PolicyDocument> = {};
    for (const r of plan.resources) {
      const forRole = from(r, "role").some((x) => x?.urn === role.urn);
      if (!forRole) continue;
      if (r.type === "aws:iam/rolePolicy:RolePolicy") {
        const d = doc(r);
        if (d) identityPolicies[known(r.inputs["name"]) ? String(r.inputs["name"]) : r.name] = d;
      }
      if (r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
        const policy = from(r, "policyArn").find((x) => x?.type === "aws:iam/policy:Policy");
        const d = doc(policy);
        if (policy && d)
          identityPolicies[
            known(policy.inputs["name"]) ? String(policy.inputs["name"]) : policy.name
          ] = d;
      }
    }
    const boundary = from(role, "permissionsBoundary").find(
      (x) => x?.type === "aws:iam/policy:Policy",
    );
    return {
      arn: `arn:aws:sts::${account}:assumed-role/${name}/preflight`,
      identityPolicies,
      permissionsBoundary: doc(boundary),
    };
  }
  return undefined;
}

/**
 * The key policy KMS evaluates with the caller's IAM policies for a request on `keyArn`: the
 * planned key's `policy` (the key itself, or the key the resource's inputs come from), else AWS's
 * default key policy, which lets the account's IAM policies grant access. Undefined for other ARNs.
 * IAM policies alone never give access to a KMS key (AWS KMS Developer Guide, "Default key
 * policy", https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html), and
 * the simulator applies that rule: without the key policy every KMS request is denied.
 */
export function keyPolicyFor(
  ctx: Context,
  r: PlanResource,
  keyArn: string,
): PolicyDocument | undefined {
  const account = /^arn:aws[\w-]*:kms:[^:]*:(\d{12}):key\//.exec(keyArn)?.[1];
  if (!account) return undefined;
  const key =
    r.type === "aws:kms/key:Key"
      ? r
      : Object.values(r.propertyDependencies ?? {})
          .flat()
          .map((urn) => ctx.get(urn))
          .find((x) => x?.type === "aws:kms/key:Key");
  const raw = key?.inputs["policy"];
  if (typeof raw === "string" && known(raw)) {
    try {
      return JSON.parse(raw) as PolicyDocument;
    } catch {
      // An unparsable policy is another rule's finding; evaluate with the default.
    }
  }
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

function assumedRole(provider: PlanResource, ctx: Context): string | undefined {
  const roles = ctx.json(provider, "assumeRoles") ?? ctx.json(provider, "assumeRole");
  const first = asObject(Array.isArray(roles) ? roles[0] : roles);
  return known(first["roleArn"]) ? String(first["roleArn"]) : undefined;
}

interface Need {
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string>;
  readonly source: string;
}

/** Everything creating the resource needs. */
export function needsOf(ctx: Context, r: PlanResource): Need[] {
  const actions = ACTIONS[r.type];
  if (!actions) return [];
  const arn = arnOf(ctx, r, actions);
  if (!arn) return [];
  const context = actions.context?.(r, ctx.resources);
  const needs: Need[] = actions.create.map((action) => ({
    action,
    resource: arn,
    ...(context ? { context } : {}),
    source: actions.source,
  }));
  // Known: arnOf gave an ARN.
  const at = { account: ctx.accountId(r)!, region: ctx.region(r)!, name: nameOf(r) };
  for (const group of actions.onBehalf ?? [])
    for (const action of group.actions)
      needs.push({
        action,
        resource: group.arn(r, at),
        source: group.source ?? actions.source,
      });
  for (const p of actions.passRole ?? []) {
    const role = r.inputs[p.input];
    if (known(role))
      needs.push({
        action: "iam:PassRole",
        resource: String(role),
        context: { "iam:PassedToService": p.service },
        source: PASS_ROLE,
      });
  }
  for (const input of actions.kms ?? []) {
    const value = r.inputs[input];
    const key = known(value) ? String(value) : asObject(asObject(value)["provider"])["keyArn"];
    if (known(key))
      for (const action of ["kms:CreateGrant", "kms:DescribeKey"])
        needs.push({ action, resource: String(key), source: EKS_KMS });
  }
  return needs;
}

export const iamDeployPermissions: Rule = {
  id: "iam-deploy-permissions",
  family: "permissions",
  description:
    "the deployer role (its policies and boundary as the bootstrap stack plans them) is denied an action creating a planned resource, iam:PassRole of a role it hands to a service, or a KMS grant; the previewer is denied a read; a resource type without an actions entry is a warning",
  source: `${SAR}; ${PASS_ROLE}`,
  async check(ctx: Context) {
    const out: Problem[] = [];
    const unknown = new Map<string, string>();
    for (const r of ctx.resources)
      if (
        r.type.startsWith("aws:") &&
        r.custom !== false &&
        !ACTIONS[r.type] &&
        !unknown.has(r.type)
      )
        unknown.set(r.type, r.urn);
    for (const [type, urn] of unknown)
      out.push({
        severity: "warning",
        urn,
        message: `${type} has no entry in preflight's actions table (src/permissions/actions/, one module per service family): the permissions creating it are not checked; add its actions with their source`,
      });

    const plans = [ctx.plan, ...ctx.otherPlans];
    for (const provider of ctx.ofType("pulumi:providers:aws")) {
      const roleArn = assumedRole(provider, ctx);
      const resources = ctx.resources.filter((r) => r.provider === provider.urn && ACTIONS[r.type]);
      if (!roleArn || resources.length === 0) continue;
      const deployer = principalFromPlans(plans, roleArn);
      const previewerArn = roleArn.replace(
        /[^/]+$/,
        ctx.config.previewerRole ?? "platform-previewer",
      );
      const previewer = principalFromPlans(plans, previewerArn);
      if (!deployer || !previewer) {
        out.push({
          severity: "warning",
          urn: provider.urn,
          message: `deploy permissions not evaluated for ${resources.length} resources: ${[!deployer && roleArn, !previewer && previewerArn].filter(Boolean).join(" and ")} ${!deployer && !previewer ? "are" : "is"} in no plan preflight sees (the platform's roles come from the bootstrap stack's plan; a role made outside it, such as an administrator's, cannot be evaluated)`,
        });
      }
      if (!deployer && !previewer) continue;
      // Loaded only when there is something to evaluate: the IAM data is large.
      const { isWildcardOnly, simulate } = await import("@platform/iam-simulator");
      const cache = new Map<string, Promise<{ allowed: boolean; reasons: readonly string[] }>>();
      const decide = (who: IamPrincipal, need: Omit<Need, "source">, r: PlanResource) => {
        const keyPolicy = keyPolicyFor(ctx, r, need.resource);
        const key = `${who.arn}|${need.action}|${need.resource}|${JSON.stringify(need.context ?? {})}|${keyPolicy ? r.urn : ""}`;
        let d = cache.get(key);
        if (!d) {
          // Actions without resource-level permissions are authorized against "*".
          d = isWildcardOnly(need.action).then((wildcard) =>
            simulate(who, {
              action: need.action,
              resource: wildcard ? "*" : need.resource,
              context: need.context,
              resourcePolicy: wildcard ? undefined : keyPolicy,
            }),
          );
          cache.set(key, d);
        }
        return d;
      };
      for (const r of resources) {
        if (deployer) {
          const denied: string[] = [];
          for (const need of needsOf(ctx, r)) {
            const d = await decide(deployer, need, r);
            if (!d.allowed)
              denied.push(
                `${need.action} on ${need.resource}${
                  need.context
                    ? ` (${Object.entries(need.context)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(", ")})`
                    : ""
                }: ${d.reasons[0] ?? "denied"}`,
              );
          }
          if (denied.length)
            out.push({
              severity: "error",
              urn: r.urn,
              message: `${roleArn} cannot create this ${r.type.split(":").pop()}: ${denied.join("; ")}`,
              source: ACTIONS[r.type]!.source,
            });
        }
        if (previewer) {
          const arn = arnOf(ctx, r, ACTIONS[r.type]!, "existing");
          const denied: string[] = [];
          for (const action of arn ? ACTIONS[r.type]!.read : []) {
            const d = await decide(previewer, { action, resource: arn! }, r);
            if (!d.allowed) denied.push(action);
          }
          if (denied.length)
            out.push({
              severity: "error",
              urn: r.urn,
              message: `${previewerArn} cannot read this ${r.type.split(":").pop()} for preview --refresh: ${denied.join(", ")}`,
              source: ACTIONS[r.type]!.source,
            });
        }
      }
    }
    return out;
  },
};
