import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { HubOutputs } from "./hub-outputs";

export interface TransitGatewaySpokeArgs {
  readonly hub: HubOutputs;
  /** The segment this VPC belongs to (decides association and propagations). */
  readonly segment: string;
  readonly vpcId: pulumi.Input<string>;
  /** Subnets the attachment uses: one transit subnet per AZ. */
  readonly transitSubnetIds: pulumi.Input<string>[];
  /** Route tables that get routes to the Transit Gateway for on-premises and shared ranges. */
  readonly routeTables: ReadonlyArray<{
    readonly label: string;
    readonly id: pulumi.Input<string>;
  }>;
  /** The environment's allocation: the static route installed in summarising segments' tables. */
  readonly summaryCidr: string;
  /** Provider in the network account (assumes its spoke role) for acceptance and routing. */
  readonly networkProvider: aws.Provider;
  readonly namePrefix: string;
}

/**
 * A VPC's attachment to the hub. The attachment and the VPC routes are made in the environment
 * account; acceptance, association and propagations through a provider in the network account,
 * so the hub never needs to know the spokes.
 */
export class TransitGatewaySpoke extends pulumi.ComponentResource {
  readonly attachmentId: pulumi.Output<string>;

  constructor(name: string, args: TransitGatewaySpokeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:TransitGatewaySpoke", name, {}, opts);
    const segment = args.hub.segments[args.segment];
    if (!segment) {
      throw new pulumi.ResourceError(
        `segment "${args.segment}" is not a segment of the hub; known segments: ${Object.keys(args.hub.segments).join(", ")}`,
        this,
      );
    }
    const child = { parent: this };
    const inNetwork = { parent: this, provider: args.networkProvider };

    const attachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-attachment`,
      {
        transitGatewayId: args.hub.transitGatewayId,
        vpcId: args.vpcId,
        subnetIds: args.transitSubnetIds,
        dnsSupport: "enable",
        applianceModeSupport: "disable",
        tags: { Name: `${args.namePrefix}-${args.segment}`, Segment: args.segment },
      },
      child,
    );
    const accepter = new aws.ec2transitgateway.VpcAttachmentAccepter(
      `${name}-accept`,
      {
        transitGatewayAttachmentId: attachment.id,
        transitGatewayDefaultRouteTableAssociation: false,
        transitGatewayDefaultRouteTablePropagation: false,
        tags: { Name: `${args.namePrefix}-${args.segment}`, Segment: args.segment },
      },
      inNetwork,
    );
    new aws.ec2transitgateway.RouteTableAssociation(
      `${name}-associate-${args.segment}`,
      {
        transitGatewayAttachmentId: accepter.transitGatewayAttachmentId,
        transitGatewayRouteTableId: segment.routeTableId,
      },
      inNetwork,
    );
    for (const target of segment.propagateTo) {
      new aws.ec2transitgateway.RouteTablePropagation(
        `${name}-propagate-${target}`,
        {
          transitGatewayAttachmentId: accepter.transitGatewayAttachmentId,
          transitGatewayRouteTableId: args.hub.segments[target]!.routeTableId,
        },
        inNetwork,
      );
    }

    for (const target of segment.summariseInto ?? []) {
      new aws.ec2transitgateway.Route(
        `${name}-summary-${target}`,
        {
          destinationCidrBlock: args.summaryCidr,
          transitGatewayAttachmentId: accepter.transitGatewayAttachmentId,
          transitGatewayRouteTableId: args.hub.segments[target]!.routeTableId,
        },
        inNetwork,
      );
    }

    const destinations = [
      ...args.hub.addressPlan.onPremises,
      ...args.hub.addressPlan.sharedServices,
    ];
    for (const table of args.routeTables) {
      for (const cidr of destinations) {
        new aws.ec2.Route(
          `${name}-${table.label}-to-${cidr.replace(/[./]/g, "-")}`,
          {
            routeTableId: table.id,
            destinationCidrBlock: cidr,
            transitGatewayId: args.hub.transitGatewayId,
          },
          { ...child, dependsOn: [accepter] },
        );
      }
    }

    this.attachmentId = attachment.id;
    this.registerOutputs({ attachmentId: this.attachmentId });
  }
}
