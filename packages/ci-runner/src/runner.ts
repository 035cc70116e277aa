import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  codeBuildVpcStatements,
  connectionActions,
  EncryptedLogGroup,
  scopedRole,
  serviceTrustPolicy,
} from "@platform/core";
import type { DeployRunnerConfig } from "./schema";

/**
 * The runner's config (`deployRunnerSchema`, defaults applied) and where it runs. The config part
 * is the schema's inferred type, so the keys are documented there.
 */
export interface GitHubActionsRunnerArgs extends Readonly<DeployRunnerConfig> {
  readonly vpcId: pulumi.Input<string>;
  /**
   * Subnets the builds run in. CodeBuild gives a build in a VPC no public address, so these must
   * be private subnets with a NAT route (CodeBuild User Guide, "Use CodeBuild with Amazon VPC").
   */
  readonly subnetIds: pulumi.Input<string>[];
  /** Used in the log group name: /platform/<namePrefix>/ci/<projectName>. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /** Protect the log group and its key (prod). */
  readonly protect?: boolean;
}

/** The `runs-on` label that routes a workflow job to the runner project `projectName`. */
export function runsOnLabel(projectName: string): string {
  // CodeBuild User Guide, "Label overrides supported with the CodeBuild-hosted GitHub Actions
  // runner": codebuild-<project-name>-${{ github.run_id }}-${{ github.run_attempt }} is required.
  return `codebuild-${projectName}-\${{ github.run_id }}-\${{ github.run_attempt }}`;
}

/**
 * A CodeBuild-hosted GitHub Actions runner: a CodeBuild project whose webhook starts one build per
 * queued workflow job (event WORKFLOW_JOB_QUEUED), inside a VPC, so jobs reach what the VPC reaches
 * (here: the private EKS endpoints over the Transit Gateway).
 *
 * The project's role holds only what CodeBuild itself needs: its log stream, the VPC network
 * interfaces of its builds, and the connection's GitHub token. Jobs get their AWS identity from
 * GitHub's OIDC token, as on GitHub-hosted runners; nothing here grants them more.
 */
export class GitHubActionsRunner extends pulumi.ComponentResource {
  readonly projectName: string;
  /** The `runs-on` label for jobs on this runner. */
  readonly runsOn: string;
  readonly securityGroupId: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: GitHubActionsRunnerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:ci:GitHubActionsRunner", name, {}, opts);
    const child = { parent: this };
    const { accountId, region } = args;
    const projectArn = `arn:aws:codebuild:${region}:${accountId}:project/${args.projectName}`;

    const logs = new EncryptedLogGroup(
      `${name}-logs`,
      {
        logGroupName: `/platform/${args.namePrefix}/ci/${args.projectName}`,
        retentionInDays: args.logRetentionInDays,
        accountId,
        region,
        protect: args.protect,
      },
      child,
    );

    // No inbound rule; outbound HTTPS only (GitHub, AWS APIs, registries, the EKS endpoints). The
    // VPC resolver, DHCP and the instance metadata are not filtered by security groups (Amazon VPC
    // User Guide, "Security group rules").
    const sg = new aws.ec2.SecurityGroup(
      name,
      {
        vpcId: args.vpcId,
        description: `CodeBuild runner ${args.projectName}: no inbound, HTTPS out`,
        tags: { Name: `${args.namePrefix}-${args.projectName}` },
      },
      child,
    );
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-https`,
      {
        securityGroupId: sg.id,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS to GitHub, AWS APIs, registries and the clusters' API endpoints",
      },
      child,
    );

    // Trust CodeBuild for this project only (CodeBuild User Guide, "Cross-service confused deputy
    // prevention").
    const role = scopedRole(
      name,
      {
        accountId,
        region,
        description: `CodeBuild runner ${args.projectName}: logs, VPC interfaces, connection token`,
        assumeRolePolicy: serviceTrustPolicy("codebuild.amazonaws.com", {
          condition: {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnLike: { "aws:SourceArn": projectArn },
          },
        }),
      },
      child,
    );
    const policy = new aws.iam.RolePolicy(
      name,
      {
        role: role.name,
        policy: pulumi
          .all([logs.logGroup.arn, sg.id, pulumi.output(args.subnetIds)])
          .apply(([logArn, sgId, subnets]) => {
            return JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Sid: "BuildLogs",
                  Effect: "Allow",
                  Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                  Resource: [logArn, `${logArn}:*`],
                },
                // The VPC build's network interfaces (core's codeBuildVpcStatements, sourced there).
                ...codeBuildVpcStatements({
                  region,
                  accountId,
                  subnetIds: subnets,
                  securityGroupId: sgId,
                }),
                // CodeBuild User Guide, "GitHub App connections": the project role gets the
                // tokens the connection vends.
                {
                  Sid: "ConnectionToken",
                  Effect: "Allow",
                  Action: connectionActions(args.connectionArn, [
                    "GetConnectionToken",
                    "GetConnection",
                  ]),
                  Resource: args.connectionArn,
                },
              ],
            });
          }),
      },
      child,
    );

    const project = new aws.codebuild.Project(
      name,
      {
        name: args.projectName,
        description: `GitHub Actions runner for ${args.repository}`,
        serviceRole: role.arn,
        // A runner project takes its jobs from the webhook; the source only names the repository
        // and the credential (CodeBuild User Guide, "Tutorial: Configure a CodeBuild-hosted
        // GitHub Actions runner").
        source: {
          type: "GITHUB",
          location: `https://github.com/${args.repository}.git`,
          auth: { type: "CODECONNECTIONS", resource: args.connectionArn },
        },
        artifacts: { type: "NO_ARTIFACTS" },
        environment: {
          type: "LINUX_CONTAINER",
          computeType: args.computeType,
          image: args.image,
          imagePullCredentialsType: "CODEBUILD",
          privilegedMode: args.privileged,
        },
        vpcConfig: { vpcId: args.vpcId, subnets: args.subnetIds, securityGroupIds: [sg.id] },
        logsConfig: { cloudwatchLogs: { status: "ENABLED", groupName: logs.logGroup.name } },
        buildTimeout: args.buildTimeoutMinutes,
      },
      { ...child, dependsOn: [policy] },
    );
    new aws.codebuild.Webhook(
      name,
      {
        projectName: project.name,
        buildType: "BUILD",
        filterGroups: [{ filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] }],
      },
      child,
    );

    this.projectName = args.projectName;
    this.runsOn = runsOnLabel(args.projectName);
    this.securityGroupId = sg.id;
    this.roleArn = role.arn;
    this.registerOutputs({ projectName: project.name, securityGroupId: sg.id, roleArn: role.arn });
  }
}
