/**
 * The deploy stage: `helm upgrade --atomic` into the application's namespace, from a CodeBuild
 * project inside the cluster's VPC, with a role whose EKS access entry reaches that namespace only.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { codeBuildVpcStatements } from "@platform/core";
import type { AppDeliveryPipelineArgs, DeliveryScope } from "./args";
import { deploySpec } from "./buildspecs";
import { codeBuildProject, codeBuildRole } from "./codebuild";
import { RESTRICTED_NAMESPACE_LABELS } from "./permissions";
import type { DeliveryStorage } from "./storage";

export function deployProject(
  scope: DeliveryScope,
  storage: DeliveryStorage,
  repository: aws.ecr.Repository,
): aws.codebuild.Project {
  const { name, args, child } = scope;
  // The deploy role's access entry is namespace-scoped, so it cannot create its namespace: the
  // namespace exists before the first deploy, with the restricted Pod Security Standard.
  new k8s.core.v1.Namespace(
    `${name}-namespace`,
    {
      metadata: {
        name: args.app.namespace,
        labels: { ...RESTRICTED_NAMESPACE_LABELS, "app.kubernetes.io/part-of": args.app.name },
      },
    },
    { ...child, provider: args.kubernetesProvider },
  );
  const deployGroup = deployNetwork(scope);
  const { role, policy } = codeBuildRole(scope, storage, "deploy", [
    pulumi
      .output(args.clusterArn)
      .apply((arn) => ({ Effect: "Allow", Action: "eks:DescribeCluster", Resource: arn })),
    ...codeBuildVpcStatementsFor(args, deployGroup.id),
  ]);
  const entry = new aws.eks.AccessEntry(
    `${name}-deploy`,
    { clusterName: args.clusterName, principalArn: role.arn, type: "STANDARD" },
    child,
  );
  new aws.eks.AccessPolicyAssociation(
    `${name}-deploy`,
    {
      clusterName: args.clusterName,
      principalArn: role.arn,
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
      accessScope: { type: "namespace", namespaces: [args.app.namespace] },
    },
    { ...child, dependsOn: [entry] },
  );
  return codeBuildProject(
    scope,
    storage,
    "deploy",
    {
      role,
      buildspec: deploySpec(),
      privilegedMode: false,
      variables: [
        { name: "CLUSTER_NAME", value: args.clusterName },
        { name: "NAMESPACE", value: args.app.namespace },
        { name: "RELEASE", value: args.app.name },
        { name: "REPOSITORY_URI", value: repository.repositoryUrl },
        { name: "HELM_VERSION", value: args.helmVersion ?? "v3.16.3" },
      ],
      vpcConfig: {
        vpcId: args.network.vpcId,
        subnets: args.network.subnetIds,
        securityGroupIds: [deployGroup.id],
      },
    },
    // CodeBuild checks the role's EC2 permissions when a VPC project is created.
    { dependsOn: [policy] },
  );
}

/**
 * The cluster's endpoint is private: the deploy project runs in the VPC's private subnets
 * ("Use AWS CodeBuild with Amazon VPC") with a group that may only call out over HTTPS, and the
 * cluster security group admits it on 443 ("Cluster API server endpoint", Amazon EKS User Guide:
 * a private endpoint takes traffic the cluster security group allows).
 */
function deployNetwork({ name, base, args, child }: DeliveryScope): aws.ec2.SecurityGroup {
  const deployGroup = new aws.ec2.SecurityGroup(
    `${name}-deploy`,
    {
      vpcId: args.network.vpcId,
      description: `CodeBuild deploy of ${base}: HTTPS out only`,
      tags: { Name: `${base}-deploy` },
    },
    child,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-deploy-https`,
    {
      securityGroupId: deployGroup.id,
      cidrIpv4: "0.0.0.0/0",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: "AWS APIs, ECR, the EKS endpoint and the Helm download",
    },
    child,
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-deploy-to-eks`,
    {
      securityGroupId: args.network.clusterSecurityGroupId,
      referencedSecurityGroupId: deployGroup.id,
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      description: `${base} deploy to the Kubernetes API`,
    },
    child,
  );
  return deployGroup;
}

/** The deploy role's VPC statements, once the subnet and security group ids are known. */
function codeBuildVpcStatementsFor(
  args: AppDeliveryPipelineArgs,
  securityGroupId: pulumi.Output<string>,
): pulumi.Output<unknown>[] {
  return [
    pulumi.all([pulumi.all(args.network.subnetIds), securityGroupId]).apply(([subnetIds, sg]) =>
      codeBuildVpcStatements({
        region: args.region,
        accountId: args.accountId,
        subnetIds,
        securityGroupId: sg,
      }),
    ),
  ];
}
