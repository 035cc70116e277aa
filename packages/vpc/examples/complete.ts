/**
 * A production VPC as a stack builds it: the config block validated by `vpcSchema` (which rejects
 * a subnet plan that does not fit before any resource exists), then the component with an explicit
 * provider. Three AZs, four tiers, a NAT gateway per AZ (no AZ depends on another's NAT), flow logs
 * to an S3 bucket instead of CloudWatch, the interface endpoints on, and the anchors protected.
 */
import * as aws from "@pulumi/aws";
import { Vpc, vpcSchema } from "../src";

export default function complete() {
  const config = vpcSchema.parse({
    cidr: "10.24.0.0/16",
    azCount: 3,
    azSlots: 4,
    natStrategy: "perAz",
    tiers: [
      { name: "private", prefixLength: 19 },
      { name: "public", prefixLength: 22 },
      { name: "data", prefixLength: 23 },
      { name: "transit", prefixLength: 28 },
    ],
    flowLogs: { destination: "s3", bucketArn: "arn:aws:s3:::example-prod-flow-logs" },
    interfaceEndpoints: true,
  });
  const zones = ["eu-west-1a", "eu-west-1b", "eu-west-1c"];
  const provider = new aws.Provider("prod", { region: "eu-west-1" });
  const vpc = new Vpc(
    "prod",
    {
      cidrBlock: config.cidr,
      availabilityZones: zones.slice(0, config.azCount),
      azSlots: config.azSlots,
      tiers: config.tiers,
      natStrategy: config.natStrategy,
      flowLogs: config.flowLogs,
      interfaceEndpoints: config.interfaceEndpoints,
      namePrefix: "prod",
      accountId: "300000000003",
      region: "eu-west-1",
      protect: true,
    },
    { provider },
  );
  return {
    vpcId: vpc.vpcId,
    subnetCidrs: vpc.subnetCidrs,
    privateRouteTableIds: vpc.routeTableIds.private,
  };
}
