/**
 * The build stage's project: `make test`, `docker build` and push to the application's ECR
 * repository, with a role that may push there and nowhere else.
 */
import type * as aws from "@pulumi/aws";
import type { DeliveryScope } from "./args";
import { buildSpec } from "./buildspecs";
import { codeBuildProject, codeBuildRole } from "./codebuild";
import type { DeliveryStorage } from "./storage";

export function buildProject(
  scope: DeliveryScope,
  storage: DeliveryStorage,
  repository: aws.ecr.Repository,
): aws.codebuild.Project {
  const { role } = codeBuildRole(scope, storage, "build", [
    // GetAuthorizationToken has no resource-level permissions (Service Authorization Reference).
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
  ]);
  return codeBuildProject(scope, storage, "build", {
    role,
    buildspec: buildSpec(),
    // docker build needs privileged mode: the only privileged project, allowlisted in the pack config.
    privilegedMode: true,
    variables: [{ name: "REPOSITORY_URI", value: repository.repositoryUrl }],
  });
}
