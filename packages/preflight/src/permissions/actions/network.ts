/** EC2 and VPC networking, Transit Gateway and Direct Connect. */
import { inputOr, sar } from "./shared";
import type { ActionsTable, TypeActions } from "./shared";

const EC2 = sar("Amazon EC2");
const DX = sar("AWS Direct Connect");

/** An EC2 type: created under `<type>/*`; taggable types also create and delete tags. */
const ec2 = (
  type: string,
  create: string[],
  read: string[],
  update: string[] = [],
  taggable = true,
): TypeActions => ({
  source: EC2,
  create: taggable ? [...create, "ec2:CreateTags"] : create,
  update: taggable ? [...update, "ec2:CreateTags", "ec2:DeleteTags"] : update,
  read,
  arn: (_r, at) => `arn:aws:ec2:${at.region}:${at.account}:${type}/*`,
});

export const NETWORK_ACTIONS: ActionsTable = {
  "aws:ec2/vpc:Vpc": ec2(
    "vpc",
    ["ec2:CreateVpc", "ec2:ModifyVpcAttribute"],
    ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"],
    ["ec2:ModifyVpcAttribute"],
  ),
  "aws:ec2/subnet:Subnet": ec2(
    "subnet",
    ["ec2:CreateSubnet", "ec2:ModifySubnetAttribute"],
    ["ec2:DescribeSubnets"],
    ["ec2:ModifySubnetAttribute"],
  ),
  "aws:ec2/routeTable:RouteTable": ec2(
    "route-table",
    ["ec2:CreateRouteTable"],
    ["ec2:DescribeRouteTables"],
  ),
  "aws:ec2/route:Route": ec2(
    "route-table",
    ["ec2:CreateRoute"],
    ["ec2:DescribeRouteTables"],
    ["ec2:ReplaceRoute"],
    false,
  ),
  "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2(
    "route-table",
    ["ec2:AssociateRouteTable"],
    ["ec2:DescribeRouteTables"],
    ["ec2:ReplaceRouteTableAssociation"],
    false,
  ),
  "aws:ec2/internetGateway:InternetGateway": ec2(
    "internet-gateway",
    ["ec2:CreateInternetGateway", "ec2:AttachInternetGateway"],
    ["ec2:DescribeInternetGateways"],
  ),
  "aws:ec2/natGateway:NatGateway": ec2(
    "natgateway",
    ["ec2:CreateNatGateway"],
    ["ec2:DescribeNatGateways"],
  ),
  "aws:ec2/eip:Eip": ec2("elastic-ip", ["ec2:AllocateAddress"], ["ec2:DescribeAddresses"]),
  "aws:ec2/securityGroup:SecurityGroup": ec2(
    "security-group",
    ["ec2:CreateSecurityGroup", "ec2:RevokeSecurityGroupEgress"],
    ["ec2:DescribeSecurityGroups"],
    ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"],
  ),
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2(
    "security-group",
    ["ec2:AuthorizeSecurityGroupIngress"],
    ["ec2:DescribeSecurityGroupRules"],
    ["ec2:ModifySecurityGroupRules"],
  ),
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2(
    "security-group",
    ["ec2:AuthorizeSecurityGroupEgress"],
    ["ec2:DescribeSecurityGroupRules"],
    ["ec2:ModifySecurityGroupRules"],
  ),
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": ec2(
    "security-group",
    ["ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"],
    ["ec2:DescribeSecurityGroups"],
  ),
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": ec2(
    "network-acl",
    ["ec2:CreateNetworkAclEntry", "ec2:DeleteNetworkAclEntry", "ec2:ReplaceNetworkAclEntry"],
    ["ec2:DescribeNetworkAcls"],
  ),
  "aws:ec2/vpcEndpoint:VpcEndpoint": ec2(
    "vpc-endpoint",
    ["ec2:CreateVpcEndpoint"],
    ["ec2:DescribeVpcEndpoints"],
    ["ec2:ModifyVpcEndpoint"],
  ),
  "aws:ec2/flowLog:FlowLog": {
    ...ec2(
      "vpc-flow-log",
      ["ec2:CreateFlowLogs", "logs:CreateLogDelivery"],
      ["ec2:DescribeFlowLogs"],
    ),
    passRole: [{ input: "iamRoleArn", service: "vpc-flow-logs.amazonaws.com" }],
  },
  "aws:ec2/launchTemplate:LaunchTemplate": ec2(
    "launch-template",
    ["ec2:CreateLaunchTemplate"],
    ["ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions"],
    ["ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate"],
  ),
  "aws:ec2/customerGateway:CustomerGateway": ec2(
    "customer-gateway",
    ["ec2:CreateCustomerGateway"],
    ["ec2:DescribeCustomerGateways"],
  ),
  "aws:ec2/vpnConnection:VpnConnection": ec2(
    "vpn-connection",
    ["ec2:CreateVpnConnection"],
    ["ec2:DescribeVpnConnections"],
    ["ec2:ModifyVpnTunnelOptions"],
  ),
  "aws:ec2transitgateway/transitGateway:TransitGateway": ec2(
    "transit-gateway",
    ["ec2:CreateTransitGateway"],
    ["ec2:DescribeTransitGateways"],
    ["ec2:ModifyTransitGateway"],
  ),
  "aws:ec2transitgateway/routeTable:RouteTable": ec2(
    "transit-gateway-route-table",
    ["ec2:CreateTransitGatewayRouteTable"],
    ["ec2:DescribeTransitGatewayRouteTables"],
  ),
  "aws:ec2transitgateway/route:Route": ec2(
    "transit-gateway-route-table",
    ["ec2:CreateTransitGatewayRoute"],
    ["ec2:SearchTransitGatewayRoutes"],
    ["ec2:ReplaceTransitGatewayRoute"],
    false,
  ),
  "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": ec2(
    "transit-gateway-route-table",
    ["ec2:AssociateTransitGatewayRouteTable"],
    ["ec2:GetTransitGatewayRouteTableAssociations"],
    [],
    false,
  ),
  "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": ec2(
    "transit-gateway-route-table",
    ["ec2:EnableTransitGatewayRouteTablePropagation"],
    ["ec2:GetTransitGatewayRouteTablePropagations"],
    [],
    false,
  ),
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": ec2(
    "transit-gateway-attachment",
    ["ec2:CreateTransitGatewayVpcAttachment"],
    ["ec2:DescribeTransitGatewayVpcAttachments"],
    ["ec2:ModifyTransitGatewayVpcAttachment"],
  ),
  "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter": ec2(
    "transit-gateway-attachment",
    ["ec2:AcceptTransitGatewayVpcAttachment"],
    ["ec2:DescribeTransitGatewayVpcAttachments"],
  ),
  "aws:directconnect/gateway:Gateway": {
    source: DX,
    create: ["directconnect:CreateDirectConnectGateway"],
    read: ["directconnect:DescribeDirectConnectGateways"],
    arn: (_r, at) => `arn:aws:directconnect::${at.account}:dx-gateway/*`,
  },
  "aws:directconnect/gatewayAssociation:GatewayAssociation": {
    source: DX,
    create: ["directconnect:CreateDirectConnectGatewayAssociation"],
    update: ["directconnect:UpdateDirectConnectGatewayAssociation"],
    read: ["directconnect:DescribeDirectConnectGatewayAssociations"],
    arn: (_r, at) => `arn:aws:directconnect::${at.account}:dx-gateway/*`,
  },
  "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": {
    source: DX,
    create: ["directconnect:CreateTransitVirtualInterface", "directconnect:TagResource"],
    update: ["directconnect:UpdateVirtualInterfaceAttributes"],
    read: ["directconnect:DescribeVirtualInterfaces"],
    // Creating a virtual interface is authorized against its connection (or LAG), not the new
    // interface: the Service Authorization Reference lists dxcon and dxlag for it.
    arn: (r, at) =>
      `arn:aws:directconnect:${at.region}:${at.account}:dxcon/${inputOr(r, "connectionId")}`,
    readArn: (_r, at) => `arn:aws:directconnect:${at.region}:${at.account}:dxvif/*`,
  },
};
