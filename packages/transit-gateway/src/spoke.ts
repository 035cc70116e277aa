import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { segmentRouteName } from "@platform/contracts";

/**
 * What a spoke reads of the hub: the hub's outputs as environment stacks read them (plain values),
 * or the hub's own resources inside the network stack (outputs), hence the `Input`s.
 */
export interface SpokeHub {
  readonly transitGatewayId: pulumi.Input<string>;
  readonly segments: Readonly<
    Record<
      string,
      {
        readonly routeTableId: pulumi.Input<string>;
        readonly propagateTo: readonly string[];
        readonly summariseInto?: readonly string[];
      }
    >
  >;
  /** How the hub shares the Transit Gateway; `invitation` makes the spoke accept `shareArn`. */
  readonly ram?: { readonly mode: "organization" | "invitation"; readonly shareArn?: string };
  readonly addressPlan: {
    readonly onPremises: readonly string[];
    readonly sharedServices: readonly string[];
  };
}

export interface TransitGatewaySpokeArgs {
  readonly hub: SpokeHub;
  /** The segment this VPC belongs to (decides association and propagations). */
  readonly segment: string;
  readonly vpcId: pulumi.Input<string>;
  /** Subnets the attachment uses: one transit subnet per AZ. */
  readonly transitSubnetIds: pulumi.Input<string>[];
  /** Route tables that get a route to the Transit Gateway for each of `destinations`. */
  readonly routeTables: ReadonlyArray<{
    readonly label: string;
    readonly id: pulumi.Input<string>;
  }>;
  /**
   * Ranges the VPC reaches through the Transit Gateway. Default: the on-premises and shared-services
   * ranges of the address plan (what an environment reaches).
   */
  readonly destinations?: readonly string[];
  /** The VPC's allocation: the static route installed in summarising segments' tables. */
  readonly summaryCidr: string;
  /**
   * Provider in the network account (assumes its spoke role) for acceptance and routing, when the
   * VPC is in another account. Omit it for a VPC in the network account itself: a same-account
   * attachment needs no acceptance (AcceptTransitGatewayVpcAttachment only applies to attachments
   * in `pendingAcceptance`, which only cross-account requests enter; EC2 API Reference), and the
   * attachment's own provider associates and propagates it.
   */
  readonly networkProvider?: aws.Provider;
  readonly namePrefix: string;
}

/**
 * A VPC's attachment to the hub. The attachment and the VPC routes are made in the VPC's account;
 * for a VPC in another account, acceptance, association and propagations go through a provider in
 * the network account, so the hub never needs to know the spokes. A VPC in the network account
 * (the shared-services VPC) is attached the same way without the acceptance step.
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
    const sameAccount = !args.networkProvider;
    const inNetwork = { parent: this, provider: args.networkProvider };
    const tags = { Name: `${args.namePrefix}-${args.segment}`, Segment: args.segment };

    // With invitation sharing, the Transit Gateway is visible to another account only after it
    // accepts the RAM invitation (the attachment fails otherwise); organisation sharing and the
    // hub's own account need no acceptance (AWS RAM User Guide, "Accepting and rejecting
    // invitations", https://docs.aws.amazon.com/ram/latest/userguide/working-with-shared-invitations.html).
    const ram = args.hub.ram;
    const accepted =
      ram?.mode === "invitation" && !sameAccount
        ? [new aws.ram.ResourceShareAccepter(`${name}-share`, { shareArn: ram.shareArn! }, child)]
        : [];
    const attachment = new aws.ec2transitgateway.VpcAttachment(
      `${name}-attachment`,
      {
        transitGatewayId: args.hub.transitGatewayId,
        vpcId: args.vpcId,
        subnetIds: args.transitSubnetIds,
        dnsSupport: "enable",
        applianceModeSupport: "disable",
        // Only the Transit Gateway's owner may set these (not through a RAM share); the hub turns
        // default association and propagation off, so say so explicitly.
        ...(sameAccount
          ? {
              transitGatewayDefaultRouteTableAssociation: false,
              transitGatewayDefaultRouteTablePropagation: false,
            }
          : {}),
        tags,
      },
      { ...child, dependsOn: accepted },
    );
    const accepter = sameAccount
      ? undefined
      : new aws.ec2transitgateway.VpcAttachmentAccepter(
          `${name}-accept`,
          {
            transitGatewayAttachmentId: attachment.id,
            transitGatewayDefaultRouteTableAssociation: false,
            transitGatewayDefaultRouteTablePropagation: false,
            tags,
          },
          inNetwork,
        );
    const attachmentId = accepter?.transitGatewayAttachmentId ?? attachment.id;
    new aws.ec2transitgateway.RouteTableAssociation(
      segmentRouteName(name, "associate", args.segment),
      {
        transitGatewayAttachmentId: attachmentId,
        transitGatewayRouteTableId: segment.routeTableId,
      },
      inNetwork,
    );
    for (const target of segment.propagateTo) {
      new aws.ec2transitgateway.RouteTablePropagation(
        segmentRouteName(name, "propagate", target),
        {
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: args.hub.segments[target]!.routeTableId,
        },
        inNetwork,
      );
    }

    for (const target of segment.summariseInto ?? []) {
      new aws.ec2transitgateway.Route(
        segmentRouteName(name, "summary", target),
        {
          destinationCidrBlock: args.summaryCidr,
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: args.hub.segments[target]!.routeTableId,
        },
        inNetwork,
      );
    }

    const destinations = args.destinations ?? [
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
          // A route to a Transit Gateway needs the VPC's attachment to exist (and be accepted).
          { ...child, dependsOn: [accepter ?? attachment] },
        );
      }
    }

    this.attachmentId = attachment.id;
    this.registerOutputs({ attachmentId: this.attachmentId });
  }
}
