/** Delivery: ECR repositories, CodeBuild projects, CodePipeline pipelines and their notifications. */
import { inputOr, sar } from "./shared";
import type { ActionsTable } from "./shared";

const ECR = sar("Amazon Elastic Container Registry");
const CODEBUILD = sar("AWS CodeBuild");

export const DELIVERY_ACTIONS: ActionsTable = {
  "aws:ecr/repository:Repository": {
    source: ECR,
    create: ["ecr:CreateRepository", "ecr:TagResource"],
    update: ["ecr:PutImageScanningConfiguration", "ecr:PutImageTagMutability"],
    read: ["ecr:DescribeRepositories", "ecr:ListTagsForResource"],
    arn: (_r, at) => `arn:aws:ecr:${at.region}:${at.account}:repository/${at.name}`,
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": {
    source: ECR,
    create: ["ecr:PutLifecyclePolicy"],
    update: ["ecr:PutLifecyclePolicy"],
    read: ["ecr:GetLifecyclePolicy"],
    arn: (r, at) =>
      `arn:aws:ecr:${at.region}:${at.account}:repository/${String(r.inputs["repository"] ?? "*")}`,
  },
  "aws:codebuild/project:Project": {
    source: CODEBUILD,
    create: ["codebuild:CreateProject"],
    update: ["codebuild:UpdateProject"],
    read: ["codebuild:BatchGetProjects"],
    arn: (_r, at) => `arn:aws:codebuild:${at.region}:${at.account}:project/${at.name}`,
    passRole: [{ input: "serviceRole", service: "codebuild.amazonaws.com" }],
  },
  // CreateWebhook is authorised on the project (Service Authorization Reference, AWS CodeBuild).
  "aws:codebuild/webhook:Webhook": {
    source: CODEBUILD,
    create: ["codebuild:CreateWebhook"],
    update: ["codebuild:UpdateWebhook"],
    read: ["codebuild:BatchGetProjects"],
    arn: (r, at) =>
      `arn:aws:codebuild:${at.region}:${at.account}:project/${inputOr(r, "projectName")}`,
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
