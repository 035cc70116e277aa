/**
 * A deploy runner in an existing VPC's private subnets: jobs of example-org/platform that carry
 * its `runs-on` label run there, so they reach what the VPC reaches.
 */
import * as aws from "@pulumi/aws";
import { GitHubActionsRunner } from "../src";

export default function simple() {
  const provider = new aws.Provider("network", { region: "eu-west-1" });
  const runner = new GitHubActionsRunner(
    "deploy-runner",
    {
      projectName: "platform-deploy-runner",
      repository: "example-org/platform",
      connectionArn:
        "arn:aws:codeconnections:eu-west-1:100000000001:connection/6f1c0a2e-0000-4000-8000-000000000000",
      computeType: "BUILD_GENERAL1_MEDIUM",
      image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
      privileged: false,
      buildTimeoutMinutes: 120,
      logRetentionInDays: 365,
      vpcId: "vpc-0shared",
      subnetIds: ["subnet-0private-a", "subnet-0private-b"],
      namePrefix: "network",
      accountId: "100000000001",
      region: "eu-west-1",
    },
    { provider },
  );
  return { runsOn: runner.runsOn, roleArn: runner.roleArn };
}
