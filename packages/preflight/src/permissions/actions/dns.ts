/**
 * DNS: Route 53 hosted zones, records, health checks, DNSSEC and cross-account zone associations
 * (@platform/dns), and Route 53 Resolver endpoints, rules and rule associations.
 */
import { inputOr, sar } from "./shared";
import type { ActionsTable, TypeActions } from "./shared";

const ROUTE53 = sar("Amazon Route 53");
const RESOLVER = sar("Amazon Route 53 Resolver");
/**
 * Where the EC2 reads come from: the Route 53 API permissions reference lists `ec2:DescribeVpcs`
 * (and `ec2:DescribeRegions` for a private zone's CreateHostedZone) beside AssociateVPCWithHostedZone,
 * CreateHostedZone of a private zone and AssociateResolverRule; the Service Authorization Reference
 * lists the route53/route53resolver actions alone.
 */
const R53_API_PERMISSIONS =
  "Route 53 Developer Guide, Amazon Route 53 API permissions: actions, resources, and conditions reference, https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/r53-api-permissions-ref.html";

/** Hosted zones are global: no Region or account in their ARN. */
const zone = (id = "*") => `arn:aws:route53:::hostedzone/${id}`;

const queryLogConfigArn: TypeActions["arn"] = (_r, at) =>
  `arn:aws:route53resolver:${at.region}:${at.account}:resolver-query-log-config/*`;

export const DNS_ACTIONS: ActionsTable = {
  // A private zone is created with its first VPC: CreateHostedZone then needs ec2:DescribeVpcs and
  // ec2:DescribeRegions, AssociateVPCWithHostedZone ec2:DescribeVpcs (source).
  "aws:route53/zone:Zone": {
    source: `${ROUTE53}; ${R53_API_PERMISSIONS}`,
    create: [
      "route53:CreateHostedZone",
      "route53:ChangeTagsForResource",
      "route53:AssociateVPCWithHostedZone",
      "ec2:DescribeVpcs",
      "ec2:DescribeRegions",
    ],
    update: ["route53:UpdateHostedZoneComment", "route53:ChangeTagsForResource"],
    read: ["route53:GetHostedZone", "route53:ListTagsForResource"],
    arn: () => zone(),
  },
  "aws:route53/record:Record": {
    source: ROUTE53,
    create: ["route53:ChangeResourceRecordSets"],
    update: ["route53:ChangeResourceRecordSets"],
    read: ["route53:ListResourceRecordSets"],
    arn: (r) => zone(inputOr(r, "zoneId")),
  },
  "aws:route53/healthCheck:HealthCheck": {
    source: ROUTE53,
    create: ["route53:CreateHealthCheck", "route53:ChangeTagsForResource"],
    update: ["route53:UpdateHealthCheck"],
    read: ["route53:GetHealthCheck", "route53:ListTagsForResource"],
    arn: () => "arn:aws:route53:::healthcheck/*",
  },
  // The KMS key Route 53 signs with: the caller must be allowed to let Route 53 use it.
  "aws:route53/keySigningKey:KeySigningKey": {
    source: ROUTE53,
    create: ["route53:CreateKeySigningKey"],
    update: ["route53:ActivateKeySigningKey", "route53:DeactivateKeySigningKey"],
    read: ["route53:GetDNSSEC"],
    arn: (r) => zone(inputOr(r, "hostedZoneId")),
    kms: ["keyManagementServiceArn"],
  },
  "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec": {
    source: ROUTE53,
    create: ["route53:EnableHostedZoneDNSSEC"],
    update: ["route53:DisableHostedZoneDNSSEC", "route53:EnableHostedZoneDNSSEC"],
    read: ["route53:GetDNSSEC"],
    arn: (r) => zone(inputOr(r, "hostedZoneId")),
  },
  "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization": {
    source: ROUTE53,
    create: ["route53:CreateVPCAssociationAuthorization"],
    read: ["route53:ListVPCAssociationAuthorizations"],
    arn: (r) => zone(inputOr(r, "zoneId")),
  },
  // AssociateVPCWithHostedZone: route53:AssociateVPCWithHostedZone and ec2:DescribeVpcs (source).
  "aws:route53/zoneAssociation:ZoneAssociation": {
    source: `${ROUTE53}; ${R53_API_PERMISSIONS}`,
    create: ["route53:AssociateVPCWithHostedZone", "ec2:DescribeVpcs"],
    read: ["route53:GetHostedZone"],
    arn: (r) => zone(inputOr(r, "zoneId")),
  },
  // Resolver creates the endpoint's network interfaces in the caller's name: the caller also needs
  // ec2:CreateNetworkInterface, authorized on the subnet and security group (not this ARN; the
  // deployer's ec2 grant covers it).
  "aws:route53/resolverEndpoint:ResolverEndpoint": {
    source: RESOLVER,
    create: [
      "route53resolver:CreateResolverEndpoint",
      "route53resolver:TagResource",
      "ec2:DescribeNetworkInterfaces",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
      "ec2:DescribeVpcs",
    ],
    update: [
      "route53resolver:UpdateResolverEndpoint",
      "route53resolver:AssociateResolverEndpointIpAddress",
      "route53resolver:DisassociateResolverEndpointIpAddress",
    ],
    read: [
      "route53resolver:GetResolverEndpoint",
      "route53resolver:ListResolverEndpointIpAddresses",
      "route53resolver:ListTagsForResource",
    ],
    arn: (_r, at) => `arn:aws:route53resolver:${at.region}:${at.account}:resolver-endpoint/*`,
  },
  "aws:route53/resolverRule:ResolverRule": {
    source: RESOLVER,
    create: ["route53resolver:CreateResolverRule", "route53resolver:TagResource"],
    update: ["route53resolver:UpdateResolverRule"],
    read: ["route53resolver:GetResolverRule", "route53resolver:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:route53resolver:${at.region}:${at.account}:resolver-rule/*`,
  },
  // A rule shared through RAM is owned by the hub's account: its ARN is not this account's.
  // AssociateResolverRule: route53resolver:AssociateResolverRule and ec2:DescribeVpcs (source).
  "aws:route53/resolverRuleAssociation:ResolverRuleAssociation": {
    source: `${RESOLVER}; ${R53_API_PERMISSIONS}`,
    create: ["route53resolver:AssociateResolverRule", "ec2:DescribeVpcs"],
    read: ["route53resolver:GetResolverRuleAssociation"],
    arn: (_r, at) => `arn:aws:route53resolver:${at.region}:*:resolver-rule/*`,
  },
  // Query logs to CloudWatch Logs are vended logs: the caller needs logs:CreateLogDelivery and the
  // reads AWS makes of the group's resource policies (CloudWatch Logs, "Logs sent to CloudWatch
  // Logs"); the component writes that policy itself (LogResourcePolicy). Immutable but for tags.
  "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig": {
    source: RESOLVER,
    create: [
      "route53resolver:CreateResolverQueryLogConfig",
      "route53resolver:TagResource",
      "logs:CreateLogDelivery",
      "logs:DescribeResourcePolicies",
      "logs:DescribeLogGroups",
    ],
    update: ["route53resolver:TagResource", "route53resolver:UntagResource"],
    read: ["route53resolver:GetResolverQueryLogConfig", "route53resolver:ListTagsForResource"],
    arn: queryLogConfigArn,
  },
  // No EC2 read: neither the Route 53 API permissions reference nor the Service Authorization
  // Reference (no dependent action) names one for AssociateResolverQueryLogConfig.
  "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation": {
    source: RESOLVER,
    create: ["route53resolver:AssociateResolverQueryLogConfig"],
    read: ["route53resolver:GetResolverQueryLogConfigAssociation"],
    arn: queryLogConfigArn,
  },
  // The account's log resource policy that lets vended-log delivery write the query log group.
  "aws:cloudwatch/logResourcePolicy:LogResourcePolicy": {
    source: sar("Amazon CloudWatch Logs"),
    create: ["logs:PutResourcePolicy"],
    update: ["logs:PutResourcePolicy"],
    read: ["logs:DescribeResourcePolicies"],
    arn: (_r, at) => `arn:aws:logs:${at.region}:${at.account}:*`,
  },
};
