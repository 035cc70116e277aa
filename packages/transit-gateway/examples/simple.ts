/**
 * A hub with two segments and a spoke, in one (network) account: the config validated by the
 * package's schemas, a Transit Gateway with a route table per segment shared with one workload
 * account, and a VPC of the same account attached in the nonprod segment. A same-account spoke
 * needs no acceptance step and no second provider; an environment stack in another account passes
 * `networkProvider` and reads the hub with `readHubOutputs` instead.
 */
import * as aws from "@pulumi/aws";
import {
  addressPlanSchema,
  segmentsSchema,
  TransitGatewayHub,
  TransitGatewaySpoke,
  transitGatewaySchema,
} from "../src";

export default function simple() {
  const transitGateway = transitGatewaySchema.parse({
    amazonSideAsn: 64512,
    shareWith: ["200000000002"],
    sharing: "organization",
    flowLogsRetentionInDays: 90,
  });
  // nonprod and shared reach each other (reachability is mutual); nonprod may never reach prod.
  const segments = segmentsSchema.parse({
    nonprod: { tier: "nonprod", reaches: ["shared"] },
    shared: { tier: "shared", reaches: ["nonprod"] },
  });
  const addressPlan = addressPlanSchema.parse({
    onPremises: ["172.16.0.0/12"],
    sharedServices: ["10.8.0.0/16"],
    environments: { tools: { cidr: "10.16.0.0/14", segment: "nonprod" } },
  });

  const hub = new TransitGatewayHub("hub", {
    ...transitGateway,
    segments,
    namePrefix: "network",
    accountId: "100000000001",
    region: "eu-west-1",
  });

  const vpc = new aws.ec2.Vpc("tools", { cidrBlock: "10.16.0.0/16" });
  const transitSubnets = ["a", "b"].map(
    (az, i) =>
      new aws.ec2.Subnet(`tools-transit-${az}`, {
        vpcId: vpc.id,
        cidrBlock: `10.16.255.${i * 16}/28`,
        availabilityZone: `eu-west-1${az}`,
      }),
  );
  const privateTable = new aws.ec2.RouteTable("tools-private", { vpcId: vpc.id });

  const spoke = new TransitGatewaySpoke("tools-spoke", {
    hub: {
      transitGatewayId: hub.transitGateway.id,
      segments: hub.segmentOutputs(segments),
      addressPlan,
    },
    segment: "nonprod",
    vpcId: vpc.id,
    transitSubnetIds: transitSubnets.map((s) => s.id),
    routeTables: [{ label: "tools-private", id: privateTable.id }],
    summaryCidr: addressPlan.environments["tools"]!.cidr,
    namePrefix: "tools",
  });

  return { transitGatewayId: hub.transitGateway.id, attachmentId: spoke.attachmentId };
}
