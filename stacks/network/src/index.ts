import * as aws from "@pulumi/aws";
import { accountProvider, configError, defaultTags } from "@platform/core";
import { HybridConnectivity } from "@platform/hybrid";
import { accountLogSubscription } from "@platform/log-archive";
import { metricsReaderAccounts, networkMetricsReadRole } from "@platform/observability";
import { routingFor, TransitGatewayHub } from "@platform/transit-gateway";
import { config } from "./config";
import { deploySharedServices } from "./shared-services";
import { attachedSharedVpcs } from "./validate";

const env = config.account;
const provider = accountProvider("network-account", { env, tags: defaultTags(env, config.tags) });

/**
 * The hub's program. What needs a lookup (the region's AZs for the shared-services VPC) is checked
 * before the first resource, like the config itself.
 */
async function main() {
  const zones = config.sharedServices
    ? await availabilityZones(config.sharedServices.vpc.azCount)
    : [];

  // The hub carries every environment's traffic, prod included: its anchors are always protected.
  const hub = new TransitGatewayHub(
    "hub",
    {
      amazonSideAsn: config.transitGateway.amazonSideAsn,
      segments: config.segments,
      shareWith: config.transitGateway.shareWith,
      sharing: config.transitGateway.sharing,
      flowLogsRetentionInDays: config.transitGateway.flowLogsRetentionInDays,
      namePrefix: env.name,
      accountId: env.accountId,
      region: env.region,
      protect: true,
    },
    { provider },
  );

  const segments = hub.segmentOutputs(config.segments);

  // Every log group of the account (flow logs, tunnel logs, the runner's) ships to the log archive.
  if (config.logging)
    accountLogSubscription("network-log-subscription", config.logging, { provider });

  // The shared-services VPC, attached in its (shared) segment, and the deploy runner in it.
  const sharedServices = config.sharedServices
    ? deploySharedServices(config.sharedServices, {
        env,
        provider,
        zones,
        hub: { transitGatewayId: hub.transitGateway.id, segments, addressPlan: config.addressPlan },
        share: {
          with: config.transitGateway.shareWith,
          allowExternalPrincipals: config.transitGateway.sharing === "invitation",
        },
      })
    : undefined;

  // Direct Connect with VPN failover, attached to the hub in the hybrid segment.
  const hybridConfig = config.hybrid;
  const hybrid = hybridConfig
    ? new HybridConnectivity(
        "hybrid",
        {
          config: hybridConfig,
          transitGatewayAsn: config.transitGateway.amazonSideAsn,
          addressPlan: config.addressPlan,
          attachedSharedVpcs: attachedSharedVpcs(config),
          hybridSummarises: config.segments[hybridConfig.segment]?.summarise === true,
          transitGatewayId: hub.transitGateway.id,
          hybridRouteTableId: hub.routeTables[hybridConfig.segment]!.id,
          propagateRouteTableIds: Object.fromEntries(
            routingFor(config.segments, hybridConfig.segment).propagateTo.map((s) => [
              s,
              hub.routeTables[s]!.id,
            ]),
          ),
          dxBgpAuthKey: config.secrets["dxBgpAuthKey"],
          preSharedKeys: Object.fromEntries(
            hybridConfig.vpn.devices.map((d) => [
              d.name,
              [
                config.secrets[`vpnPsk-${d.name}-1`]!,
                config.secrets[`vpnPsk-${d.name}-2`]!,
              ] as const,
            ]),
          ),
          namePrefix: env.name,
          accountId: env.accountId,
          region: env.region,
          protect: true,
        },
        { provider },
      )
    : undefined;

  // The environments' Grafana reads the DX/VPN metrics here through a read-only role that trusts
  // only their Grafana roles (hub contract networkMetrics; @platform/observability).
  const readers = metricsReaderAccounts(config.transitGateway.shareWith);
  const metricsRead = readers.length
    ? networkMetricsReadRole(
        { trustedAccountIds: readers, accountId: env.accountId, region: env.region },
        { provider },
      )
    : undefined;

  // The contract environment stacks read (see @platform/transit-gateway's hubOutputsSchema).
  return {
    accountId: env.accountId,
    region: env.region,
    transitGatewayId: hub.transitGateway.id,
    transitGatewayArn: hub.transitGateway.arn,
    amazonSideAsn: config.transitGateway.amazonSideAsn,
    segments,
    addressPlan: config.addressPlan,
    ram: { mode: config.transitGateway.sharing, shareArn: hub.share?.arn },
    /** Where environment stacks deploy from (hub contract: what their clusters must admit). */
    deployRunner: sharedServices?.deployRunner,
    /** The label workflows put in `runs-on` for jobs on the deploy runner. */
    deployRunnerLabel: sharedServices?.deployRunnerLabel,
    /** Everything the on-premises team configures on its routers (no secrets). */
    onPremisesRouterConfig: hybrid?.routerConfig,
    directConnect: config.hybrid?.directConnect
      ? { allowedPrefixQuota: config.hybrid.allowedPrefixQuota }
      : undefined,
    hybridAlarmTopicArn: hybrid?.topicArn,
    /** Hybrid DNS (hub contract): the internal domain, the inbound addresses, the shared rules. */
    dns: sharedServices?.dns,
    /** The read-only CloudWatch role environment Grafana assumes (hub contract). */
    networkMetrics: metricsRead && { readRoleArn: metricsRead.arn },
  };
}

/** The region's available AZs, refused before any resource when the config asks for more. */
async function availabilityZones(azCount: number): Promise<string[]> {
  const zones = (await aws.getAvailabilityZones({ state: "available" }, { provider })).names;
  if (azCount > zones.length) {
    throw configError(
      "sharedServices.vpc.azCount",
      azCount,
      `${env.region} offers ${zones.length} AZs (${zones.join(", ")}); use at most ${zones.length}`,
    );
  }
  return zones;
}

export = main();
