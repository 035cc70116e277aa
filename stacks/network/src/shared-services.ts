import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GitHubActionsRunner } from "@platform/ci-runner";
import type { Environment } from "@platform/core";
import { HybridDns } from "@platform/dns";
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
  /** Who the hub shares with through RAM (the Transit Gateway's principals and mode). */
  readonly share: { readonly with: readonly string[]; readonly allowExternalPrincipals: boolean };
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
  { env, provider, zones, hub, share }: SharedServicesContext,
): {
  deployRunner: HubOutputs["deployRunner"];
  deployRunnerLabel?: string;
  dns?: pulumi.Output<NonNullable<HubOutputs["dns"]>>;
} {
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
  const dns = shared.dns && hybridDns(shared.dns, { env, provider, hub, share }, vpc);
  if (!shared.deployRunner) return { deployRunner: undefined, dns };
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
    dns,
  };
}

/**
 * Route 53 Resolver in the shared-services VPC's private subnets: DNS is allowed from the whole
 * address plan (on premises, shared services, every environment), the forwarding rules are shared
 * with the Transit Gateway's principals. What spokes need goes into the hub contract (`dns`).
 */
function hybridDns(
  dns: NonNullable<NonNullable<NetworkStackShape["sharedServices"]>["dns"]>,
  { env, provider, hub, share }: Omit<SharedServicesContext, "zones">,
  vpc: Vpc,
): pulumi.Output<NonNullable<HubOutputs["dns"]>> {
  const plan = hub.addressPlan;
  const resolver = new HybridDns(
    "shared-dns",
    {
      config: dns,
      vpcId: vpc.vpcId,
      subnetIds: vpc.subnetIds.private,
      subnetCidrs: vpc.subnetCidrs.private,
      sourceCidrs: [
        ...plan.onPremises,
        ...plan.sharedServices,
        ...Object.values(plan.environments).map((e) => e.cidr),
      ],
      shareWith: share.with,
      allowExternalPrincipals: share.allowExternalPrincipals,
      namePrefix: env.name,
      accountId: env.accountId,
      region: env.region,
      protect: true,
    },
    { provider },
  );
  return pulumi.output({
    internalDomain: dns.internalDomain,
    vpcId: vpc.vpcId,
    inboundAddresses: resolver.inboundAddresses,
    ruleIds: resolver.ruleIds,
    shareArn: resolver.shareArn,
  });
}
