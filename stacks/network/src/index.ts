import { accountProvider, defaultTags } from "@platform/core";
import { TransitGatewayHub } from "@platform/transit-gateway";
import { config } from "./config";

const env = config.account;
const provider = accountProvider("network-account", { env, tags: defaultTags(env, config.tags) });

// The hub carries every environment's traffic, prod included: its anchors are always protected.
const hub = new TransitGatewayHub(
  "hub",
  {
    amazonSideAsn: config.transitGateway.amazonSideAsn,
    segments: config.segments,
    shareWith: config.transitGateway.shareWith,
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
