/**
 * Direct Connect: the DX gateway (own ASN), the transit VIF on an existing connection, the
 * gateway's association with the Transit Gateway (allowed prefixes from the address plan), its
 * attachment in the hybrid table, and alarms on the connection and the VIF's BGP session.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AlarmFactory } from "./alarms";
import type { HybridConnectivityArgs } from "./args";
import { attachToHub } from "./attachments";
import { dxAllowedPrefixes } from "./prefixes";
import type { DirectConnectConfig } from "./schema";

/** Creates the DX path; returns its "down" alarms (connection, BGP) for the composite alarm. */
export function directConnect(
  parent: pulumi.Resource,
  name: string,
  args: HybridConnectivityArgs,
  dx: DirectConnectConfig,
  alarm: AlarmFactory,
): aws.cloudwatch.MetricAlarm[] {
  const child = { parent };
  const anchor = { parent, protect: args.protect };
  const gateway = new aws.directconnect.Gateway(
    `${name}-dxgw`,
    { name: `${args.namePrefix}-dxgw`, amazonSideAsn: String(dx.gatewayAsn) },
    anchor,
  );
  const vif = new aws.directconnect.TransitVirtualInterface(
    `${name}-vif`,
    {
      name: `${args.namePrefix}-transit-vif`,
      connectionId: dx.connectionId,
      dxGatewayId: gateway.id,
      vlan: dx.vlan,
      bgpAsn: dx.customerAsn,
      addressFamily: "ipv4",
      amazonAddress: dx.amazonAddress,
      customerAddress: dx.customerAddress,
      mtu: dx.mtu,
      bgpAuthKey: args.dxBgpAuthKey,
      sitelinkEnabled: false,
    },
    anchor,
  );
  const association = new aws.directconnect.GatewayAssociation(
    `${name}-dxgw-tgw`,
    {
      dxGatewayId: gateway.id,
      associatedGatewayId: args.transitGatewayId,
      allowedPrefixes: dxAllowedPrefixes(args.addressPlan, args.attachedSharedVpcs),
    },
    child,
  );
  const dxAttachment = aws.ec2transitgateway.getDirectConnectGatewayAttachmentOutput(
    { transitGatewayId: args.transitGatewayId, dxGatewayId: gateway.id },
    { parent, dependsOn: [association] },
  );
  attachToHub(parent, name, args, "dx", dxAttachment.id, [association]);
  return [
    alarm(
      "dx-connection-down",
      "Direct Connect connection is down (AWS/DX ConnectionState < 1): traffic fails over to VPN",
      {
        namespace: "AWS/DX",
        metricName: "ConnectionState",
        dimensions: { ConnectionId: dx.connectionId },
        statistic: "Minimum",
        threshold: 1,
      },
    ),
    alarm(
      "dx-bgp-down",
      "BGP on the transit VIF is down (AWS/DX VirtualInterfaceBgpStatus < 1): AWS withdrew DX routes, traffic is on VPN",
      {
        namespace: "AWS/DX",
        metricName: "VirtualInterfaceBgpStatus",
        dimensions: { ConnectionId: dx.connectionId, VirtualInterfaceId: vif.id },
        statistic: "Minimum",
        threshold: 1,
      },
    ),
  ];
}
