import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cloudWatchFlowLog } from "@platform/core";
import type { Segments } from "./segments";
import { routingFor, segmentProblems } from "./segments";
import type { RamSharingMode } from "./validate";
import { sharingProblems } from "./validate";

export interface TransitGatewayHubArgs {
  /** The Transit Gateway's BGP ASN (private range; must differ from the DX gateway's). */
  readonly amazonSideAsn: number;
  readonly segments: Segments;
  /** Account ids, organisation or OU ARNs the Transit Gateway is shared with through RAM. */
  readonly shareWith: readonly string[];
  /** How the shared accounts get the Transit Gateway (see `RAM_SHARING_MODES`). */
  readonly sharing: RamSharingMode;
  readonly flowLogsRetentionInDays: number;
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** Protect the Transit Gateway, its route tables and the flow-log key. */
  readonly protect?: boolean;
}

/**
 * The hub: a Transit Gateway with explicit route tables only (default association and
 * propagation off, auto-accept off), DNS and VPN ECMP on, one route table per segment, a RAM
 * share to the workload accounts, and flow logs.
 */
export class TransitGatewayHub extends pulumi.ComponentResource {
  readonly transitGateway: aws.ec2transitgateway.TransitGateway;
  readonly routeTables: Record<string, aws.ec2transitgateway.RouteTable>;
  /** The RAM share (undefined when the Transit Gateway is shared with no one). */
  readonly share?: aws.ram.ResourceShare;

  constructor(name: string, args: TransitGatewayHubArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:TransitGatewayHub", name, {}, opts);
    const problems = segmentProblems(args.segments);
    if (problems.length)
      throw new pulumi.ResourceError(`invalid segments:\n  ${problems.join("\n  ")}`, this);
    const sharing = sharingProblems(args.sharing, args.shareWith);
    if (sharing.length)
      throw new pulumi.ResourceError(
        sharing
          .map((p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`)
          .join("; "),
        this,
      );
    const child = { parent: this };
    const anchor = { parent: this, protect: args.protect };

    this.transitGateway = new aws.ec2transitgateway.TransitGateway(
      `${name}-tgw`,
      {
        description: `${args.namePrefix} hub`,
        amazonSideAsn: args.amazonSideAsn,
        autoAcceptSharedAttachments: "disable",
        defaultRouteTableAssociation: "disable",
        defaultRouteTablePropagation: "disable",
        dnsSupport: "enable",
        vpnEcmpSupport: "enable",
        multicastSupport: "disable",
        tags: { Name: `${args.namePrefix}-hub` },
      },
      anchor,
    );

    this.routeTables = {};
    for (const segment of Object.keys(args.segments)) {
      this.routeTables[segment] = new aws.ec2transitgateway.RouteTable(
        `${name}-${segment}`,
        {
          transitGatewayId: this.transitGateway.id,
          tags: { Name: `${args.namePrefix}-${segment}`, Segment: segment },
        },
        anchor,
      );
    }

    if (args.shareWith.length > 0) {
      const share = new aws.ram.ResourceShare(
        `${name}-share`,
        {
          name: `${args.namePrefix}-transit-gateway`,
          // Organisation sharing reaches only the organisation; invitations may go to any account.
          allowExternalPrincipals: args.sharing === "invitation",
          tags: { Name: `${args.namePrefix}-transit-gateway` },
        },
        child,
      );
      new aws.ram.ResourceAssociation(
        `${name}-share-tgw`,
        { resourceArn: this.transitGateway.arn, resourceShareArn: share.arn },
        child,
      );
      this.share = share;
      for (const principal of args.shareWith) {
        new aws.ram.PrincipalAssociation(
          `${name}-share-${principalLabel(principal)}`,
          { principal, resourceShareArn: share.arn },
          child,
        );
      }
    }

    cloudWatchFlowLog(
      `${name}-flow-logs`,
      {
        target: { transitGatewayId: this.transitGateway.id },
        logGroupName: `/platform/${args.namePrefix}/tgw/flow-logs`,
        retentionInDays: args.flowLogsRetentionInDays,
        accountId: args.accountId,
        region: args.region,
        protect: args.protect,
      },
      child,
    );

    this.registerOutputs({ transitGatewayId: this.transitGateway.id });
  }

  /** The per-segment part of the hub's outputs: route table and propagation targets. */
  segmentOutputs(segments: Segments) {
    return Object.fromEntries(
      Object.entries(segments).map(([segment, spec]) => {
        const routing = routingFor(segments, segment);
        const routeTableId = this.routeTables[segment]!.id;
        return [
          segment,
          {
            tier: spec.tier,
            routeTableId,
            propagateTo: routing.propagateTo,
            summariseInto: routing.summariseInto,
          },
        ];
      }),
    );
  }
}

/** A stable child-name label for a RAM principal (account id or the last part of an ARN). */
export function principalLabel(principal: string): string {
  return principal
    .split("/")
    .pop()!
    .replace(/[^A-Za-z0-9-]/g, "-");
}
