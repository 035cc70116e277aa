/** NAT gateways per the VPC's strategy: none, one in the first AZ, or one per AZ. */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { NatStrategy } from "./schema";
import type { Subnets } from "./subnets";
import { azSuffix } from "./subnets";

/** How many NAT gateways a strategy creates in `azCount` AZs. */
export function natCount(strategy: NatStrategy, azCount: number): number {
  if (strategy === "perAz") return azCount;
  return strategy === "single" ? 1 : 0;
}

/**
 * An Elastic IP and a NAT gateway in the public subnet of each of the first `natCount` AZs, after
 * the internet gateway (a public NAT gateway needs it to reach the internet). Returns the NAT
 * gateway a private route table of AZ i uses (its own with perAz, the first one with single).
 */
export function natGateways(
  parent: pulumi.Resource,
  name: string,
  strategy: NatStrategy,
  zones: readonly string[],
  subnets: Subnets,
  igw: aws.ec2.InternetGateway | undefined,
): (azIndex: number) => aws.ec2.NatGateway | undefined {
  const nats = zones.slice(0, natCount(strategy, zones.length)).map((az, i) => {
    const suffix = azSuffix(az);
    const eip = new aws.ec2.Eip(
      `${name}-nat-${suffix}`,
      { domain: "vpc", tags: { Name: `${name}-nat-${suffix}` } },
      { parent },
    );
    return new aws.ec2.NatGateway(
      `${name}-nat-${suffix}`,
      {
        allocationId: eip.id,
        subnetId: subnets.of("public", i).id,
        tags: { Name: `${name}-nat-${suffix}` },
      },
      { parent, dependsOn: igw ? [igw] : [] },
    );
  });
  return (azIndex) => nats[strategy === "perAz" ? azIndex : 0];
}
