/**
 * A DX or VPN attachment's place in the hub: associated with the hybrid segment's table and
 * propagated into the tables of the segments allowed to reach on-premises.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { HybridConnectivityArgs } from "./args";

export function attachToHub(
  parent: pulumi.Resource,
  name: string,
  args: HybridConnectivityArgs,
  id: string,
  attachmentId: pulumi.Input<string>,
  dependsOn: pulumi.Resource[],
): void {
  new aws.ec2transitgateway.RouteTableAssociation(
    `${name}-${id}-associate-hybrid`,
    {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: args.hybridRouteTableId,
      replaceExistingAssociation: false,
    },
    { parent, dependsOn },
  );
  for (const [segment, tableId] of Object.entries(args.propagateRouteTableIds)) {
    new aws.ec2transitgateway.RouteTablePropagation(
      `${name}-${id}-propagate-${segment}`,
      { transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: tableId },
      { parent, dependsOn },
    );
  }
}
