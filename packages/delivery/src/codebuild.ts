/**
 * What the two CodeBuild projects (build and deploy) share: the standard Linux image, logs in the
 * pipeline's log group, artifacts from and to the pipeline, the pipeline's key, and a role that
 * may write those logs, read and write the artifacts and use the key.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { DeliveryScope } from "./args";
import { keyStatement, objectStatement, policyDocument, serviceRole } from "./iam";
import type { DeliveryStorage } from "./storage";

/**
 * `${name}-<suffix>`: a role CodeBuild assumes, with the statements every project needs and its
 * own (`extra`: each one statement or a list of them).
 */
export function codeBuildRole(
  scope: DeliveryScope,
  storage: DeliveryStorage,
  suffix: string,
  extra: pulumi.Input<unknown>[],
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
  const policy = pulumi
    .all([storage.logs.logGroup.arn, storage.artifacts.bucket.arn, storage.key.arn, ...extra])
    .apply(([logArn, bucketArn, keyArn, ...rest]) =>
      policyDocument([
        {
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: [logArn, `${logArn}:*`],
        },
        objectStatement(bucketArn as string),
        keyStatement(keyArn as string),
        // An extra may be one statement or a list of them.
        ...rest.flat(),
      ]),
    );
  return serviceRole(scope, suffix, "codebuild.amazonaws.com", policy);
}

export interface CodeBuildProjectArgs {
  readonly role: aws.iam.Role;
  /** The buildspec (YAML text), see `buildspecs.ts`. */
  readonly buildspec: string;
  /** Only for `docker build`: the guardrail `codebuild-hardening` allowlists such projects by name. */
  readonly privilegedMode: boolean;
  readonly variables: Array<{ name: string; value: pulumi.Input<string> }>;
  /** Run in a VPC (to reach a private endpoint). */
  readonly vpcConfig?: aws.types.input.codebuild.ProjectVpcConfig;
}

/** `${name}-<suffix>`, the CodeBuild project `<base>-<suffix>`, run as an action of the pipeline. */
export function codeBuildProject(
  scope: DeliveryScope,
  storage: DeliveryStorage,
  suffix: string,
  project: CodeBuildProjectArgs,
  opts: pulumi.CustomResourceOptions = {},
): aws.codebuild.Project {
  return new aws.codebuild.Project(
    `${scope.name}-${suffix}`,
    {
      name: `${scope.base}-${suffix}`,
      serviceRole: project.role.arn,
      encryptionKey: storage.key.arn,
      source: { type: "CODEPIPELINE", buildspec: project.buildspec },
      artifacts: { type: "CODEPIPELINE" },
      ...(project.vpcConfig && { vpcConfig: project.vpcConfig }),
      environment: {
        type: "LINUX_CONTAINER",
        computeType: "BUILD_GENERAL1_SMALL",
        image: "aws/codebuild/standard:7.0",
        privilegedMode: project.privilegedMode,
        environmentVariables: project.variables,
      },
      logsConfig: {
        cloudwatchLogs: { status: "ENABLED", groupName: storage.logs.logGroup.name },
      },
    },
    { ...scope.child, ...opts },
  );
}
