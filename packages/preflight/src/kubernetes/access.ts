/**
 * The Kubernetes provider must be able to log in and reach the API server:
 * - identity: the kubeconfig's `aws eks get-token` carries a role (`--role-arn`); without one it
 *   signs with whatever credentials the process has (the CI job's own role), which has no access
 *   entry. That role needs an access entry and access policy associations whose permissions cover
 *   every object the stack applies (cluster-scoped objects and Helm charts need cluster admin;
 *   Edit cannot manage RBAC; View cannot write; namespace-scoped associations only cover their
 *   namespaces);
 * - reachability: from the deploy location, a private-only endpoint needs a runner inside a
 *   network routed to the cluster's VPC and a cluster security group rule admitting it on 443; a
 *   public endpoint needs the runner's egress inside publicAccessCidrs.
 * The deploy location is read from the plans (a `deployLocation` output of this stack or of the
 * network stack, in the DeployLocation shape) or from the input; when none is declared the runner
 * is taken to be a GitHub-hosted runner on the internet with no fixed egress.
 */
import { cidrProblem, parseCidr } from "@platform/core/cidr";
import type { Context } from "../context";
import { asArray, asObject, known } from "../context";
import type { DeployLocation, PlanResource, Problem, Rule } from "../types";
import { CLUSTER_SCOPED, HELM_TYPES, k8sObjects } from "./objects";

const ACCESS_POLICIES =
  "Amazon EKS User Guide, review access policy permissions, https://docs.aws.amazon.com/eks/latest/userguide/access-policy-permissions.html";
const ACCESS_ENTRIES =
  "Amazon EKS User Guide, grant IAM users access with access entries, https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html";
const ENDPOINT =
  "Amazon EKS User Guide, cluster API server endpoint (private access needs a connected network and security group rules), https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html";

/** Permissions of each access policy for what a deploy does (create/update/delete). */
const POLICY_POWER: Record<string, { clusterScoped: boolean; rbac: boolean; write: boolean }> = {
  AmazonEKSClusterAdminPolicy: { clusterScoped: true, rbac: true, write: true },
  AmazonEKSAdminPolicy: { clusterScoped: false, rbac: true, write: true },
  AmazonEKSEditPolicy: { clusterScoped: false, rbac: false, write: true },
  AmazonEKSViewPolicy: { clusterScoped: false, rbac: false, write: false },
};
const RBAC_KINDS = new Set(["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]);

interface Grant {
  policy: string;
  namespaces?: string[];
}

/** The role a kubeconfig's exec plugin assumes, or undefined; undefined kubeconfig if unreadable. */
export function kubeconfigRole(
  kubeconfig: unknown,
): { role?: string; clusterName?: string } | undefined {
  const users = asArray(asObject(kubeconfig)["users"]);
  if (users.length === 0) return undefined;
  const exec = asObject(asObject(asObject(users[0])["user"])["exec"]);
  const args = asArray(exec["args"]).map(String);
  const env = asArray(exec["env"]).map(asObject);
  const at = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const role = at("--role-arn") ?? at("--role");
  const profile = env.find((e) => e["name"] === "AWS_PROFILE");
  return {
    role: role ?? (profile ? `profile:${String(profile["value"])}` : undefined),
    clusterName: at("--cluster-name"),
  };
}

/**
 * Where the deploy runs: the input, else the hub's `deployRunner` output (the CodeBuild-hosted
 * runner in the shared-services VPC: its subnets and the ranges its VPC routes to the Transit
 * Gateway; see docs/deploy-topology.md), else none declared.
 */
export function deployLocationOf(ctx: Context): DeployLocation | undefined {
  if (ctx.deployLocation) return ctx.deployLocation;
  // The stack's own declaration (environment stacks publish it from eks.apiAccess) ...
  const declared = asObject(ctx.plan.outputs?.["deployLocation"]);
  if (declared["network"] === "vpc" || declared["network"] === "internet")
    return {
      ...(declared as unknown as DeployLocation),
      from: `output deployLocation of ${ctx.plan.project}/${ctx.plan.stack}`,
    };
  // ... else the hub's deploy runner.
  for (const plan of [ctx.plan, ...ctx.otherPlans]) {
    const runner = asObject(plan.outputs?.["deployRunner"]);
    if (Array.isArray(runner["cidrs"]))
      return {
        network: "vpc",
        sourceCidrs: asArray(runner["cidrs"]).map(String),
        reachableCidrs: asArray(runner["routes"]).map(String),
        from: `runner ${String(runner["projectName"] ?? "")} of ${plan.project}/${plan.stack}`,
      };
  }
  return undefined;
}

function contains(outer: string, inner: string): boolean {
  if (cidrProblem(outer) || cidrProblem(inner)) return false;
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  return i.prefix >= o.prefix && i.base >= o.base && i.base < o.base + 2 ** (32 - o.prefix);
}

function reachability(
  ctx: Context,
  cluster: PlanResource,
  location: DeployLocation | undefined,
): string | undefined {
  const vpc = asObject(cluster.inputs["vpcConfig"]);
  const isPublic = vpc["endpointPublicAccess"] === true;
  const isPrivate = vpc["endpointPrivateAccess"] === true;
  const publicCidrs = asArray(vpc["publicAccessCidrs"]).map(String);
  const where = location
    ? `the deploy location (${location.from})`
    : "the deploy location (none declared: a GitHub-hosted runner on the internet with no fixed egress)";
  if (!location || location.network === "internet") {
    if (!isPublic)
      return `the endpoint is private-only and ${where} is on the internet: add a runner inside a network routed to the cluster's VPC`;
    const egress = location?.egressCidrs ?? [];
    if (publicCidrs.length && !publicCidrs.includes("0.0.0.0/0")) {
      if (egress.length === 0)
        return `the public endpoint only admits ${publicCidrs.join(", ")} and ${where} has no fixed egress`;
      const outside = egress.filter((e) => !publicCidrs.some((p) => contains(p, e)));
      if (outside.length)
        return `the public endpoint does not admit the runner's egress ${outside.join(", ")} (publicAccessCidrs ${publicCidrs.join(", ")})`;
    }
    return undefined;
  }
  if (!isPrivate) {
    if (!isPublic) return "the endpoint has neither public nor private access";
    return `the endpoint is public-only and ${where} is inside a VPC; enable private access or admit the runner's NAT egress`;
  }
  // The runner's network must route to the cluster's VPC.
  const subnets = ctx.refs(cluster, "vpcConfig");
  const vpcResource = subnets.map((s) => ctx.ref(s, "vpcId", "aws:ec2/vpc:Vpc")).find((v) => v);
  const clusterCidr = vpcResource?.inputs["cidrBlock"];
  const sources = location.sourceCidrs?.length
    ? location.sourceCidrs
    : location.vpcCidr
      ? [location.vpcCidr]
      : [];
  const inCluster =
    known(clusterCidr) &&
    sources.length > 0 &&
    sources.every((c) => contains(String(clusterCidr), c));
  if (known(clusterCidr) && !inCluster) {
    const routed = (location.reachableCidrs ?? []).some(
      (c) => contains(c, String(clusterCidr)) || contains(String(clusterCidr), c),
    );
    if (!routed)
      return `${where} (${sources.join(", ") || "?"}) does not route to the cluster's VPC ${String(clusterCidr)} (routes: ${(location.reachableCidrs ?? []).join(", ") || "none"})`;
  }
  // The cluster security group admits only itself by default: a rule on it (EKS creates it, so
  // the rule refers to the cluster's clusterSecurityGroupId) or an extra group must admit the
  // runner's sources.
  if (sources.length && !inCluster) {
    const ingressRule = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
    const asRule = (r: PlanResource) => ({ ...r.inputs, cidrBlocks: [r.inputs["cidrIpv4"]] });
    const groups = ctx
      .refs(cluster, "vpcConfig")
      .filter((r) => r.type === "aws:ec2/securityGroup:SecurityGroup");
    const rules: Array<Record<string, unknown>> = [
      ...groups.flatMap((g) => asArray(g.inputs["ingress"]).map(asObject)),
      ...groups.flatMap((g) => ctx.referrers(g, ingressRule, "securityGroupId").map(asRule)),
      ...ctx.referrers(cluster, ingressRule, "securityGroupId").map(asRule),
    ];
    const admitted = (source: string) =>
      rules.some(
        (r) =>
          (r["fromPort"] === undefined || Number(r["fromPort"]) <= 443) &&
          (r["toPort"] === undefined || Number(r["toPort"]) >= 443) &&
          asArray(r["cidrBlocks"]).some((c) => contains(String(c), source)),
      );
    const refused = sources.filter((c) => !admitted(c));
    if (refused.length)
      return `no security group of the cluster (its cluster security group or vpcConfig.securityGroupIds) admits ${refused.join(", ")} on 443; the cluster security group admits only itself, so the runner's connection times out`;
  }
  return undefined;
}

export const k8sProviderAccess: Rule = {
  id: "k8s-provider-access",
  family: "kubernetes",
  description:
    "the Kubernetes provider cannot log in or act: kubeconfig without a role, no access entry for it, an access policy that does not cover what the stack applies, an endpoint unreachable from the deploy location",
  source: `${ACCESS_ENTRIES}; ${ACCESS_POLICIES}; ${ENDPOINT}`,
  *check(ctx) {
    const objects = k8sObjects(ctx);
    const location = deployLocationOf(ctx);
    for (const provider of ctx.ofType("pulumi:providers:kubernetes")) {
      const applied = objects.filter((o) => o.resource.provider === provider.urn);
      const releases = ctx.ofType(...HELM_TYPES).filter((r) => r.provider === provider.urn);
      if (applied.length === 0 && releases.length === 0) continue;
      const cluster = provider.dependencies
        .map((u) => ctx.get(u))
        .find((r) => r?.type === "aws:eks/cluster:Cluster");
      if (!cluster) continue;
      const clusterName = known(cluster.inputs["name"])
        ? String(cluster.inputs["name"])
        : cluster.name;
      const problem = (message: string, source: string): Problem => ({
        severity: "error",
        urn: provider.urn,
        message,
        source,
      });

      const unreachable = reachability(ctx, cluster, location);
      if (unreachable)
        yield problem(`cannot reach cluster ${clusterName}'s API server: ${unreachable}`, ENDPOINT);

      const mode = asObject(cluster.inputs["accessConfig"])["authenticationMode"];
      if (mode === "CONFIG_MAP") continue; // aws-auth ConfigMap: not in the plan
      const identity = kubeconfigRole(ctx.json(provider, "kubeconfig"));
      if (!identity) continue;
      if (!identity.role) {
        yield problem(
          "the kubeconfig's aws eks get-token carries no role (--role-arn), so it signs with whatever credentials run Pulumi (the CI job's own role), which has no access entry: pass the account's deploy role",
          ACCESS_ENTRIES,
        );
        continue;
      }
      const role = identity.role;
      const ofCluster = (r: PlanResource) =>
        ctx.refs(r, "clusterName").some((c) => c.urn === cluster.urn);
      const entry = ctx
        .ofType("aws:eks/accessEntry:AccessEntry")
        .find((e) => ofCluster(e) && e.inputs["principalArn"] === role);
      if (!entry) {
        yield problem(
          `role ${role} (from the kubeconfig) has no access entry on cluster ${clusterName}: every call is Unauthorized`,
          ACCESS_ENTRIES,
        );
        continue;
      }
      const grants: Grant[] = ctx
        .ofType("aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
        .filter((a) => ofCluster(a) && a.inputs["principalArn"] === role)
        .map((a) => {
          const scope = asObject(a.inputs["accessScope"]);
          return {
            policy: String(a.inputs["policyArn"]).split("/").pop()!,
            namespaces:
              scope["type"] === "namespace" ? asArray(scope["namespaces"]).map(String) : undefined,
          };
        });
      const allows = (namespace: string | undefined, clusterScoped: boolean, rbac: boolean) =>
        grants.some((g) => {
          const power = POLICY_POWER[g.policy];
          if (!power || !power.write) return false;
          if (clusterScoped) return power.clusterScoped && !g.namespaces;
          if (rbac && !power.rbac) return false;
          return !g.namespaces || (namespace !== undefined && g.namespaces.includes(namespace));
        });
      const denied = applied.filter(
        (o) =>
          !allows(
            o.namespace,
            CLUSTER_SCOPED.has(o.kind) || o.namespace === undefined,
            RBAC_KINDS.has(o.kind),
          ),
      );
      const deniedReleases = releases.filter(() => !allows(undefined, true, true));
      const have =
        grants
          .map((g) => `${g.policy}${g.namespaces ? ` (${g.namespaces.join(", ")})` : ""}`)
          .join(", ") || "no access policy";
      if (denied.length || deniedReleases.length)
        yield problem(
          `role ${role} has ${have} on cluster ${clusterName}, which does not allow applying ${[
            ...denied.map(
              (o) =>
                `${o.kind} ${o.name ?? o.resource.name}${o.namespace ? ` in ${o.namespace}` : ""}`,
            ),
            ...deniedReleases.map(
              (r) => `Helm release ${r.name} (charts install cluster-scoped objects)`,
            ),
          ].join(", ")}`,
          ACCESS_POLICIES,
        );
    }
  },
};
