import { accountProvider, defaultTags } from "@platform/core";
import { HybridConnectivity } from "@platform/hybrid";
import { routingFor, TransitGatewayHub } from "@platform/transit-gateway";
import { config } from "./config";
import { deploySharedServices } from "./shared-services";
import { attachedSharedVpcs } from "./validate";

const env = config.account;
const provider = accountProvider("network-account", { env, tags: defaultTags(env, config.tags) });

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

// The contract environment stacks read (see @platform/transit-gateway's hubOutputsSchema).
export const accountId = env.accountId;
export const region = env.region;
export const transitGatewayId = hub.transitGateway.id;
export const transitGatewayArn = hub.transitGateway.arn;
export const amazonSideAsn = config.transitGateway.amazonSideAsn;
export const segments = hub.segmentOutputs(config.segments);
export const addressPlan = config.addressPlan;
export const ram = { mode: config.transitGateway.sharing, shareArn: hub.share?.arn };

// The shared-services VPC, attached in its (shared) segment, and the deploy runner in it.
const sharedServices = config.sharedServices
  ? deploySharedServices(config.sharedServices, {
      env,
      provider,
      hub: { transitGatewayId: hub.transitGateway.id, segments, addressPlan: config.addressPlan },
    })
  : undefined;
/** Where environment stacks deploy from (hub contract: what their clusters must admit). */
export const deployRunner = sharedServices?.then((s) => s.deployRunner);
/** The label workflows put in `runs-on` for jobs on the deploy runner. */
export const deployRunnerLabel = sharedServices?.then((s) => s.deployRunnerLabel);

// Direct Connect with VPN failover, attached to the hub in the hybrid segment.
const hybridConfig = config.hybrid;
const hybrid = hybridConfig
  ? new HybridConnectivity(
      "hybrid",
      {
        spec: {
          transitGatewayAsn: config.transitGateway.amazonSideAsn,
          directConnect: hybridConfig.directConnect,
          vpn: { devices: hybridConfig.vpn.devices, tunnel: hybridConfig.vpn.tunnel },
          allowedPrefixQuota: hybridConfig.allowedPrefixQuota,
        },
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
            [config.secrets[`vpnPsk-${d.name}-1`]!, config.secrets[`vpnPsk-${d.name}-2`]!] as const,
          ]),
        ),
        alarmEmails: hybridConfig.alarmEmails,
        tunnelLogRetentionInDays: hybridConfig.vpn.tunnelLogRetentionInDays,
        namePrefix: env.name,
        accountId: env.accountId,
        region: env.region,
        protect: true,
      },
      { provider },
    )
  : undefined;

/** Everything the on-premises team configures on its routers (no secrets). */
export const onPremisesRouterConfig = hybrid?.routerConfig;
export const hybridAlarmTopicArn = hybrid?.topicArn;
