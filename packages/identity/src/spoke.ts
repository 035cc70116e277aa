/**
 * The network account's spoke roles: what an environment's `up` does on the Transit Gateway hub
 * for its own attachment (accept, associate, propagate, route) and for its private zone (associate
 * it with the shared-services VPC), and what its previews and drift detection read of these.
 */
import type { AccountContext } from "./model";
import { CI_DRIFT_ROLE, CI_PREVIEW_ROLE, ciDeployRoleName, ciRoleArn } from "./model";
import type { PolicyDocument, Statement } from "./statements";
import { assumedByRoles, doc } from "./statements";

/**
 * Transit Gateway resources in the hub's region. Attachments in any account: an environment's
 * attachment to the shared hub is created by, and carries the account of, the environment.
 */
const tgw = (ctx: AccountContext, kind: string, account = ctx.accountId) =>
  `arn:${ctx.partition}:ec2:${ctx.region}:${account}:${kind}/*`;
const attachments = (ctx: AccountContext) => tgw(ctx, "transit-gateway-attachment", "*");
const routeTables = (ctx: AccountContext) => tgw(ctx, "transit-gateway-route-table");

/** Reads of the hub's routing; AWS allows the Get* ones only on Resource "*". */
export const TGW_WILDCARD_READS = [
  "ec2:GetTransitGatewayAttachmentPropagations",
  "ec2:GetTransitGatewayRouteTableAssociations",
  "ec2:GetTransitGatewayRouteTablePropagations",
];

function spokeReads(ctx: AccountContext): Statement[] {
  return [
    {
      Sid: "DescribeTransitGateway",
      Effect: "Allow",
      Action: ["ec2:DescribeTransitGateway*", "ec2:DescribeTags", ...TGW_WILDCARD_READS],
      Resource: "*",
    },
    {
      Sid: "SearchHubRoutes",
      Effect: "Allow",
      Action: "ec2:SearchTransitGatewayRoutes",
      Resource: routeTables(ctx),
    },
    // An environment's private zone associated with the hub's shared-services VPC (@platform/dns).
    {
      Sid: "ReadZoneAssociations",
      Effect: "Allow",
      Action: "route53:GetHostedZone",
      Resource: hostedZones(ctx),
    },
    {
      Sid: "DescribeVpcs",
      Effect: "Allow",
      Action: ["ec2:DescribeVpcs", "route53:ListHostedZonesByVPC"],
      Resource: "*",
    },
  ];
}

/** Hosted zones are global (no Region or account): the environments' private zones. */
const hostedZones = (ctx: AccountContext) => `arn:${ctx.partition}:route53:::hostedzone/*`;

/** Network account: what an environment's `up` does on the hub for its own attachment. */
export function spokePolicy(ctx: AccountContext): PolicyDocument {
  return doc(
    {
      Sid: "AcceptAndRouteAttachments",
      Effect: "Allow",
      Action: [
        "ec2:AcceptTransitGatewayVpcAttachment",
        "ec2:DeleteTransitGatewayVpcAttachment",
        "ec2:AssociateTransitGatewayRouteTable",
        "ec2:DisassociateTransitGatewayRouteTable",
        "ec2:EnableTransitGatewayRouteTablePropagation",
        "ec2:DisableTransitGatewayRouteTablePropagation",
        "ec2:CreateTransitGatewayRoute",
        "ec2:DeleteTransitGatewayRoute",
        "ec2:ReplaceTransitGatewayRoute",
      ],
      Resource: [attachments(ctx), routeTables(ctx)],
    },
    {
      // The VPC's owner associates it with another account's private zone once that account has
      // authorised it (CreateVPCAssociationAuthorization), and disassociates it on removal:
      // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html
      Sid: "AssociateEnvironmentZones",
      Effect: "Allow",
      Action: ["route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone"],
      Resource: hostedZones(ctx),
    },
    {
      Sid: "TagAttachments",
      Effect: "Allow",
      Action: ["ec2:CreateTags", "ec2:DeleteTags"],
      Resource: attachments(ctx),
    },
    ...spokeReads(ctx),
  );
}

export function spokeReadOnlyPolicy(ctx: AccountContext): PolicyDocument {
  return doc(...spokeReads(ctx));
}

/** GitHub environments whose stacks attach to the hub (`networkSpoke`). */
function spokeEnvironments(ctx: AccountContext): string[] {
  return Object.entries(ctx.identity.deployments)
    .filter(([, d]) => d.networkSpoke)
    .map(([name]) => name)
    .sort();
}

/** The spoke role: the CI roles of the environments that attach to the hub. */
export function spokeTrust(ctx: AccountContext): PolicyDocument {
  return assumedByRoles(
    "EnvironmentDeploys",
    spokeEnvironments(ctx).map((e) => ciRoleArn(ctx, ciDeployRoleName(e))),
  );
}

export function spokeReadOnlyTrust(ctx: AccountContext): PolicyDocument {
  return assumedByRoles("PreviewsAndDrift", [
    ciRoleArn(ctx, CI_PREVIEW_ROLE),
    ciRoleArn(ctx, CI_DRIFT_ROLE),
  ]);
}
