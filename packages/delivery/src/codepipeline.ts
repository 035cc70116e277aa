/**
 * The CodePipeline (V2, queued executions): source from the code connection, build, an optional
 * manual approval, deploy; artifacts in the pipeline's bucket under its key. Its role may use the
 * connection, start the two projects and read and write the artifacts, nothing else.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { connectionActions } from "@platform/core";
import type { DeliveryScope } from "./args";
import { keyStatement, objectStatement, policyDocument, serviceRole } from "./iam";
import type { DeliveryStorage } from "./storage";

export interface PipelineProjects {
  readonly build: aws.codebuild.Project;
  readonly deploy: aws.codebuild.Project;
}

/** One AWS-owned action of a stage. */
function action(
  name: string,
  category: string,
  provider: string,
  configuration: Record<string, pulumi.Input<string>>,
  io: { in?: string[]; out?: string[] } = {},
) {
  return {
    name,
    category,
    owner: "AWS",
    provider,
    version: "1",
    configuration,
    inputArtifacts: io.in,
    outputArtifacts: io.out,
  };
}

/** The stages: Source, Build, Approve (when `requireApproval`), Deploy. */
function stages(scope: DeliveryScope, projects: PipelineProjects) {
  const { app, connectionArn, requireApproval } = scope.args;
  return [
    {
      name: "Source",
      actions: [
        action(
          "Source",
          "Source",
          "CodeStarSourceConnection",
          {
            ConnectionArn: connectionArn,
            FullRepositoryId: app.repository,
            BranchName: app.branch,
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
          { ProjectName: projects.build.name },
          { in: ["source"], out: ["image"] },
        ),
      ],
    },
    ...(requireApproval
      ? [{ name: "Approve", actions: [action("ApproveDeploy", "Approval", "Manual", {})] }]
      : []),
    {
      name: "Deploy",
      actions: [
        action(
          "HelmUpgrade",
          "Build",
          "CodeBuild",
          { ProjectName: projects.deploy.name, PrimarySource: "image" },
          { in: ["image"] },
        ),
      ],
    },
  ];
}

export function codePipeline(
  scope: DeliveryScope,
  storage: DeliveryStorage,
  projects: PipelineProjects,
): aws.codepipeline.Pipeline {
  const { connectionArn } = scope.args;
  const { role } = serviceRole(
    scope,
    "pipeline",
    "codepipeline.amazonaws.com",
    pulumi
      .all([storage.artifacts.bucket.arn, storage.key.arn, projects.build.arn, projects.deploy.arn])
      .apply(([bucketArn, keyArn, buildArn, deployArn]) =>
        policyDocument([
          objectStatement(bucketArn),
          { Effect: "Allow", Action: "s3:GetBucketVersioning", Resource: bucketArn },
          keyStatement(keyArn),
          {
            Effect: "Allow",
            Action: ["codebuild:StartBuild", "codebuild:BatchGetBuilds"],
            Resource: [buildArn, deployArn],
          },
          {
            Effect: "Allow",
            // Under the connection's own prefix: codeconnections or codestar-connections.
            Action: connectionActions(connectionArn, ["UseConnection"]),
            Resource: connectionArn,
          },
        ]),
      ),
  );
  return new aws.codepipeline.Pipeline(
    `${scope.name}-pipeline`,
    {
      name: scope.base,
      pipelineType: "V2",
      executionMode: "QUEUED",
      roleArn: role.arn,
      artifactStores: [
        {
          location: storage.artifacts.bucket.bucket,
          type: "S3",
          encryptionKey: { id: storage.key.arn, type: "KMS" },
        },
      ],
      stages: stages(scope, projects),
    },
    scope.child,
  );
}
