import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { PACK } from "@platform/aws-guardrails/policies";
import { componentPackConfig, mandatoryFindings } from "@platform/policy-runner";
import type { PackConfig } from "@platform/policy-runner";
import {
  accessLogDeliveries,
  resourceNamed,
  resourcesOfType,
  runProgram,
  topicPublishing,
} from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { AppDeliveryPipeline, deploySpec } from "../src";

function plan(
  requireApproval: boolean,
  connectionArn = "arn:aws:codeconnections:eu-west-1:400000000004:connection/abc",
): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("acct", {
        region: "eu-west-1",
        allowedAccountIds: ["400000000004"],
      });
      new AppDeliveryPipeline(
        "shop",
        {
          app: { name: "shop", namespace: "shop", repository: "example-org/shop", branch: "main" },
          connectionArn,
          clusterName: "prod",
          clusterArn: "arn:aws:eks:eu-west-1:400000000004:cluster/prod",
          network: {
            vpcId: "vpc-0123456789abcdef0",
            subnetIds: ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"],
            clusterSecurityGroupId: "sg-0cccccccccccccccc",
          },
          kubernetesProvider: new k8s.Provider("prod-k8s", { kubeconfig: "{}" }),
          requireApproval,
          notificationEmails: ["shop-team@example.com"],
          logRetentionInDays: 365,
          namePrefix: "prod",
          accountId: "400000000004",
          region: "eu-west-1",
          protect: true,
        },
        { provider },
      );
      return {};
    },
    {
      project: "platform-prod",
      stack: "prod",
      config: { "pulumi:disable-default-providers": ["*"] },
    },
  );
}

const statements = (run: ProgramRun) =>
  resourcesOfType(run, "aws:iam/rolePolicy:RolePolicy").flatMap((p) =>
    (
      JSON.parse(String(p.inputs["policy"])) as {
        Statement: Array<{ Action: string | string[]; Resource: string | string[] }>;
      }
    ).Statement.map((s) => ({ role: p.name, ...s })),
  );

describe("AppDeliveryPipeline", () => {
  let prod: ProgramRun;
  before(async () => {
    prod = await plan(true);
  });

  it("is a V2 pipeline: source, build, manual approval, deploy", () => {
    const pipeline = resourceNamed(prod, "aws:codepipeline/pipeline:Pipeline", "shop-pipeline");
    assert.equal(pipeline.inputs["pipelineType"], "V2");
    const stages = pipeline.inputs["stages"] as Array<{
      name: string;
      actions: Array<{ provider: string; category: string }>;
    }>;
    assert.deepEqual(
      stages.map((s) => `${s.name}:${s.actions[0]!.category}/${s.actions[0]!.provider}`),
      [
        "Source:Source/CodeStarSourceConnection",
        "Build:Build/CodeBuild",
        "Approve:Approval/Manual",
        "Deploy:Build/CodeBuild",
      ],
    );
    const store = (
      pipeline.inputs["artifactStores"] as Array<{ encryptionKey: { type: string } }>
    )[0]!;
    assert.equal(store.encryptionKey.type, "KMS");
  });

  it("has no approval stage outside prod", async () => {
    const dev = await plan(false);
    const stages = resourceNamed(dev, "aws:codepipeline/pipeline:Pipeline", "shop-pipeline").inputs[
      "stages"
    ] as Array<{ name: string }>;
    assert.deepEqual(
      stages.map((s) => s.name),
      ["Source", "Build", "Deploy"],
    );
  });

  it("pushes to an ECR repository with scan on push, immutable tags, KMS and a lifecycle policy", () => {
    const repo = resourceNamed(prod, "aws:ecr/repository:Repository", "shop-images");
    assert.equal(repo.inputs["imageTagMutability"], "IMMUTABLE");
    assert.deepEqual(repo.inputs["imageScanningConfiguration"], { scanOnPush: true });
    assert.equal(
      (repo.inputs["encryptionConfigurations"] as Array<{ encryptionType: string }>)[0]!
        .encryptionType,
      "KMS",
    );
    assert.equal(resourcesOfType(prod, "aws:ecr/lifecyclePolicy:LifecyclePolicy").length, 1);
  });

  it("runs privileged only in the build project, and deploys with helm --atomic", () => {
    const projects = resourcesOfType(prod, "aws:codebuild/project:Project").map((p) => [
      p.inputs["name"],
      (p.inputs["environment"] as { privilegedMode: boolean }).privilegedMode,
    ]);
    assert.deepEqual(projects.sort(), [
      ["prod-shop-build", true],
      ["prod-shop-deploy", false],
    ]);
    assert.match(
      deploySpec(),
      /helm upgrade --install "\$RELEASE" chart --namespace "\$NAMESPACE" --atomic --wait/,
    );
  });

  it("scopes the deploy role's EKS access entry to the application's namespace", () => {
    const assoc = resourcesOfType(
      prod,
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    )[0]!;
    assert.deepEqual(assoc.inputs["accessScope"], { type: "namespace", namespaces: ["shop"] });
    assert.equal(
      assoc.inputs["policyArn"],
      "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
    );
    assert.deepEqual(assoc.propertyDependencies["principalArn"], [
      resourceNamed(prod, "aws:iam/role:Role", "shop-deploy").urn,
    ]);
  });

  // Issue 12 item 13: the pieces a private cluster and a real connection need.
  it("grants UseConnection under the connection's own service prefix (CodeConnections or CodeStar)", async () => {
    const useConnection = (run: ProgramRun) =>
      statements(run)
        .filter((s) => [s.Action].flat().some((a) => a.endsWith(":UseConnection")))
        .map((s) => [s.Action].flat().join(","));
    assert.deepEqual(useConnection(prod), ["codeconnections:UseConnection"]);
    const legacy = await plan(
      false,
      "arn:aws:codestar-connections:eu-west-1:400000000004:connection/abc",
    );
    assert.deepEqual(useConnection(legacy), ["codestar-connections:UseConnection"]);
  });

  it("runs the deploy project in the cluster's private subnets, admitted by the cluster security group on 443", () => {
    const deploy = resourcesOfType(prod, "aws:codebuild/project:Project").find(
      (p) => p.inputs["name"] === "prod-shop-deploy",
    )!;
    const vpc = deploy.inputs["vpcConfig"] as { subnets: string[]; securityGroupIds: string[] };
    assert.deepEqual(vpc.subnets, ["subnet-0aaaaaaaaaaaaaaa1", "subnet-0aaaaaaaaaaaaaaa2"]);
    const group = resourceNamed(prod, "aws:ec2/securityGroup:SecurityGroup", "shop-deploy");
    assert.deepEqual(deploy.propertyDependencies["vpcConfig"], [group.urn]);
    const ingress = resourceNamed(
      prod,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "shop-deploy-to-eks",
    );
    assert.equal(ingress.inputs["securityGroupId"], "sg-0cccccccccccccccc");
    assert.deepEqual([ingress.inputs["fromPort"], ingress.inputs["toPort"]], [443, 443]);
    assert.deepEqual(ingress.propertyDependencies["referencedSecurityGroupId"], [group.urn]);
    // CodeBuild checks the role's EC2 permissions when it creates a VPC project.
    const vpcActions = statements(prod)
      .filter((s) => s.role === "shop-deploy")
      .flatMap((s) => [s.Action].flat());
    for (const a of [
      "ec2:CreateNetworkInterface",
      "ec2:DeleteNetworkInterface",
      "ec2:CreateNetworkInterfacePermission",
      "ec2:DescribeSubnets",
    ])
      assert.ok(vpcActions.includes(a), a);
  });

  it("creates the application's namespace, restricted, before the first deploy", () => {
    const ns = resourceNamed(prod, "kubernetes:core/v1:Namespace", "shop-namespace");
    const labels = (ns.inputs["metadata"] as { name: string; labels: Record<string, string> })
      .labels;
    assert.equal((ns.inputs["metadata"] as { name: string }).name, "shop");
    assert.equal(labels["pod-security.kubernetes.io/enforce"], "restricted");
  });

  it("grants no wildcard action, and Resource * only to actions without resource-level permissions", () => {
    for (const s of statements(prod)) {
      const actions = [s.Action].flat();
      assert.ok(
        !actions.some((a) => a === "*" || a.endsWith(":*")),
        `${s.role}: ${actions.join(",")}`,
      );
      // ECR's token and the EC2 describes CodeBuild's VPC builds need (Service Authorization
      // Reference: no resource types).
      if ([s.Resource].flat().includes("*"))
        for (const a of actions)
          assert.ok(a === "ecr:GetAuthorizationToken" || a.startsWith("ec2:Describe"), a);
    }
  });

  it("sends access logs to a bucket S3 can deliver to (SSE-S3, logging-service grant)", () => {
    const deliveries = accessLogDeliveries(prod);
    assert.ok(deliveries.length > 0);
    for (const d of deliveries) assert.deepEqual(d.problems, [], `${d.source} -> ${d.target}`);
  });

  it("publishes to topics whose KMS key the publishing service may use", () => {
    const topics = topicPublishing(prod).filter((t) => t.publishers.length > 0);
    assert.deepEqual(
      topics.map((t) => t.publishers),
      [["codestar-notifications.amazonaws.com"]],
    );
    for (const t of topics) assert.deepEqual(t.problems, [], t.topic);
  });

  it("notifies failures to a topic and keeps encrypted logs", () => {
    const rule = resourcesOfType(
      prod,
      "aws:codestarnotifications/notificationRule:NotificationRule",
    )[0]!;
    assert.deepEqual(rule.inputs["eventTypeIds"], [
      "codepipeline-pipeline-pipeline-execution-failed",
      "codepipeline-pipeline-action-execution-failed",
    ]);
    assert.equal(
      resourceNamed(prod, "aws:cloudwatch/logGroup:LogGroup", "shop-build-logs-logs").inputs[
        "retentionInDays"
      ],
      365,
    );
  });

  it("passes the prod guardrails when its build project is allowlisted for privileged mode, and only then", async () => {
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
    const withAllowlist = {
      ...config,
      "codebuild-hardening": {
        enforcementLevel: "mandatory",
        privilegedAllowlist: ["prod-shop-build"],
      },
    } as PackConfig;
    assert.deepEqual(await mandatoryFindings(PACK, prod.resources, withAllowlist), []);
    assert.deepEqual(await mandatoryFindings(PACK, prod.resources, config), [
      "codebuild-hardening: privileged mode is on but prod-shop-build is not in privilegedAllowlist",
    ]);
  });
});
