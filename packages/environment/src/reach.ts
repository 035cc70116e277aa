/**
 * Can the Kubernetes provider reach the environment's API endpoint from where pulumi runs? What
 * the hub must provide for `eks.apiAccess.deployFrom: runner`, checked on the hub's outputs
 * before any resource exists. (What the config alone decides is in @platform/eks apiAccessProblems.)
 */
import { cidrContains, parseCidr } from "@platform/core";
import type { Problem } from "@platform/core";
import type { HubOutputs } from "@platform/transit-gateway";
import type { EnvironmentStackConfig } from "./schema";

const covers = (ranges: readonly string[], cidr: string) =>
  ranges.some((r) => cidrContains(parseCidr(r), parseCidr(cidr)));

/**
 * With the runner: the hub has one; the runner's segment and the environment's route to each
 * other (each propagates into the other's table); the runner's VPC routes this environment's
 * allocation to the Transit Gateway; and this VPC routes the runner's subnets back (its spoke routes the shared-services
 * ranges, so the runner's subnets must lie in them).
 */
export function kubernetesApiReachProblems(
  config: Pick<EnvironmentStackConfig, "account" | "eks" | "network">,
  hub: HubOutputs,
): Problem[] {
  if (config.eks.apiAccess.deployFrom !== "runner") return [];
  const path = ["eks", "apiAccess", "deployFrom"];
  const runner = hub.deployRunner;
  if (!runner) {
    return [
      {
        path,
        value: "runner",
        message:
          "the network stack exports no deployRunner, so nothing routed reaches this cluster's private endpoint; add sharedServices.deployRunner to Pulumi.network.yaml and deploy the network stack, or deploy from the internet outside prod",
      },
    ];
  }
  const problems: Problem[] = [];
  const segment = environmentSegment(config, hub);
  if (segment === undefined) return problems; // no allocation: reported by hubProblems
  const own = hub.segments[segment];
  const theirs = hub.segments[runner.segment];
  if (own && !own.propagateTo.includes(runner.segment))
    problems.push({
      path,
      value: "runner",
      message: `the hub's ${runner.segment} segment (the deploy runner's) has no route to the ${segment} segment: ${segment} does not propagate into it; let ${runner.segment} reach ${segment} in the network stack's segments`,
    });
  if (theirs && !theirs.propagateTo.includes(segment))
    problems.push({
      path,
      value: "runner",
      message: `the hub's ${segment} segment has no route back to the deploy runner's ${runner.segment} segment; let ${segment} reach ${runner.segment} in the network stack's segments`,
    });
  // The VPC lies in its allocation (hubProblems checks that); the runner must route the allocation.
  const allocation = hub.addressPlan.environments[config.account.name];
  if (allocation && !covers(runner.routes, allocation.cidr))
    problems.push({
      path,
      value: "runner",
      message: `the deploy runner's VPC routes only ${runner.routes.join(", ")} to the Transit Gateway, not ${config.account.name}'s allocation ${allocation.cidr}; deploy the network stack after adding ${config.account.name} to its address plan`,
    });
  const unrouted = runner.cidrs.filter((c) => !covers(hub.addressPlan.sharedServices, c));
  if (unrouted.length)
    problems.push({
      path,
      value: "runner",
      message: `the deploy runner's subnets ${unrouted.join(", ")} lie outside the shared-services ranges (${hub.addressPlan.sharedServices.join(", ")}) this VPC routes to the Transit Gateway, so the API's answers would not get back`,
    });
  return problems;
}

/** The CIDRs the cluster security group admits on 443: the runner's subnets when deploying from it. */
export function apiSourceCidrs(
  config: Pick<EnvironmentStackConfig, "eks">,
  hub: HubOutputs,
): readonly string[] {
  return config.eks.apiAccess.deployFrom === "runner" ? (hub.deployRunner?.cidrs ?? []) : [];
}

/**
 * Where pulumi runs, as the stack's `deployLocation` output: the shape preflight's
 * `k8s-provider-access` rule reads (packages/preflight, `DeployLocation`), so the plan carries
 * the deploy location next to the cluster's endpoint settings and security group rules.
 */
export function deployLocation(
  config: Pick<EnvironmentStackConfig, "eks">,
  hub: HubOutputs,
):
  | {
      network: "vpc";
      vpcCidr: string;
      sourceCidrs: readonly string[];
      reachableCidrs: readonly string[];
    }
  | { network: "internet"; egressCidrs: readonly string[] } {
  const runner = hub.deployRunner;
  if (config.eks.apiAccess.deployFrom === "runner" && runner)
    return {
      network: "vpc",
      vpcCidr: runner.vpcCidr,
      sourceCidrs: runner.cidrs,
      reachableCidrs: runner.routes,
    };
  // deployFrom internet: the allowlist is the egress of the machines that deploy.
  return { network: "internet", egressCidrs: config.eks.apiAccess.publicAccessCidrs };
}

/**
 * The hub segment an environment joins: the one the hub's address plan gives its allocation
 * (declared once, in the network stack), unless the stack's config restates it as
 * `network.segment` (then the two must agree, see hubProblems).
 */
export function environmentSegment(
  cfg: Pick<EnvironmentStackConfig, "account" | "network">,
  hub: Pick<HubOutputs, "addressPlan">,
): string | undefined {
  return cfg.network.segment ?? hub.addressPlan.environments[cfg.account.name]?.segment;
}
