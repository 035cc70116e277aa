import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import simple from "../examples/simple";

type Stage = {
  name: string;
  actions: Array<{ category: string; provider: string; configuration: Record<string, string> }>;
};
const stagesOf = (run: ProgramRun, name: string) =>
  resourceNamed(run, "aws:codepipeline/pipeline:Pipeline", `${name}-pipeline`).inputs[
    "stages"
  ] as Stage[];
const project = (run: ProgramRun, name: string) =>
  resourceNamed(run, "aws:codebuild/project:Project", name).inputs as {
    name: string;
    environment: {
      privilegedMode: boolean;
      environmentVariables: Array<{ name: string; value: string }>;
    };
    vpcConfig?: { vpcId: string; subnets: string[]; securityGroupIds: string[] };
  };
const variables = (run: ProgramRun, name: string) =>
  Object.fromEntries(
    project(run, name).environment.environmentVariables.map((v) => [v.name, v.value]),
  );

describe("examples", () => {
  describe("simple: one app delivered to the cluster named dev", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(simple);
    });

    it("registers every child under the component", () => {
      const component = resourceNamed(run, "platform:delivery:AppDeliveryPipeline", "dev-shop");
      const children = run.resources.filter((r) => r.parent === component.urn);
      assert.ok(children.length >= 20, `${children.length} children`);
      for (const type of [
        "aws:codepipeline/pipeline:Pipeline",
        "aws:codebuild/project:Project",
        "aws:ecr/repository:Repository",
        "aws:eks/accessEntry:AccessEntry",
        "kubernetes:core/v1:Namespace",
      ])
        assert.ok(
          children.some((c) => c.type === type),
          type,
        );
    });

    it("builds the configured repository and branch, then deploys without approval", () => {
      const stages = stagesOf(run, "dev-shop");
      assert.deepEqual(
        stages.map((s) => s.name),
        ["Source", "Build", "Deploy"],
      );
      const source = stages[0]!.actions[0]!.configuration;
      assert.equal(source["FullRepositoryId"], "example-org/shop");
      assert.equal(source["BranchName"], "main");
      assert.match(source["ConnectionArn"]!, /^arn:aws:codeconnections:eu-west-1:200000000002:/);
    });

    it("pushes to dev/shop and deploys into the shop namespace of the dev cluster", () => {
      assert.equal(
        resourceNamed(run, "aws:ecr/repository:Repository", "dev-shop-images").inputs["name"],
        "dev/shop",
      );
      assert.equal(project(run, "dev-shop-build").environment.privilegedMode, true);
      assert.equal(project(run, "dev-shop-deploy").environment.privilegedMode, false);
      assert.deepEqual(
        {
          CLUSTER_NAME: variables(run, "dev-shop-deploy")["CLUSTER_NAME"],
          NAMESPACE: variables(run, "dev-shop-deploy")["NAMESPACE"],
          RELEASE: variables(run, "dev-shop-deploy")["RELEASE"],
          HELM_VERSION: variables(run, "dev-shop-deploy")["HELM_VERSION"],
        },
        { CLUSTER_NAME: "dev", NAMESPACE: "shop", RELEASE: "shop", HELM_VERSION: "v3.16.3" },
      );
      assert.deepEqual(project(run, "dev-shop-deploy").vpcConfig?.subnets, [
        "subnet-0a1b2c3d4e5f60711",
        "subnet-0a1b2c3d4e5f60712",
      ]);
      const assoc = resourceNamed(
        run,
        "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
        "dev-shop-deploy",
      ).inputs;
      assert.equal(assoc["clusterName"], "dev");
      assert.deepEqual(assoc["accessScope"], { type: "namespace", namespaces: ["shop"] });
      assert.equal(
        resourceNamed(
          run,
          "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          "dev-shop-deploy-to-eks",
        ).inputs["securityGroupId"],
        "sg-0a1b2c3d4e5f60719",
      );
    });

    it("mails failures to the shop team and exports the project to allowlist", () => {
      const subscriptions = resourcesOfType(run, "aws:sns/topicSubscription:TopicSubscription");
      assert.deepEqual(
        subscriptions.map((s) => s.inputs["endpoint"]),
        ["shop-team@example.com"],
      );
      assert.equal(run.outputs["buildProjectName"], "dev-shop-build");
      assert.equal(run.outputs["pipelineName"], "dev-shop");
    });
  });

  describe("complete: two prod apps from a validated delivery section", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(complete);
    });

    it("makes one pipeline per app, each with a manual approval before the deploy", () => {
      assert.deepEqual(
        resourcesOfType(run, "platform:delivery:AppDeliveryPipeline").map((c) => c.name),
        ["prod-shop", "prod-billing"],
      );
      for (const app of ["prod-shop", "prod-billing"])
        assert.deepEqual(
          stagesOf(run, app).map((s) => s.name),
          ["Source", "Build", "Approve", "Deploy"],
        );
      assert.equal(
        stagesOf(run, "prod-shop")[0]!.actions[0]!.configuration["BranchName"],
        "release",
      );
      assert.deepEqual(run.outputs["privilegedAllowlist"], [
        "prod-shop-build",
        "prod-billing-build",
      ]);
    });

    it("deploys with the pinned Helm release and protects keys and logs", () => {
      assert.equal(variables(run, "prod-billing-deploy")["HELM_VERSION"], "v3.17.0");
      assert.equal(resourceNamed(run, "aws:kms/key:Key", "prod-shop-key").protect, true);
      assert.equal(
        resourceNamed(run, "aws:cloudwatch/logGroup:LogGroup", "prod-shop-build-logs-logs").protect,
        true,
      );
    });

    it("subscribes both recipients to each pipeline's failures", () => {
      const endpoints = resourcesOfType(run, "aws:sns/topicSubscription:TopicSubscription").map(
        (s) => `${s.name} ${String(s.inputs["endpoint"])}`,
      );
      assert.deepEqual(endpoints.sort(), [
        "prod-billing-failures-0 shop-team@example.com",
        "prod-billing-failures-1 platform-oncall@example.com",
        "prod-shop-failures-0 shop-team@example.com",
        "prod-shop-failures-1 platform-oncall@example.com",
      ]);
    });
  });
});
