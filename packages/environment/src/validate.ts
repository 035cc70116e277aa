/**
 * The environment blueprint's rules across config sections, one validator per area aggregated into
 * one report (as AWS Landing Zone Accelerator does): the schema runs `environmentProblems` on the
 * loaded config, and the blueprint runs `hubProblems` once it has read the hub's outputs, both
 * before the first resource. Section-level rules live with their schemas (`@platform/vpc`,
 * `@platform/eks`, `@platform/delivery`, `@platform/etcd`).
 */
import { cidrContains, parseCidr, under } from "@platform/core";
import type { Problem } from "@platform/core";
import { deliveryProblems } from "@platform/delivery";
import { apiAccessProblems, pulumiRoleArns, VELERO_NAMESPACE } from "@platform/eks";
import { placementProblems } from "@platform/etcd";
import type { HubOutputs } from "@platform/transit-gateway";
import { environmentSegment, kubernetesApiReachProblems } from "./reach";
import type { EnvironmentStackConfig } from "./schema";

/** The namespace the blueprint runs etcd in. */
export const ETCD_NAMESPACE = "etcd";
/** The namespace the EKS cert-manager add-on installs into. */
const CERT_MANAGER_NAMESPACE = "cert-manager";

/** Tiers the VPC needs: private for the EKS nodes and endpoints, transit for the hub attachment. */
const REQUIRED_TIERS = ["private", "transit"] as const;

export function environmentProblems(cfg: EnvironmentStackConfig): Problem[] {
  return [
    ...vpcProblems(cfg),
    ...kubernetesAccessProblems(cfg),
    ...(cfg.etcd ? etcdPlacementProblems(cfg, cfg.etcd) : []),
    ...(cfg.delivery
      ? under(
          ["delivery"],
          deliveryProblems(cfg.delivery, {
            namePrefix: cfg.account.name,
            accountId: cfg.account.accountId,
            platformNamespaces: platformNamespaces(cfg),
          }),
        )
      : []),
  ];
}

/** Namespaces the platform itself runs in on this environment's cluster. */
export function platformNamespaces(cfg: Pick<EnvironmentStackConfig, "etcd">): string[] {
  return [VELERO_NAMESPACE, CERT_MANAGER_NAMESPACE, ...(cfg.etcd ? [ETCD_NAMESPACE] : [])];
}

function vpcProblems(cfg: EnvironmentStackConfig): Problem[] {
  const problems: Problem[] = [];
  const tiers = cfg.vpc.tiers.map((t) => t.name);
  for (const tier of REQUIRED_TIERS) {
    if (!tiers.includes(tier)) {
      problems.push({
        path: ["vpc", "tiers"],
        value: tiers,
        message:
          tier === "private"
            ? "has no private tier, where the EKS cluster and its nodes run; append one"
            : "has no transit tier, the subnets of the Transit Gateway attachment; append one (a /28 is enough)",
      });
    }
  }
  // CreateCluster needs subnets in at least two Availability Zones (Amazon EKS User Guide,
  // "View Amazon EKS networking requirements for VPC and subnets").
  if (cfg.vpc.azCount < 2) {
    problems.push({
      path: ["vpc", "azCount"],
      value: cfg.vpc.azCount,
      message: "is below 2; EKS needs subnets in at least two Availability Zones",
    });
  }
  return problems;
}

/**
 * The Kubernetes provider must reach the API endpoint from where pulumi runs (`eks.apiAccess`),
 * and the administrators' role cannot also be a role pulumi runs as (one access entry each).
 */
function kubernetesAccessProblems(cfg: EnvironmentStackConfig): Problem[] {
  const problems = under(
    ["eks", "apiAccess"],
    apiAccessProblems(cfg.eks.apiAccess, cfg.account.tier === "prod"),
  );
  const pulumiRoles = Object.values(pulumiRoleArns(cfg.account.roleArn));
  if (pulumiRoles.includes(cfg.eks.adminRoleArn))
    problems.push({
      path: ["eks", "adminRoleArn"],
      value: cfg.eks.adminRoleArn,
      message: `is a role pulumi runs as (${pulumiRoles.join(", ")}), which has its own access entry; a principal has one: use a separate administrators' role`,
    });
  return problems;
}

/** Where a placement problem's path points in the stack config. */
const PLACEMENT_KEYS: Record<string, ReadonlyArray<string>> = {
  members: ["etcd", "members"],
  nodeGroup: ["etcd", "nodeGroup"],
  resources: ["etcd", "resources"],
  zones: ["vpc", "azCount"],
};

/**
 * etcd's members must fit the nodes the node groups guarantee, spread over the VPC's AZs, and in
 * production survive the loss of one (`@platform/etcd` placementProblems).
 */
function etcdPlacementProblems(
  cfg: EnvironmentStackConfig,
  etcd: NonNullable<EnvironmentStackConfig["etcd"]>,
): Problem[] {
  return placementProblems({
    members: etcd.members,
    zones: cfg.vpc.azCount,
    nodeGroups: cfg.eks.nodeGroups,
    nodeGroup: etcd.nodeGroup,
    resources: etcd.resources,
    survivesZoneLoss: cfg.account.tier === "prod",
  }).map((p) => {
    const [head, ...rest] = p.path;
    return { ...p, path: [...PLACEMENT_KEYS[String(head)]!, ...rest] };
  });
}

/**
 * The environment's place in the hub: its allocation and segment in the hub's address plan, the
 * segment's tier against the account's, the Region (a VPC attaches only to a Transit Gateway in its
 * own Region), the account of the spoke role, and the deploy runner's path to the cluster's API
 * (`kubernetesApiReachProblems`). All problems at once.
 */
export function hubProblems(
  cfg: Pick<EnvironmentStackConfig, "account" | "network" | "vpc" | "eks">,
  hub: HubOutputs,
): Problem[] {
  const problems: Problem[] = [];
  const name = cfg.account.name;
  const allocation = hub.addressPlan.environments[name];
  const chosen = environmentSegment(cfg, hub);
  const segment = chosen === undefined ? undefined : hub.segments[chosen];
  const knownSegments = `known segments: ${Object.keys(hub.segments).join(", ")}`;
  if (!allocation) {
    problems.push({
      path: ["account", "name"],
      value: name,
      message: `has no allocation in the network stack's address plan (known: ${Object.keys(hub.addressPlan.environments).join(", ")}); add it to the network stack's addressPlan.environments first`,
    });
  }
  if (!segment) {
    if (chosen !== undefined)
      problems.push(
        cfg.network.segment === undefined
          ? {
              path: ["account", "name"],
              value: name,
              message: `the network stack's address plan puts ${name} in segment ${chosen}, which is not a segment of the hub; ${knownSegments}`,
            }
          : {
              path: ["network", "segment"],
              value: chosen,
              message: `is not a segment of the hub; ${knownSegments}`,
            },
      );
  } else if (
    allocation &&
    cfg.network.segment !== undefined &&
    allocation.segment !== cfg.network.segment
  ) {
    problems.push({
      path: ["network", "segment"],
      value: cfg.network.segment,
      message: `the network stack's address plan puts ${name} in segment ${allocation.segment}; use ${allocation.segment}`,
    });
  } else if (segment.tier !== cfg.account.tier) {
    // An account joins a segment of its own tier, so prod and nonprod never share a route table.
    problems.push({
      ...(cfg.network.segment === undefined
        ? {
            path: ["account", "tier"],
            value: cfg.account.tier,
            message: `${name} joins the ${segment.tier} segment ${chosen} (the network stack's address plan); a ${cfg.account.tier} account joins a ${cfg.account.tier} segment`,
          }
        : {
            path: ["network", "segment"],
            value: chosen,
            message: `is a ${segment.tier} segment but account.tier is ${cfg.account.tier}; a ${cfg.account.tier} account joins a ${cfg.account.tier} segment`,
          }),
    });
  }
  if (allocation && !cidrContains(parseCidr(allocation.cidr), parseCidr(cfg.vpc.cidr))) {
    problems.push({
      path: ["vpc", "cidr"],
      value: cfg.vpc.cidr,
      message: `is outside ${name}'s allocation ${allocation.cidr} in the network stack's address plan; use a block inside it`,
    });
  }
  // A VPC attachment joins a Transit Gateway in the VPC's own Region (Amazon VPC Transit Gateways,
  // "Transit gateway attachments to a VPC"); other Regions need peering, which the hub does not do.
  if (cfg.account.region !== hub.region) {
    problems.push({
      path: ["account", "region"],
      value: cfg.account.region,
      message: `differs from the hub's Region ${hub.region}; a VPC attaches only to a Transit Gateway in its own Region`,
    });
  }
  const roleAccount = /::(\d{12}):/.exec(cfg.network.hubRoleArn)?.[1];
  if (roleAccount && roleAccount !== hub.accountId) {
    problems.push({
      path: ["network", "hubRoleArn"],
      value: cfg.network.hubRoleArn,
      message: `is in account ${roleAccount} but the hub is in account ${hub.accountId}; use the spoke role in the network account`,
    });
  }
  problems.push(...kubernetesApiReachProblems(cfg, hub));
  return problems;
}
