/**
 * Who reaches a cluster's Kubernetes API, from where, and as whom: pure rules, checked on the
 * config before any resource exists. See docs/adr/0004-deploy-runner-topology.md.
 */
import {
  effectiveRoleArn,
  IDENTITY_MODES,
  PLATFORM_ROLES,
  ROLE_NAME_OVERRIDE,
} from "@platform/core";
import type { IdentityMode } from "@platform/core";
import type { EksConfig } from "./schema";
import type { Problem } from "./validate";

/**
 * Where `pulumi preview`/`up` of the environment run, so where the Kubernetes provider connects
 * from: `runner`, the hub's deploy runner, over the Transit Gateway to the private endpoint;
 * `internet`, machines on the internet (a runner fleet or workstations) through the public
 * endpoint, allowlisted, never in prod.
 */
export const DEPLOY_LOCATIONS = ["runner", "internet"] as const;
export type DeployLocation = (typeof DEPLOY_LOCATIONS)[number];

/** Where pulumi reaches the API from and the public endpoint's allowlist (config `eks.apiAccess`). */
export type ApiAccess = Readonly<EksConfig["apiAccess"]>;

/**
 * The EKS access policy of each identity `pulumi` acts as against a cluster (one access entry per
 * role, cluster scope), the narrowest that lets it do its work:
 *
 * - deploy (`up`): cluster admin. The stacks install cluster-scoped objects (StorageClass,
 *   namespaces, Helm charts with CRDs, ClusterRoles and ClusterRoleBindings), and Kubernetes lets
 *   a subject create or bind a role only when it holds every permission in it (RBAC privilege
 *   escalation prevention), so nothing short of cluster admin installs them.
 * - preview (pull requests, unmerged code): view, no Secrets, no writes. With server-side apply,
 *   pulumi-kubernetes previews by dry-run requests, and Kubernetes authorises a dry-run exactly as
 *   the write itself ("Dry-run authorization", Kubernetes API concepts), so any policy that let
 *   the preview dry-run would let pull-request code write. On a 403 the provider falls back to a
 *   client-side preview (pulumi-kubernetes provider.go, Create and Update with `preview` on
 *   `IsForbidden`): the preview still works, without server-side defaulting in its diff.
 * - drift (scheduled `preview --refresh` of main): read everything, Secrets included. A refresh
 *   reads every managed object, cluster-scoped ones and Helm's release records (Secrets in the
 *   release's namespace) among them; main's code only, never pull requests.
 */
export const PULUMI_ACCESS_POLICIES: Readonly<Record<IdentityMode, string>> = {
  deploy: "AmazonEKSClusterAdminPolicy",
  preview: "AmazonEKSViewPolicy",
  drift: "AmazonEKSAdminViewPolicy",
};

/**
 * The role `pulumi` acts as in an account in each identity mode, as `effectiveRoleArn` picks it
 * from the account's deploy role: what the cluster's access entries must name.
 */
export function pulumiRoleArns(deployRoleArn: string): Record<IdentityMode, string> {
  const asMode: Record<IdentityMode, NodeJS.ProcessEnv> = {
    deploy: {},
    preview: { [ROLE_NAME_OVERRIDE]: PLATFORM_ROLES.previewer },
    drift: { [ROLE_NAME_OVERRIDE]: PLATFORM_ROLES.drift },
  };
  return Object.fromEntries(
    IDENTITY_MODES.map((mode) => [mode, effectiveRoleArn(deployRoleArn, asMode[mode])]),
  ) as Record<IdentityMode, string>;
}

/**
 * Problems of an API access configuration that make the Kubernetes provider unable to reach its
 * endpoint from the configured place, or that prod does not allow. Paths are relative to the
 * access object. (The CIDRs themselves: `publicAccessProblems`.)
 */
export function apiAccessProblems(access: ApiAccess, prod: boolean): Problem[] {
  const problems: Problem[] = [];
  if (prod && access.publicAccessCidrs.length > 0)
    problems.push({
      path: ["publicAccessCidrs"],
      value: access.publicAccessCidrs,
      message: "a prod cluster keeps a private endpoint only; remove publicAccessCidrs",
    });
  if (access.deployFrom === "internet") {
    if (prod)
      problems.push({
        path: ["deployFrom"],
        value: access.deployFrom,
        message:
          "prod's endpoint is private, so nothing on the internet reaches it; deploy from the runner",
      });
    else if (access.publicAccessCidrs.length === 0)
      problems.push({
        path: ["deployFrom"],
        value: access.deployFrom,
        message:
          "the endpoint is private only (publicAccessCidrs is empty), so pulumi on the internet cannot reach it; allowlist the egress CIDRs of the machines that run pulumi in publicAccessCidrs, or deploy from the runner",
      });
  } else if (access.publicAccessCidrs.length > 0) {
    // With both endpoints on, resolvers outside the cluster's VPC answer the endpoint's name with
    // the public addresses (the private hosted zone is associated with the cluster's VPC only:
    // EKS User Guide, "Cluster API server endpoint"); the runner would leave through its NAT.
    problems.push({
      path: ["publicAccessCidrs"],
      value: access.publicAccessCidrs,
      message:
        "with a public endpoint the cluster's name resolves to its public addresses outside its VPC, so the runner would go out through its NAT instead of over the Transit Gateway and miss the allowlist; remove publicAccessCidrs, or use deployFrom: internet",
    });
  }
  return problems;
}
