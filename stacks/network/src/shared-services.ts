import type * as aws from "@pulumi/aws";
import { GitHubActionsRunner } from "@platform/ci-runner";
import type { Environment } from "@platform/core";
import { sharedServicesRouting, TransitGatewaySpoke } from "@platform/transit-gateway";
import type { HubOutputs, SpokeHub } from "@platform/transit-gateway";
import { Vpc } from "@platform/vpc";
import type { NetworkStackShape } from "./config";

export interface SharedServicesContext {
  readonly env: Environment;
  readonly provider: aws.Provider;
  /** The region's AZs, looked up (and checked against `vpc.azCount`) before any resource. */
  readonly zones: readonly string[];
  /** The hub's own Transit Gateway, segment tables and address plan. */
  readonly hub: SpokeHub & { readonly addressPlan: NetworkStackShape["addressPlan"] };
}

/**
 * The shared-services VPC, attached to the hub in its shared-tier segment like any spoke, but from
 * the hub's own account: no acceptance step. Its private tables route on-premises and every
 * environment's allocation to the Transit Gateway; it stands for its whole shared-services range
 * in the hybrid table (so that range is routable, and advertised over DX). The deploy runner runs
 * in its private subnets.
 */
export function deploySharedServices(
  shared: NonNullable<NetworkStackShape["sharedServices"]>,
  { env, provider, zones, hub }: SharedServicesContext,
): { deployRunner: HubOutputs["deployRunner"]; deployRunnerLabel?: string } {
  const vpc = new Vpc(
    "shared-services",
    {
      cidrBlock: shared.vpc.cidr,
      availabilityZones: zones.slice(0, shared.vpc.azCount),
      azSlots: shared.vpc.azSlots,
      tiers: shared.vpc.tiers,
      natStrategy: shared.vpc.natStrategy,
      flowLogs: shared.vpc.flowLogs,
      interfaceEndpoints: shared.vpc.interfaceEndpoints,
      namePrefix: env.name,
      accountId: env.accountId,
      region: env.region,
      protect: true,
    },
    { provider },
  );
  const routing = sharedServicesRouting(hub.addressPlan, shared.vpc.cidr);
  new TransitGatewaySpoke(
    "shared-services-spoke",
    {
      hub,
      segment: shared.segment,
      vpcId: vpc.vpcId,
      transitSubnetIds: vpc.subnetIds.transit,
      routeTables: [...vpc.routeTables.private, ...vpc.routeTables.data],
      destinations: routing.destinations,
      summaryCidr: routing.summaryCidr,
      namePrefix: "shared-services",
    },
    { provider },
  );
  if (!shared.deployRunner) return { deployRunner: undefined };
  const runner = new GitHubActionsRunner(
    "deploy-runner",
    {
      ...shared.deployRunner,
      vpcId: vpc.vpcId,
      subnetIds: vpc.subnetIds.private,
      namePrefix: env.name,
      accountId: env.accountId,
      region: env.region,
      protect: true,
    },
    { provider },
  );
  return {
    deployRunner: {
      projectName: runner.projectName,
      segment: shared.segment,
      vpcCidr: vpc.cidrBlock,
      cidrs: vpc.subnetCidrs.private,
      routes: [...routing.destinations],
    },
    deployRunnerLabel: runner.runsOn,
  };
}
