/**
 * Search for the log archive: Amazon OpenSearch Service domains (`es`) and OpenSearch Serverless
 * collections, their security and access policies and VPC endpoints (`aoss`). Every `aoss` action
 * the resources call takes Resource `*` (no resource-level permissions), except UpdateCollection.
 */
import { inputOr, sar } from "./shared";
import type { ActionsTable, TypeActions } from "./shared";

const ES = sar("Amazon OpenSearch Service");
const AOSS = sar("Amazon OpenSearch Serverless");

/**
 * A VPC domain: OpenSearch Service reads the VPC, subnets and security groups it is given with the
 * caller's permissions before its service-linked role places the network interfaces ("Launching
 * your Amazon OpenSearch Service domains within a VPC", https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html).
 * These three reads have no resource-level permissions (Resource `*`).
 */
const VPC_DOMAIN = {
  actions: ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
  arn: () => "*",
  source:
    "Amazon OpenSearch Service Developer Guide, launching domains within a VPC, https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html",
};

/**
 * OpenSearch Serverless makes a VPC endpoint's interface endpoint, and a Route 53 private hosted
 * zone attached to the VPC that resolves the collections' names to it, with the caller's EC2 and
 * Route 53 permissions ("Access Amazon OpenSearch Serverless using an interface endpoint", DNS
 * resolution of collection endpoints, https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-vpc.html).
 * The actions are the create permissions AWS publishes for the AWS::OpenSearchServerless::VpcEndpoint
 * resource type (its schema's create handler), less the deletes it only rolls back with; each on
 * the resource type AWS's action data gives it (Describe*, CreateHostedZone and ListHostedZones*
 * take `*`). A new endpoint's and hosted zone's ids are unknown: `*`.
 */
const SERVERLESS_VPC_SOURCE =
  "Amazon OpenSearch Service Developer Guide, access OpenSearch Serverless using an interface endpoint, https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-vpc.html";
const SERVERLESS_VPC: TypeActions["onBehalf"] = [
  {
    actions: ["ec2:CreateVpcEndpoint"],
    arn: (r, at) => `arn:aws:ec2:${at.region}:${at.account}:vpc/${inputOr(r, "vpcId")}`,
    source: SERVERLESS_VPC_SOURCE,
  },
  {
    actions: ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:CreateTags"],
    arn: (_r, at) => `arn:aws:ec2:${at.region}:${at.account}:vpc-endpoint/*`,
    source: SERVERLESS_VPC_SOURCE,
  },
  {
    actions: [
      "ec2:DescribeVpcEndpoints",
      "ec2:DescribeVpcs",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
      "route53:CreateHostedZone",
      "route53:ListHostedZonesByName",
      "route53:ListHostedZonesByVPC",
    ],
    arn: () => "*",
    source: SERVERLESS_VPC_SOURCE,
  },
  {
    actions: [
      "route53:AssociateVPCWithHostedZone",
      "route53:ChangeResourceRecordSets",
      "route53:GetHostedZone",
      "route53:ListResourceRecordSets",
    ],
    arn: () => "arn:aws:route53:::hostedzone/*",
    source: SERVERLESS_VPC_SOURCE,
  },
  {
    actions: ["route53:GetChange"],
    arn: () => "arn:aws:route53:::change/*",
    source: SERVERLESS_VPC_SOURCE,
  },
];

const domainArn: TypeActions["arn"] = (r, at) =>
  `arn:aws:es:${at.region}:${at.account}:domain/${inputOr(r, "domainName")}`;
// A collection's ARN ends in its generated id, unknown before it exists.
const collectionArn: TypeActions["arn"] = (_r, at) =>
  `arn:aws:aoss:${at.region}:${at.account}:collection/*`;

export const SEARCH_ACTIONS: ActionsTable = {
  // The domain's key is granted to the service at creation (encryption at rest); the first VPC
  // domain of an account also needs iam:CreateServiceLinkedRole for opensearchservice.amazonaws.com
  // (the bootstrap's SERVICE_LINKED_ROLES).
  "aws:opensearch/domain:Domain": {
    source: ES,
    create: ["es:CreateDomain", "es:AddTags"],
    update: ["es:UpdateDomainConfig", "es:UpgradeDomain", "es:AddTags"],
    read: ["es:DescribeDomain", "es:DescribeDomainConfig", "es:ListTags"],
    arn: domainArn,
    onBehalf: [VPC_DOMAIN],
  },
  "aws:opensearch/serverlessCollection:ServerlessCollection": {
    source: AOSS,
    create: ["aoss:CreateCollection", "aoss:TagResource"],
    update: ["aoss:UpdateCollection"],
    read: ["aoss:BatchGetCollection", "aoss:ListTagsForResource"],
    arn: collectionArn,
  },
  "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy": {
    source: AOSS,
    create: ["aoss:CreateSecurityPolicy"],
    update: ["aoss:UpdateSecurityPolicy"],
    read: ["aoss:GetSecurityPolicy"],
    arn: collectionArn,
  },
  "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy": {
    source: AOSS,
    create: ["aoss:CreateAccessPolicy"],
    update: ["aoss:UpdateAccessPolicy"],
    read: ["aoss:GetAccessPolicy"],
    arn: collectionArn,
  },
  // The endpoint's interface endpoint and private DNS are made with the caller's EC2 and Route 53
  // permissions (SERVERLESS_VPC); both services are in the deployer's DEPLOY_SERVICES.
  "aws:opensearch/serverlessVpcEndpoint:ServerlessVpcEndpoint": {
    source: AOSS,
    create: ["aoss:CreateVpcEndpoint"],
    onBehalf: SERVERLESS_VPC,
    update: ["aoss:UpdateVpcEndpoint"],
    read: ["aoss:BatchGetVpcEndpoint"],
    arn: collectionArn,
  },
};
