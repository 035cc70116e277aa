/**
 * A development VPC: two AZs, private, public and transit tiers, one NAT gateway shared by both
 * AZs, flow logs to an encrypted CloudWatch log group kept 90 days, and the default endpoints
 * (the S3 gateway endpoint and the interface endpoints private EKS nodes need).
 */
import { Vpc } from "../src";

export default function simple() {
  const vpc = new Vpc("dev", {
    cidrBlock: "10.16.0.0/16",
    availabilityZones: ["eu-west-1a", "eu-west-1b"],
    tiers: [
      { name: "private", prefixLength: 19 },
      { name: "public", prefixLength: 22 },
      { name: "transit", prefixLength: 28 },
    ],
    natStrategy: "single",
    flowLogs: { destination: "cloudwatch", retentionInDays: 90 },
    namePrefix: "dev",
    accountId: "200000000002",
    region: "eu-west-1",
  });
  return {
    vpcId: vpc.vpcId,
    privateSubnetIds: vpc.subnetIds.private,
    transitSubnetIds: vpc.subnetIds.transit,
  };
}
