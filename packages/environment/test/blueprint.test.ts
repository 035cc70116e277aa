import * as assert from "node:assert/strict";
import { ConfigError } from "@platform/core";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import { checkAgainstHub, deployEnvironment } from "../src";
import { config, etcd, hub } from "./fixture";

const run = () =>
  runProgram(() => deployEnvironment(config), {
    project: "platform-qa",
    stack: "qa",
    stackOutputs: { "organization/platform-network/network": hub },
  });

describe("deployEnvironment", () => {
  it("creates the account provider with the environment's region, account, role and tags", async () => {
    const result = await run();
    const provider = resourceNamed(result, "pulumi:providers:aws", "qa-account");
    assert.equal(provider.inputs["region"], "eu-central-1");
    assert.deepEqual(JSON.parse(String(provider.inputs["assumeRoles"])), [
      { roleArn: "arn:aws:iam::500000000005:role/platform-deployer", sessionName: "pulumi-qa" },
    ]);
    const tags = JSON.parse(String(provider.inputs["defaultTags"])).tags;
    assert.deepEqual(tags, {
      Project: "lz",
      Environment: "qa",
      Tier: "nonprod",
      Owner: "qa-team",
      CostCentre: "CC-5",
      ManagedBy: "pulumi-platform",
    });
  });

  it("creates the VPC in the account and its spoke through a provider in the hub's account", async () => {
    const result = await run();
    const network = resourceNamed(result, "pulumi:providers:aws", "qa-network");
    assert.deepEqual(JSON.parse(String(network.inputs["allowedAccountIds"])), ["100000000001"]);
    assert.equal(
      resourceNamed(result, "aws:ec2/vpc:Vpc", "qa-vpc").inputs["cidrBlock"],
      "10.28.0.0/16",
    );
    const accepter = resourcesOfType(
      result,
      "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
    )[0];
    assert.equal(accepter?.provider, network.urn);
    assert.equal(result.outputs["segment"], "nonprod");
    assert.match(String(result.outputs["transitGatewayAttachmentId"]), /^tgw-attach-/);
  });

  it("checks the VPC against the hub's address plan and segments", () => {
    assert.throws(
      () => checkAgainstHub({ ...config, account: { ...config.account, name: "uat" } }, hub),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        assert.match(
          e.problems[0]!,
          /account\.name = "uat": has no allocation in the network stack's address plan \(known: qa\)/,
        );
        return true;
      },
    );
    assert.throws(
      () => checkAgainstHub({ ...config, network: { ...config.network, segment: "shared" } }, hub),
      /network\.segment = "shared": the network stack's address plan puts qa in segment nonprod; use nonprod/,
    );
  });
});

describe("deployEnvironment with etcd", () => {
  it("creates every custom resource after what installs its CRD, and workloads after nodes", async () => {
    const result = await runProgram(
      () =>
        deployEnvironment({
          ...config,
          etcd,
        }),
      {
        project: "platform-qa",
        stack: "qa",
        stackOutputs: { "organization/platform-network/network": hub },
      },
    );
    // API groups Kubernetes serves itself, and Helm releases (the provider runs Helm); any other
    // group is a CRD that something in the stack must install first.
    const builtIn =
      /^kubernetes:(core|apps|batch|policy|networking\.k8s\.io|storage\.k8s\.io|rbac\.authorization\.k8s\.io|helm\.sh)\//;
    const installers: Record<string, string> = {
      "cert-manager.io": resourceNamed(result, "aws:eks/addon:Addon", "qa-cert-manager").urn,
    };
    const custom = result.resources.filter(
      (r) => r.type.startsWith("kubernetes:") && !builtIn.test(r.type),
    );
    assert.ok(custom.length > 0);
    for (const r of custom) {
      const group = r.type.split(":")[1]!.split("/")[0]!;
      assert.ok(installers[group], `${r.type} has no known installer in the stack`);
      assert.ok(
        r.dependencies.includes(installers[group]!),
        `${r.name} after ${group}'s installer`,
      );
    }
    const nodeGroup = resourceNamed(result, "aws:eks/nodeGroup:NodeGroup", "qa-general").urn;
    for (const [type, name] of [
      ["kubernetes:apps/v1:StatefulSet", "qa-etcd"],
      ["kubernetes:helm.sh/v3:Release", "qa-backup-velero"],
    ] as const)
      assert.ok(resourceNamed(result, type, name).dependencies.includes(nodeGroup), name);
  });
});

describe("deployEnvironment delivery", () => {
  it("creates one delivery pipeline per configured application on the environment's cluster", async () => {
    const result = await runProgram(
      () =>
        deployEnvironment({
          ...config,
          delivery: {
            connectionArn: "arn:aws:codeconnections:eu-central-1:500000000005:connection/abc-123",
            notificationEmails: ["team@example.com"],
            apps: [
              { name: "shop", namespace: "shop", repository: "example-org/shop", branch: "main" },
            ],
          },
        }),
      {
        project: "platform-qa",
        stack: "qa",
        stackOutputs: { "organization/platform-network/network": hub },
      },
    );
    const pipeline = resourceNamed(
      result,
      "aws:codepipeline/pipeline:Pipeline",
      "qa-shop-pipeline",
    );
    assert.deepEqual(
      (pipeline.inputs["stages"] as Array<{ name: string }>).map((s) => s.name),
      ["Source", "Build", "Deploy"],
    );
    const access = resourcesOfType(
      result,
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    ).find((a) => a.name === "qa-shop-deploy")!;
    assert.equal(access.inputs["clusterName"], "qa");
    assert.deepEqual(result.outputs["deliveryPipelines"], ["qa-shop"]);
  });
});
