import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import { PACK } from "@platform/aws-guardrails/policies";
import { componentPackConfig, mandatoryFindings } from "@platform/policy-runner";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { GitHubActionsRunner, runsOnLabel } from "../src";
import type { GitHubActionsRunnerArgs } from "../src";

const connectionArn = "arn:aws:codeconnections:eu-west-1:100000000001:connection/4f1c-runner";
const base: GitHubActionsRunnerArgs = {
  projectName: "platform-deploy-runner",
  repository: "example-org/platform",
  connectionArn,
  vpcId: "vpc-shared",
  subnetIds: ["subnet-pa", "subnet-pb"],
  computeType: "BUILD_GENERAL1_MEDIUM",
  image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
  privileged: false,
  buildTimeoutMinutes: 120,
  logRetentionInDays: 365,
  namePrefix: "network",
  accountId: "100000000001",
  region: "eu-west-1",
  protect: true,
};

function plan(args: Partial<GitHubActionsRunnerArgs> = {}): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("network", {
        region: "eu-west-1",
        allowedAccountIds: ["100000000001"],
      });
      new GitHubActionsRunner("runner", { ...base, ...args }, { provider });
      return {};
    },
    {
      project: "platform-network",
      stack: "network",
      config: { "pulumi:disable-default-providers": ["*"] },
    },
  );
}

interface Statement {
  Sid: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

describe("GitHubActionsRunner", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan();
  });

  it("starts one build per queued workflow job of the repository, authenticated by the connection", () => {
    const project = resourceNamed(run, "aws:codebuild/project:Project", "runner");
    assert.equal(project.inputs["name"], "platform-deploy-runner");
    assert.deepEqual(project.inputs["source"], {
      type: "GITHUB",
      location: "https://github.com/example-org/platform.git",
      auth: { type: "CODECONNECTIONS", resource: connectionArn },
    });
    assert.deepEqual(project.inputs["artifacts"], { type: "NO_ARTIFACTS" });
    const hook = resourceNamed(run, "aws:codebuild/webhook:Webhook", "runner");
    assert.equal(hook.inputs["projectName"], "platform-deploy-runner");
    assert.equal(hook.inputs["buildType"], "BUILD");
    assert.deepEqual(hook.inputs["filterGroups"], [
      { filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] },
    ]);
    assert.equal(
      runsOnLabel("platform-deploy-runner"),
      "codebuild-platform-deploy-runner-${{ github.run_id }}-${{ github.run_attempt }}",
    );
  });

  it("runs in the given private subnets with a security group that admits nothing and sends only HTTPS", () => {
    const project = resourceNamed(run, "aws:codebuild/project:Project", "runner");
    const sg = resourceNamed(run, "aws:ec2/securityGroup:SecurityGroup", "runner");
    const vpc = project.inputs["vpcConfig"] as Record<string, unknown>;
    assert.equal(vpc["vpcId"], "vpc-shared");
    assert.deepEqual(vpc["subnets"], ["subnet-pa", "subnet-pb"]);
    assert.deepEqual(project.propertyDependencies["vpcConfig"]?.includes(sg.urn), true);
    assert.equal(sg.inputs["ingress"], undefined);
    assert.deepEqual(
      resourcesOfType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
      [],
    );
    const egress = resourcesOfType(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
    assert.deepEqual(
      egress.map((r) => [
        r.inputs["cidrIpv4"],
        r.inputs["ipProtocol"],
        r.inputs["fromPort"],
        r.inputs["toPort"],
      ]),
      [["0.0.0.0/0", "tcp", 443, 443]],
    );
    assert.equal(
      (project.inputs["environment"] as Record<string, unknown>)["privilegedMode"],
      false,
    );
  });

  it("gives the project's role only what CodeBuild needs, scoped to its logs, subnets and connection", () => {
    const role = resourceNamed(run, "aws:iam/role:Role", "runner");
    const trust = JSON.parse(String(role.inputs["assumeRolePolicy"])) as {
      Statement: Array<{ Principal: unknown; Condition: unknown }>;
    };
    assert.deepEqual(trust.Statement[0]!.Principal, { Service: "codebuild.amazonaws.com" });
    assert.deepEqual(trust.Statement[0]!.Condition, {
      StringEquals: { "aws:SourceAccount": "100000000001" },
      ArnLike: {
        "aws:SourceArn": "arn:aws:codebuild:eu-west-1:100000000001:project/platform-deploy-runner",
      },
    });
    assert.deepEqual(resourcesOfType(run, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"), []);
    const statements = (
      JSON.parse(
        String(resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", "runner").inputs["policy"]),
      ) as { Statement: Statement[] }
    ).Statement;
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
    assert.deepEqual(Object.keys(bySid), [
      "BuildLogs",
      "DescribeTheVpc",
      "BuildInterfaces",
      "RemoveInterfaces",
      "InterfacePermission",
      "ConnectionToken",
    ]);
    assert.deepEqual(bySid["ConnectionToken"], {
      Sid: "ConnectionToken",
      Effect: "Allow",
      Action: ["codeconnections:GetConnectionToken", "codeconnections:GetConnection"],
      Resource: connectionArn,
    });
    const subnets = [
      "arn:aws:ec2:eu-west-1:100000000001:subnet/subnet-pa",
      "arn:aws:ec2:eu-west-1:100000000001:subnet/subnet-pb",
    ];
    assert.deepEqual(bySid["InterfacePermission"]!.Condition, {
      StringEquals: { "ec2:Subnet": subnets, "ec2:AuthorizedService": "codebuild.amazonaws.com" },
    });
    assert.deepEqual((bySid["BuildInterfaces"]!.Resource as string[]).slice(0, 3), [
      "arn:aws:ec2:eu-west-1:100000000001:network-interface/*",
      ...subnets,
    ]);
    // No IAM, STS, EKS or data permission: the jobs' AWS identity comes from OIDC.
    const actions = statements.flatMap((s) => [s.Action].flat());
    assert.ok(
      actions.every((a) => /^(logs|ec2|codeconnections):/.test(a)),
      actions.join(", "),
    );
  });

  it("uses the connection's own IAM prefix for connections created before the rename", async () => {
    const old = "arn:aws:codestar-connections:eu-west-1:100000000001:connection/9a7e";
    const statements = (
      JSON.parse(
        String(
          resourceNamed(
            await plan({ connectionArn: old }),
            "aws:iam/rolePolicy:RolePolicy",
            "runner",
          ).inputs["policy"],
        ),
      ) as { Statement: Statement[] }
    ).Statement;
    assert.deepEqual(statements.find((s) => s.Sid === "ConnectionToken")!.Action, [
      "codestar-connections:GetConnectionToken",
      "codestar-connections:GetConnection",
    ]);
  });

  it("keeps its build logs in a protected, encrypted log group with retention", () => {
    const group = resourceNamed(run, "aws:cloudwatch/logGroup:LogGroup", "runner-logs-logs");
    assert.equal(group.inputs["name"], "/platform/network/ci/platform-deploy-runner");
    assert.equal(group.inputs["retentionInDays"], 365);
    assert.equal(group.protect, true);
    const project = resourceNamed(run, "aws:codebuild/project:Project", "runner");
    assert.deepEqual(project.inputs["logsConfig"], {
      cloudwatchLogs: {
        status: "ENABLED",
        groupName: "/platform/network/ci/platform-deploy-runner",
      },
    });
  });

  it("passes the prod guardrails; privileged mode needs the project in the allowlist", async () => {
    const config = componentPackConfig(
      path.resolve(
        __dirname,
        "..",
        "..",
        "..",
        "policies",
        "aws-guardrails",
        "config",
        "prod.json",
      ),
    );
    assert.deepEqual(await mandatoryFindings(PACK, run.resources, config), []);
    const privileged = await plan({ privileged: true });
    assert.deepEqual(await mandatoryFindings(PACK, privileged.resources, config), [
      "codebuild-hardening: privileged mode is on but platform-deploy-runner is not in privilegedAllowlist",
    ]);
  });
});
