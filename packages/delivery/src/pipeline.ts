import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  codeBuildVpcStatements,
  connectionActions,
  EncryptedLogGroup,
  encryptedTopic,
  scopedRole,
  SecureBucket,
  serviceTrustPolicy,
} from "@platform/core";
import { buildSpec, deploySpec } from "./buildspecs";
import { RESTRICTED_NAMESPACE_LABELS } from "./permissions";
import { deliveryBucketNames } from "./validate";

export interface AppDeliveryPipelineArgs {
  /** Application name (lower case); used in resource names. */
  readonly app: string;
  /** Kubernetes namespace the application deploys to; the deploy role can touch only this one. */
  readonly namespace: string;
  /** Existing CodeConnections (CodeStar) connection and repository, e.g. org/app on branch main. */
  readonly source: {
    readonly connectionArn: string;
    readonly repository: string;
    readonly branch: string;
  };
  readonly clusterName: pulumi.Input<string>;
  readonly clusterArn: pulumi.Input<string>;
  /**
   * Where the deploy project runs: the cluster's VPC and private subnets (its endpoint is
   * private), and the cluster security group, which gets HTTPS from the deploy project's group.
   */
  readonly network: {
    readonly vpcId: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string>[];
    readonly clusterSecurityGroupId: pulumi.Input<string>;
  };
  /** The cluster's Kubernetes provider: it creates the application's namespace. */
  readonly kubernetesProvider: k8s.Provider;
  /** A manual approval before the deploy stage (prod). */
  readonly requireApproval: boolean;
  /** Topic for failure notifications. */
  readonly notificationEmails: readonly string[];
  readonly logRetentionInDays: number;
  readonly helmVersion?: string;
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

/**
 * Delivery of one application to the environment's EKS cluster: source from a code connection,
 * CodeBuild that tests, builds and pushes to ECR (scan on push, immutable tags, lifecycle),
 * an optional manual approval, and a CodeBuild deploy that runs `helm upgrade --atomic` with a
 * role whose EKS access entry is limited to the application's namespace. Artifacts, logs and
 * images are encrypted with the pipeline's KMS key; failures notify a topic.
 */
export class AppDeliveryPipeline extends pulumi.ComponentResource {
  readonly pipelineName: pulumi.Output<string>;
  readonly repositoryUrl: pulumi.Output<string>;
  /** The CodeBuild project that needs privileged mode (docker build): allowlist it in the pack config. */
  readonly buildProjectName: string;

  constructor(name: string, args: AppDeliveryPipelineArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:delivery:AppDeliveryPipeline", name, {}, opts);
    const child = { parent: this };
    const account = { accountId: args.accountId, region: args.region };
    const base = `${args.namePrefix}-${args.app}`;
    const bucketNames = deliveryBucketNames(args.namePrefix, args.app, args.accountId);
    const policy = (statements: unknown[]) =>
      JSON.stringify({ Version: "2012-10-17", Statement: statements });
    const trust = (service: string) =>
      serviceTrustPolicy(service, {
        condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      });

    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Delivery pipeline of ${base}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
      },
      { parent: this, protect: args.protect },
    );
    const logBucket = new SecureBucket(
      `${name}-access-logs`,
      {
        bucketName: bucketNames.accessLogs,
        accessLogTargetFor: {
          accountId: args.accountId,
          bucketNames: [bucketNames.artifacts],
        },
        expireDays: 90,
      },
      child,
    );
    const artifacts = new SecureBucket(
      `${name}-artifacts`,
      {
        bucketName: bucketNames.artifacts,
        kmsKeyArn: key.arn,
        expireDays: 30,
        noncurrentDays: 7,
        accessLogBucket: logBucket,
      },
      child,
    );

    const repository = new aws.ecr.Repository(
      `${name}-images`,
      {
        name: `${args.namePrefix}/${args.app}`,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }],
      },
      child,
    );
    new aws.ecr.LifecyclePolicy(
      `${name}-images`,
      {
        repository: repository.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: "expire untagged images after 7 days",
              selection: {
                tagStatus: "untagged",
                countType: "sinceImagePushed",
                countUnit: "days",
                countNumber: 7,
              },
              action: { type: "expire" },
            },
            {
              rulePriority: 2,
              description: "keep the 50 newest images",
              selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 },
              action: { type: "expire" },
            },
          ],
        }),
      },
      child,
    );

    const logs = new EncryptedLogGroup(
      `${name}-build-logs`,
      {
        logGroupName: `/platform/${args.namePrefix}/delivery/${args.app}`,
        retentionInDays: args.logRetentionInDays,
        accountId: args.accountId,
        region: args.region,
        protect: args.protect,
      },
      child,
    );

    const common = (extra: pulumi.Input<unknown>[]) =>
      pulumi
        .all([logs.logGroup.arn, artifacts.bucket.arn, key.arn, ...extra])
        .apply(([logArn, bucketArn, keyArn, ...rest]) =>
          policy([
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
              Resource: [logArn, `${logArn}:*`],
            },
            {
              Effect: "Allow",
              Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
              Resource: `${bucketArn}/*`,
            },
            {
              Effect: "Allow",
              Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"],
              Resource: keyArn,
            },
            // An extra may be one statement or a list of them.
            ...rest.flat(),
          ]),
        );

    // Build: test, build and push the image.
    const buildRole = scopedRole(
      `${name}-build`,
      { assumeRolePolicy: trust("codebuild.amazonaws.com"), ...account },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-build`,
      {
        role: buildRole.name,
        policy: common([
          { Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
          repository.arn.apply((arn) => ({
            Effect: "Allow",
            Action: [
              "ecr:BatchCheckLayerAvailability",
              "ecr:InitiateLayerUpload",
              "ecr:UploadLayerPart",
              "ecr:CompleteLayerUpload",
              "ecr:PutImage",
              "ecr:BatchGetImage",
            ],
            Resource: arn,
          })),
        ]),
      },
      child,
    );
    this.buildProjectName = `${base}-build`;
    const environment = (
      privilegedMode: boolean,
      variables: Array<{ name: string; value: pulumi.Input<string> }>,
    ) => ({
      type: "LINUX_CONTAINER",
      computeType: "BUILD_GENERAL1_SMALL",
      image: "aws/codebuild/standard:7.0",
      privilegedMode,
      environmentVariables: variables,
    });
    const logsConfig = { cloudwatchLogs: { status: "ENABLED", groupName: logs.logGroup.name } };
    const build = new aws.codebuild.Project(
      `${name}-build`,
      {
        name: this.buildProjectName,
        serviceRole: buildRole.arn,
        encryptionKey: key.arn,
        source: { type: "CODEPIPELINE", buildspec: buildSpec() },
        artifacts: { type: "CODEPIPELINE" },
        // docker build needs privileged mode: the only privileged project, allowlisted in the pack config.
        environment: environment(true, [
          { name: "REPOSITORY_URI", value: repository.repositoryUrl },
        ]),
        logsConfig,
      },
      child,
    );

    // Deploy: helm --atomic into the namespace, with a namespace-scoped EKS access entry. The
    // namespace exists before the first deploy, with the restricted Pod Security Standard.
    new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: args.namespace,
          labels: { ...RESTRICTED_NAMESPACE_LABELS, "app.kubernetes.io/part-of": args.app },
        },
      },
      { parent: this, provider: args.kubernetesProvider },
    );
    // The cluster's endpoint is private: the deploy project runs in the VPC's private subnets
    // ("Use AWS CodeBuild with Amazon VPC") with a group that may only call out over HTTPS, and the
    // cluster security group admits it on 443 ("Cluster API server endpoint", Amazon EKS User
    // Guide: a private endpoint takes traffic the cluster security group allows).
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
    const deployRole = scopedRole(
      `${name}-deploy`,
      { assumeRolePolicy: trust("codebuild.amazonaws.com"), ...account },
      child,
    );
    const deployPolicy = new aws.iam.RolePolicy(
      `${name}-deploy`,
      {
        role: deployRole.name,
        policy: common([
          pulumi
            .output(args.clusterArn)
            .apply((arn) => ({ Effect: "Allow", Action: "eks:DescribeCluster", Resource: arn })),
          ...codeBuildVpcStatementsFor(args, deployGroup.id),
        ]),
      },
      child,
    );
    const entry = new aws.eks.AccessEntry(
      `${name}-deploy`,
      { clusterName: args.clusterName, principalArn: deployRole.arn, type: "STANDARD" },
      child,
    );
    new aws.eks.AccessPolicyAssociation(
      `${name}-deploy`,
      {
        clusterName: args.clusterName,
        principalArn: deployRole.arn,
        policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
        accessScope: { type: "namespace", namespaces: [args.namespace] },
      },
      { ...child, dependsOn: [entry] },
    );
    const deploy = new aws.codebuild.Project(
      `${name}-deploy`,
      {
        name: `${base}-deploy`,
        serviceRole: deployRole.arn,
        encryptionKey: key.arn,
        source: { type: "CODEPIPELINE", buildspec: deploySpec() },
        artifacts: { type: "CODEPIPELINE" },
        vpcConfig: {
          vpcId: args.network.vpcId,
          subnets: args.network.subnetIds,
          securityGroupIds: [deployGroup.id],
        },
        environment: environment(false, [
          { name: "CLUSTER_NAME", value: args.clusterName },
          { name: "NAMESPACE", value: args.namespace },
          { name: "RELEASE", value: args.app },
          { name: "REPOSITORY_URI", value: repository.repositoryUrl },
          { name: "HELM_VERSION", value: args.helmVersion ?? "v3.16.3" },
        ]),
        logsConfig,
      },
      // CodeBuild checks the role's EC2 permissions when a VPC project is created.
      { ...child, dependsOn: [deployPolicy] },
    );

    // The pipeline.
    const pipelineRole = scopedRole(
      `${name}-pipeline`,
      { assumeRolePolicy: trust("codepipeline.amazonaws.com"), ...account },
      child,
    );
    new aws.iam.RolePolicy(
      `${name}-pipeline`,
      {
        role: pipelineRole.name,
        policy: pulumi
          .all([artifacts.bucket.arn, key.arn, build.arn, deploy.arn])
          .apply(([bucketArn, keyArn, buildArn, deployArn]) =>
            policy([
              {
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
                Resource: `${bucketArn}/*`,
              },
              { Effect: "Allow", Action: "s3:GetBucketVersioning", Resource: bucketArn },
              {
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"],
                Resource: keyArn,
              },
              {
                Effect: "Allow",
                Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"],
                Resource: [buildArn, deployArn],
              },
              {
                Effect: "Allow",
                Action: connectionActions(args.source.connectionArn, ["UseConnection"]),
                Resource: args.source.connectionArn,
              },
            ]),
          ),
      },
      child,
    );
    const action = (
      name: string,
      category: string,
      provider: string,
      configuration: Record<string, pulumi.Input<string>>,
      io: { in?: string[]; out?: string[] } = {},
    ) => ({
      name,
      category,
      owner: "AWS",
      provider,
      version: "1",
      configuration,
      inputArtifacts: io.in,
      outputArtifacts: io.out,
    });
    const stages = [
      {
        name: "Source",
        actions: [
          action(
            "Source",
            "Source",
            "CodeStarSourceConnection",
            {
              ConnectionArn: args.source.connectionArn,
              FullRepositoryId: args.source.repository,
              BranchName: args.source.branch,
            },
            { out: ["source"] },
          ),
        ],
      },
      {
        name: "Build",
        actions: [
          action(
            "TestBuildPush",
            "Build",
            "CodeBuild",
            { ProjectName: build.name },
            { in: ["source"], out: ["image"] },
          ),
        ],
      },
      ...(args.requireApproval
        ? [{ name: "Approve", actions: [action("ApproveDeploy", "Approval", "Manual", {})] }]
        : []),
      {
        name: "Deploy",
        actions: [
          action(
            "HelmUpgrade",
            "Build",
            "CodeBuild",
            { ProjectName: deploy.name, PrimarySource: "image" },
            { in: ["image"] },
          ),
        ],
      },
    ];
    const pipeline = new aws.codepipeline.Pipeline(
      `${name}-pipeline`,
      {
        name: base,
        pipelineType: "V2",
        executionMode: "QUEUED",
        roleArn: pipelineRole.arn,
        artifactStores: [
          {
            location: artifacts.bucket.bucket,
            type: "S3",
            encryptionKey: { id: key.arn, type: "KMS" },
          },
        ],
        stages,
      },
      child,
    );

    // CodeStar Notifications cannot publish to a topic under alias/aws/sns: a customer key it may use.
    const { topic } = encryptedTopic(
      `${name}-failures`,
      {
        topicName: `${base}-delivery-failures`,
        publishers: ["codestar-notifications"],
        accountId: args.accountId,
        region: args.region,
        protect: args.protect,
      },
      child,
    );
    args.notificationEmails.forEach(
      (email, i) =>
        new aws.sns.TopicSubscription(
          `${name}-failures-${i}`,
          { topic: topic.arn, protocol: "email", endpoint: email },
          child,
        ),
    );
    new aws.codestarnotifications.NotificationRule(
      `${name}-failures`,
      {
        name: `${base}-failures`,
        detailType: "FULL",
        resource: pipeline.arn,
        eventTypeIds: [
          "codepipeline-pipeline-pipeline-execution-failed",
          "codepipeline-pipeline-action-execution-failed",
        ],
        targets: [{ address: topic.arn, type: "SNS" }],
      },
      child,
    );

    this.pipelineName = pipeline.name;
    this.repositoryUrl = repository.repositoryUrl;
    this.registerOutputs({ pipelineName: this.pipelineName, repositoryUrl: this.repositoryUrl });
  }
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
