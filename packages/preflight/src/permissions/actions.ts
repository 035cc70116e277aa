/**
 * What the deployer must be allowed to create each resource type the stacks use, as data: the API
 * actions the provider calls to create it, and the ones an update needs; the read actions a
 * `preview --refresh` (the previewer) needs; inputs holding roles handed to the service
 * (`iam:PassRole`) and keys the service encrypts with (the deployer needs to let the service use
 * the key). Actions are named as in the Service Authorization Reference of each service (`source`);
 * the resource ARN is what the create call is authorized against (a new resource's id is not
 * known before it exists: `*`).
 */
import type { Context } from "../context";
import { known } from "../context";
import type { PlanResource } from "../types";

export interface TypeActions {
  /** Service Authorization Reference page of the service. */
  readonly source: string;
  readonly create: readonly string[];
  readonly update?: readonly string[];
  /** What `preview --refresh` reads. (Types without a tags input call no ec2:CreateTags.) */
  readonly read: readonly string[];
  /** The ARN the actions are authorized against. */
  readonly arn: (r: PlanResource, at: { account: string; region: string; name: string }) => string;
  /**
   * The ARN of the resource once it exists, which update and read actions are authorized against,
   * when it is not the create call's (e.g. an EKS node group is created on its cluster).
   */
  readonly readArn?: (
    r: PlanResource,
    at: { account: string; region: string; name: string },
  ) => string;
  /** Inputs holding role ARNs the service is handed, with the service principal. */
  readonly passRole?: ReadonlyArray<{ readonly input: string; readonly service: string }>;
  /**
   * Inputs holding KMS keys the caller must be able to grant to the service at create time
   * (kms:CreateGrant, kms:DescribeKey), e.g. EKS secrets encryption.
   */
  readonly kms?: readonly string[];
  /**
   * Condition keys the create call carries, from the planned resources (e.g. the permissions
   * boundary `iam:CreateRole` sets, or the one already on the role a policy is put on).
   */
  readonly context?: (
    r: PlanResource,
    resources: readonly PlanResource[],
  ) => Record<string, string> | undefined;
}

/**
 * `iam:PermissionsBoundary` of a request on a role: the boundary the call sets (CreateRole), or the
 * one the planned role carries (PutRolePolicy, AttachRolePolicy, ... on an existing role). The
 * deployer's policy allows role changes only under the workload boundary, so without the key every
 * such call would be refused. Source: IAM User Guide, "IAM and AWS STS condition context keys",
 * iam:PermissionsBoundary (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PermissionsBoundary).
 */
function boundaryOfRole(
  r: PlanResource,
  resources: readonly PlanResource[],
): Record<string, string> | undefined {
  const own = r.inputs["permissionsBoundary"];
  if (r.type === "aws:iam/role:Role")
    return known(own) ? { "iam:PermissionsBoundary": String(own) } : undefined;
  const roleName = r.inputs["role"];
  if (!known(roleName)) return undefined;
  const role = resources.find(
    (x) => x.type === "aws:iam/role:Role" && x.inputs["name"] === String(roleName),
  );
  const boundary = role?.inputs["permissionsBoundary"];
  const policyArn = r.inputs["policyArn"];
  const context = {
    ...(known(boundary) ? { "iam:PermissionsBoundary": String(boundary) } : {}),
    // AttachRolePolicy also names the policy attached (iam:PolicyARN).
    ...(known(policyArn) ? { "iam:PolicyARN": String(policyArn) } : {}),
  };
  return Object.keys(context).length ? context : undefined;
}

const sar = (service: string) =>
  `Service Authorization Reference, actions defined by ${service}, https://docs.aws.amazon.com/service-authorization/latest/reference/list_${service.toLowerCase().replace(/[^a-z0-9]/g, "")}.html`;
const EC2 = sar("Amazon EC2");
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
const S3 = sar("Amazon S3");
const bucketSub = (put: string, get: string): TypeActions => ({
  source: S3,
  create: [put],
  update: [put],
  read: [get],
  arn: (r) => `arn:aws:s3:::${known(r.inputs["bucket"]) ? String(r.inputs["bucket"]) : "*"}`,
});

const clusterOf = (r: PlanResource) =>
  known(r.inputs["clusterName"]) ? String(r.inputs["clusterName"]) : "*";

/** access-entry/<cluster>/<identity type>/<account>/<identity name>/<uuid>. */
function accessEntryArn(r: PlanResource, at: { account: string; region: string }): string {
  const principal = known(r.inputs["principalArn"]) ? String(r.inputs["principalArn"]) : "";
  const m = /^arn:[^:]+:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(principal);
  const identity = m ? `${m[2]}/${m[1]}/${m[3]}` : "*/*/*";
  return `arn:aws:eks:${at.region}:${at.account}:access-entry/${clusterOf(r)}/${identity}/*`;
}

/** Name a resource will have (set, or Pulumi's `<logical>-<7 hex>`), for ARNs. */
export function nameOf(r: PlanResource, field = "name"): string {
  const set = r.inputs[field];
  return known(set) ? String(set) : `${r.name}-0000000`;
}

export const ACTIONS: Readonly<Record<string, TypeActions>> = {
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
    source: sar("AWS Direct Connect"),
    create: ["directconnect:CreateDirectConnectGateway"],
    read: ["directconnect:DescribeDirectConnectGateways"],
    arn: (_r, at) => `arn:aws:directconnect::${at.account}:dx-gateway/*`,
  },
  "aws:directconnect/gatewayAssociation:GatewayAssociation": {
    source: sar("AWS Direct Connect"),
    create: ["directconnect:CreateDirectConnectGatewayAssociation"],
    update: ["directconnect:UpdateDirectConnectGatewayAssociation"],
    read: ["directconnect:DescribeDirectConnectGatewayAssociations"],
    arn: (_r, at) => `arn:aws:directconnect::${at.account}:dx-gateway/*`,
  },
  "aws:directconnect/transitVirtualInterface:TransitVirtualInterface": {
    source: sar("AWS Direct Connect"),
    create: ["directconnect:CreateTransitVirtualInterface", "directconnect:TagResource"],
    update: ["directconnect:UpdateVirtualInterfaceAttributes"],
    read: ["directconnect:DescribeVirtualInterfaces"],
    // Creating a virtual interface is authorized against its connection (or LAG), not the new
    // interface: the Service Authorization Reference lists dxcon and dxlag for it.
    arn: (r, at) =>
      `arn:aws:directconnect:${at.region}:${at.account}:dxcon/${known(r.inputs["connectionId"]) ? String(r.inputs["connectionId"]) : "*"}`,
    readArn: (_r, at) => `arn:aws:directconnect:${at.region}:${at.account}:dxvif/*`,
  },
  "aws:iam/role:Role": {
    context: boundaryOfRole,
    source: sar("AWS Identity and Access Management (IAM)"),
    create: ["iam:CreateRole", "iam:TagRole"],
    update: ["iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole"],
    read: ["iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"],
    arn: (r, at) =>
      `arn:aws:iam::${at.account}:role${known(r.inputs["path"]) ? String(r.inputs["path"]) : "/"}${at.name}`,
  },
  "aws:iam/policy:Policy": {
    source: sar("AWS Identity and Access Management (IAM)"),
    create: ["iam:CreatePolicy", "iam:TagPolicy"],
    update: ["iam:CreatePolicyVersion", "iam:DeletePolicyVersion", "iam:ListPolicyVersions"],
    read: ["iam:GetPolicy", "iam:GetPolicyVersion"],
    arn: (r, at) =>
      `arn:aws:iam::${at.account}:policy${known(r.inputs["path"]) ? String(r.inputs["path"]) : "/"}${at.name}`,
  },
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
    source: sar("AWS Identity and Access Management (IAM)"),
    create: ["iam:CreateOpenIDConnectProvider", "iam:TagOpenIDConnectProvider"],
    update: ["iam:UpdateOpenIDConnectProviderThumbprint", "iam:AddClientIDToOpenIDConnectProvider"],
    read: ["iam:GetOpenIDConnectProvider"],
    arn: (r, at) =>
      `arn:aws:iam::${at.account}:oidc-provider/${known(r.inputs["url"]) ? String(r.inputs["url"]).replace(/^https:\/\//, "") : "*"}`,
  },
  "aws:iam/rolePolicy:RolePolicy": {
    context: boundaryOfRole,
    source: sar("AWS Identity and Access Management (IAM)"),
    create: ["iam:PutRolePolicy"],
    update: ["iam:PutRolePolicy"],
    read: ["iam:GetRolePolicy"],
    arn: (r, at) =>
      `arn:aws:iam::${at.account}:role/${known(r.inputs["role"]) ? String(r.inputs["role"]) : "*"}`,
  },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
    context: boundaryOfRole,
    source: sar("AWS Identity and Access Management (IAM)"),
    create: ["iam:AttachRolePolicy"],
    read: ["iam:ListAttachedRolePolicies"],
    arn: (r, at) =>
      `arn:aws:iam::${at.account}:role/${known(r.inputs["role"]) ? String(r.inputs["role"]) : "*"}`,
  },
  // CreateAlias is authorized against both the alias and the key it points at.
  "aws:kms/alias:Alias": {
    source: sar("AWS Key Management Service"),
    create: ["kms:CreateAlias"],
    update: ["kms:UpdateAlias"],
    read: ["kms:ListAliases"],
    arn: (_r, at) =>
      `arn:aws:kms:${at.region}:${at.account}:alias/${at.name.replace(/^alias\//, "")}`,
  },
  "aws:kms/key:Key": {
    source: sar("AWS Key Management Service"),
    create: ["kms:CreateKey", "kms:EnableKeyRotation", "kms:TagResource"],
    update: ["kms:PutKeyPolicy", "kms:UpdateKeyDescription", "kms:EnableKeyRotation"],
    read: [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
    ],
    // A new key's id is not known before CreateKey returns: the calls after it (rotation, tags)
    // name a key of the account, here a stand-in id that any key/* statement matches.
    arn: (_r, at) =>
      `arn:aws:kms:${at.region}:${at.account}:key/00000000-0000-0000-0000-000000000000`,
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    source: sar("Amazon CloudWatch Logs"),
    create: ["logs:CreateLogGroup", "logs:PutRetentionPolicy", "logs:TagResource"],
    update: ["logs:PutRetentionPolicy", "logs:AssociateKmsKey"],
    read: ["logs:DescribeLogGroups", "logs:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:logs:${at.region}:${at.account}:log-group:${at.name}`,
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": {
    source: sar("Amazon CloudWatch"),
    create: ["cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"],
    update: ["cloudwatch:PutMetricAlarm"],
    read: ["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:cloudwatch:${at.region}:${at.account}:alarm:${at.name}`,
  },
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
    source: sar("Amazon CloudWatch"),
    create: ["cloudwatch:PutCompositeAlarm", "cloudwatch:TagResource"],
    update: ["cloudwatch:PutCompositeAlarm"],
    read: ["cloudwatch:DescribeAlarms"],
    arn: (r, at) => `arn:aws:cloudwatch:${at.region}:${at.account}:alarm:${nameOf(r, "alarmName")}`,
  },
  "aws:sns/topic:Topic": {
    source: sar("Amazon SNS"),
    create: ["sns:CreateTopic", "sns:SetTopicAttributes", "sns:TagResource"],
    update: ["sns:SetTopicAttributes"],
    read: ["sns:GetTopicAttributes", "sns:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:sns:${at.region}:${at.account}:${at.name}`,
  },
  "aws:sns/topicSubscription:TopicSubscription": {
    source: sar("Amazon SNS"),
    create: ["sns:Subscribe"],
    update: ["sns:SetSubscriptionAttributes"],
    read: ["sns:GetSubscriptionAttributes"],
    arn: (_r, at) => `arn:aws:sns:${at.region}:${at.account}:*`,
  },
  "aws:sns/topicPolicy:TopicPolicy": {
    source: sar("Amazon SNS"),
    create: ["sns:SetTopicAttributes"],
    update: ["sns:SetTopicAttributes"],
    read: ["sns:GetTopicAttributes"],
    arn: (_r, at) => `arn:aws:sns:${at.region}:${at.account}:*`,
  },
  "aws:s3/bucket:Bucket": {
    source: S3,
    create: ["s3:CreateBucket", "s3:PutBucketTagging"],
    update: ["s3:PutBucketTagging"],
    read: ["s3:ListBucket", "s3:GetBucketTagging", "s3:GetBucketLocation"],
    arn: (r) => `arn:aws:s3:::${nameOf(r, "bucket")}`,
  },
  "aws:s3/bucketVersioning:BucketVersioning": bucketSub(
    "s3:PutBucketVersioning",
    "s3:GetBucketVersioning",
  ),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    bucketSub("s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration"),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucketSub(
    "s3:PutBucketPublicAccessBlock",
    "s3:GetBucketPublicAccessBlock",
  ),
  "aws:s3/bucketPolicy:BucketPolicy": bucketSub("s3:PutBucketPolicy", "s3:GetBucketPolicy"),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucketSub(
    "s3:PutLifecycleConfiguration",
    "s3:GetLifecycleConfiguration",
  ),
  "aws:s3/bucketLogging:BucketLogging": bucketSub("s3:PutBucketLogging", "s3:GetBucketLogging"),
  "aws:eks/cluster:Cluster": {
    source: sar("Amazon Elastic Kubernetes Service"),
    create: ["eks:CreateCluster", "eks:TagResource"],
    update: ["eks:UpdateClusterConfig", "eks:UpdateClusterVersion"],
    read: ["eks:DescribeCluster"],
    arn: (_r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${at.name}`,
    passRole: [{ input: "roleArn", service: "eks.amazonaws.com" }],
    kms: ["encryptionConfig"],
  },
  "aws:eks/nodeGroup:NodeGroup": {
    source: sar("Amazon Elastic Kubernetes Service"),
    // Created on its cluster; EKS launches the instances with its service-linked role.
    create: ["eks:CreateNodegroup", "eks:TagResource"],
    update: ["eks:UpdateNodegroupConfig", "eks:UpdateNodegroupVersion"],
    read: ["eks:DescribeNodegroup"],
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) =>
      `arn:aws:eks:${at.region}:${at.account}:nodegroup/${clusterOf(r)}/${at.name}/*`,
    passRole: [{ input: "nodeRoleArn", service: "eks.amazonaws.com" }],
  },
  "aws:eks/addon:Addon": {
    source: sar("Amazon Elastic Kubernetes Service"),
    create: ["eks:CreateAddon"],
    update: ["eks:UpdateAddon"],
    read: ["eks:DescribeAddon"],
    // Created on its cluster; updated and read as the add-on.
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) =>
      `arn:aws:eks:${at.region}:${at.account}:addon/${clusterOf(r)}/${known(r.inputs["addonName"]) ? String(r.inputs["addonName"]) : "*"}/*`,
  },
  // CreateAccessEntry is authorized against the cluster; the entry's own actions against the
  // access entry, whose ARN names the cluster and the principal (Service Authorization Reference).
  "aws:eks/accessEntry:AccessEntry": {
    source: sar("Amazon Elastic Kubernetes Service"),
    create: ["eks:CreateAccessEntry"],
    update: ["eks:UpdateAccessEntry"],
    read: ["eks:DescribeAccessEntry"],
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) => accessEntryArn(r, at),
  },
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": {
    source: sar("Amazon Elastic Kubernetes Service"),
    create: ["eks:AssociateAccessPolicy"],
    read: ["eks:ListAssociatedAccessPolicies"],
    arn: (r, at) => accessEntryArn(r, at),
  },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
    source: sar("Amazon Elastic Kubernetes Service"),
    create: ["eks:CreatePodIdentityAssociation"],
    update: ["eks:UpdatePodIdentityAssociation"],
    read: ["eks:DescribePodIdentityAssociation"],
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) =>
      `arn:aws:eks:${at.region}:${at.account}:podidentityassociation/${clusterOf(r)}/*`,
    passRole: [{ input: "roleArn", service: "pods.eks.amazonaws.com" }],
  },
  "aws:ram/resourceShare:ResourceShare": {
    source: sar("AWS Resource Access Manager (RAM)"),
    create: ["ram:CreateResourceShare"],
    update: ["ram:UpdateResourceShare"],
    read: ["ram:GetResourceShares"],
    arn: (_r, at) => `arn:aws:ram:${at.region}:${at.account}:resource-share/*`,
  },
  "aws:ram/resourceAssociation:ResourceAssociation": {
    source: sar("AWS Resource Access Manager (RAM)"),
    create: ["ram:AssociateResourceShare"],
    read: ["ram:GetResourceShareAssociations"],
    arn: (_r, at) => `arn:aws:ram:${at.region}:${at.account}:resource-share/*`,
  },
  "aws:ram/principalAssociation:PrincipalAssociation": {
    source: sar("AWS Resource Access Manager (RAM)"),
    create: ["ram:AssociateResourceShare"],
    read: ["ram:GetResourceShareAssociations"],
    arn: (_r, at) => `arn:aws:ram:${at.region}:${at.account}:resource-share/*`,
  },
  "aws:ecr/repository:Repository": {
    source: sar("Amazon Elastic Container Registry"),
    create: ["ecr:CreateRepository", "ecr:TagResource"],
    update: ["ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability"],
    read: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:ecr:${at.region}:${at.account}:repository/${at.name}`,
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": {
    source: sar("Amazon Elastic Container Registry"),
    create: ["ecr:PutLifecyclePolicy"],
    update: ["ecr:PutLifecyclePolicy"],
    read: ["ecr:GetLifecyclePolicy"],
    arn: (r, at) =>
      `arn:aws:ecr:${at.region}:${at.account}:repository/${String(r.inputs["repository"] ?? "*")}`,
  },
  "aws:codebuild/project:Project": {
    source: sar("AWS CodeBuild"),
    create: ["codebuild:CreateProject"],
    update: ["codebuild:UpdateProject"],
    read: ["codebuild:BatchGetProjects"],
    arn: (_r, at) => `arn:aws:codebuild:${at.region}:${at.account}:project/${at.name}`,
    passRole: [{ input: "serviceRole", service: "codebuild.amazonaws.com" }],
  },
  // CreateWebhook is authorised on the project (Service Authorization Reference, AWS CodeBuild).
  "aws:codebuild/webhook:Webhook": {
    source: sar("AWS CodeBuild"),
    create: ["codebuild:CreateWebhook"],
    update: ["codebuild:UpdateWebhook"],
    read: ["codebuild:BatchGetProjects"],
    arn: (r, at) =>
      `arn:aws:codebuild:${at.region}:${at.account}:project/${known(r.inputs["projectName"]) ? String(r.inputs["projectName"]) : "*"}`,
  },
  "aws:codepipeline/pipeline:Pipeline": {
    source: sar("AWS CodePipeline"),
    create: ["codepipeline:CreatePipeline", "codepipeline:TagResource"],
    update: ["codepipeline:UpdatePipeline"],
    read: ["codepipeline:GetPipeline", "codepipeline:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:codepipeline:${at.region}:${at.account}:${at.name}`,
    passRole: [{ input: "roleArn", service: "codepipeline.amazonaws.com" }],
  },
  "aws:codestarnotifications/notificationRule:NotificationRule": {
    source: sar("AWS CodeStar Notifications"),
    create: ["codestar-notifications:CreateNotificationRule"],
    update: ["codestar-notifications:UpdateNotificationRule"],
    read: ["codestar-notifications:DescribeNotificationRule"],
    arn: (_r, at) => `arn:aws:codestar-notifications:${at.region}:${at.account}:notificationrule/*`,
  },
};

/** The account and region a resource is created in, and its name, for its ARN. */
export function arnOf(
  ctx: Context,
  r: PlanResource,
  actions: TypeActions,
  purpose: "create" | "existing" = "create",
): string | undefined {
  const account = ctx.accountId(r);
  const region = ctx.region(r);
  if (!account || !region) return undefined;
  const field =
    r.type === "aws:s3/bucket:Bucket"
      ? "bucket"
      : r.type === "aws:eks/nodeGroup:NodeGroup"
        ? "nodeGroupName"
        : "name";
  const at = { account, region, name: nameOf(r, field) };
  return purpose === "existing" && actions.readArn ? actions.readArn(r, at) : actions.arn(r, at);
}
