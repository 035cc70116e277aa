/**
 * VPC endpoints: the S3 gateway endpoint on the private and data route tables, and the interface
 * endpoints private EKS nodes need without a NAT path, behind a security group that admits HTTPS
 * from the VPC.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** The interface endpoints private EKS nodes need without a NAT path. */
export const EKS_INTERFACE_ENDPOINTS = ["ecr.api", "ecr.dkr", "sts", "ec2", "logs"] as const;

export interface EndpointsContext {
  readonly vpc: aws.ec2.Vpc;
  readonly cidrBlock: string;
  readonly region: string;
  /** The route tables of the private and data tiers: the S3 gateway endpoint's. */
  readonly gatewayRouteTableIds: readonly pulumi.Output<string>[];
  /** The private subnets: the interface endpoints' (none: no interface endpoints). */
  readonly privateSubnetIds: readonly pulumi.Output<string>[];
  /** Create the interface endpoints in {@link EKS_INTERFACE_ENDPOINTS}. */
  readonly interfaceEndpoints: boolean;
}

export function vpcEndpoints(parent: pulumi.Resource, name: string, ctx: EndpointsContext): void {
  const { vpc, region } = ctx;
  if (ctx.gatewayRouteTableIds.length > 0) {
    new aws.ec2.VpcEndpoint(
      `${name}-s3`,
      {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: [...ctx.gatewayRouteTableIds],
        tags: { Name: `${name}-s3` },
      },
      { parent },
    );
  }
  if (!ctx.interfaceEndpoints || ctx.privateSubnetIds.length === 0) return;
  const sg = new aws.ec2.SecurityGroup(
    `${name}-endpoints`,
    {
      vpcId: vpc.id,
      description: "HTTPS from the VPC to interface endpoints",
      tags: { Name: `${name}-endpoints` },
    },
    { parent },
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-endpoints-https`,
    {
      securityGroupId: sg.id,
      cidrIpv4: ctx.cidrBlock,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "HTTPS from the VPC",
    },
    { parent },
  );
  for (const service of EKS_INTERFACE_ENDPOINTS) {
    new aws.ec2.VpcEndpoint(
      `${name}-${service.replace(".", "-")}`,
      {
        vpcId: vpc.id,
        serviceName: `com.amazonaws.${region}.${service}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: [...ctx.privateSubnetIds],
        securityGroupIds: [sg.id],
        tags: { Name: `${name}-${service}` },
      },
      { parent },
    );
  }
}
