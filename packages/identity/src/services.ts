/**
 * The lists the bootstrap's IAM documents are built from: which services the stacks deploy, what
 * the roles they create may ever do, which reads are of data rather than configuration, which AWS
 * managed policies may (and may never) be attached, and the names of the bootstrap's own policies.
 */
import { PLATFORM_POLICIES } from "@platform/core";

/**
 * IAM prefixes of the services the stacks deploy (IAM itself is granted separately, scoped).
 * A test maps every resource type of every shipped plan to its service and fails on one missing
 * here: a new service is a deliberate change of the bootstrap, applied by an administrator.
 */
export const DEPLOY_SERVICES = [
  "aoss",
  "chatbot",
  "cloudtrail",
  "cloudwatch",
  "codebuild",
  "codeconnections",
  "codepipeline",
  "codestar-connections",
  "codestar-notifications",
  "directconnect",
  "ec2",
  "ecr",
  "eks",
  "elasticloadbalancing",
  "es",
  "firehose",
  "fms",
  "kms",
  "lambda",
  "logs",
  "ram",
  "route53",
  "route53resolver",
  "s3",
  "shield",
  "sns",
  "sqs",
] as const;

/**
 * What roles the stacks create may ever do (their permissions boundary): the services their
 * policies use, and those the AWS managed policies they attach use (EKS cluster and node roles
 * manage load balancers, Auto Scaling groups and Pod Identity sessions). No IAM writes, except
 * the service-linked roles EKS creates for load balancers. OpenSearch (`es`, `aoss`) and Lambda: the
 * log archive's Firehose role writes into search through a transform function. STS is not here: the boundary allows
 * only assuming the network account's workload roles (deployer.ts boundaryPolicy).
 */
export const BOUNDARY_SERVICES = [
  "aoss",
  "autoscaling",
  "cloudwatch",
  "codebuild",
  "codeconnections",
  "codepipeline",
  "codestar-connections",
  "ec2",
  "ecr",
  "eks",
  "eks-auth",
  "elasticloadbalancing",
  "es",
  "firehose",
  "kms",
  "lambda",
  "logs",
  "s3",
  "sns",
  "sqs",
] as const;

/**
 * Reads of data rather than configuration, denied to the read-only identities even where a read
 * verb matches: backups and artefacts in S3, log events, parameters, secrets, container images.
 */
export const DATA_READS = [
  "s3:GetObject",
  "s3:GetObjectVersion",
  "s3:GetObjectAttributes",
  "logs:GetLogEvents",
  "logs:GetLogRecord",
  "logs:FilterLogEvents",
  "logs:StartQuery",
  "logs:GetQueryResults",
  "ssm:GetParameter",
  "ssm:GetParameters",
  "ssm:GetParametersByPath",
  "secretsmanager:GetSecretValue",
  "ecr:GetAuthorizationToken",
  "ecr:BatchGetImage",
  "ecr:GetDownloadUrlForLayer",
  "kms:Decrypt",
];

/** AWS managed policies the stacks may attach to their roles (besides their own `stack-*`). */
export const ATTACHABLE_AWS_POLICIES = [
  "AmazonEKS*",
  "AmazonEC2ContainerRegistryReadOnly",
  "AmazonEC2ContainerRegistryPullOnly",
  "service-role/AmazonEBSCSIDriverPolicy",
];

/** AWS managed policies that grant administration; never attachable, whatever else allows it. */
export const ADMIN_AWS_POLICIES = [
  "AdministratorAccess",
  "AdministratorAccess-Amplify",
  "IAMFullAccess",
  "PowerUserAccess",
  "AWSOrganizationsFullAccess",
];

/** Service-linked roles AWS creates on first use by the deployed services. */
export const SERVICE_LINKED_ROLES = [
  "autoscaling.amazonaws.com",
  "directconnect.amazonaws.com",
  "eks.amazonaws.com",
  "eks-nodegroup.amazonaws.com",
  "elasticloadbalancing.amazonaws.com",
  // AWS Chatbot subscribes a Slack channel to its SNS topics through AWSServiceRoleForAWSChatbot
  // (Chatbot Administrator Guide, "Using service-linked roles for AWS Chatbot").
  "management.chatbot.amazonaws.com",
  // OpenSearch Service: a VPC domain's network interfaces; OpenSearch Serverless: its metrics.
  "observability.aoss.amazonaws.com",
  "opensearchservice.amazonaws.com",
  "transitgateway.amazonaws.com",
];

/** Names of the managed policies the bootstrap creates (all `platform-*`: outside the scope). */
export const BOOTSTRAP_POLICIES = PLATFORM_POLICIES;
