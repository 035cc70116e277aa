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

describe("deployEnvironment: the Kubernetes provider reaches and logs in to the cluster", () => {
  it("admits the hub's deploy runner on 443 and logs in as the account's effective role", async () => {
    const result = await run();
    const rules = resourcesOfType(
      result,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    ).filter((r) => r.name.startsWith("qa-api-from-"));
    assert.deepEqual(
      rules.map((r) => r.inputs["cidrIpv4"]),
      ["10.8.0.0/20", "10.8.32.0/20"],
    );
    const kubeconfig = JSON.parse(
      String(resourceNamed(result, "pulumi:providers:kubernetes", "qa-k8s").inputs["kubeconfig"]),
    ) as { users: Array<{ user: { exec: { args: string[] } } }> };
    assert.deepEqual(kubeconfig.users[0]!.user.exec.args.slice(-2), [
      "--role-arn",
      "arn:aws:iam::500000000005:role/platform-deployer",
    ]);
    assert.deepEqual(
      resourcesOfType(result, "aws:eks/accessEntry:AccessEntry")
        .map((e) => e.inputs["principalArn"])
        .sort(),
      [
        "arn:aws:iam::500000000005:role/platform-admin",
        "arn:aws:iam::500000000005:role/platform-deployer",
        "arn:aws:iam::500000000005:role/platform-drift",
        "arn:aws:iam::500000000005:role/platform-previewer",
      ],
    );
    assert.deepEqual(result.outputs["deployLocation"], {
      network: "vpc",
      vpcCidr: "10.8.0.0/16",
      sourceCidrs: ["10.8.0.0/20", "10.8.32.0/20"],
      reachableCidrs: ["172.16.0.0/16", "10.28.0.0/14"],
    });
  });

  it("in a pull-request preview, logs in as the previewer", async () => {
    const before = process.env["PLATFORM_ASSUME_ROLE_NAME"];
    process.env["PLATFORM_ASSUME_ROLE_NAME"] = "platform-previewer";
    try {
      const result = await run();
      const kubeconfig = JSON.parse(
        String(resourceNamed(result, "pulumi:providers:kubernetes", "qa-k8s").inputs["kubeconfig"]),
      ) as { users: Array<{ user: { exec: { args: string[] } } }> };
      assert.deepEqual(kubeconfig.users[0]!.user.exec.args.slice(-2), [
        "--role-arn",
        "arn:aws:iam::500000000005:role/platform-previewer",
      ]);
    } finally {
      if (before === undefined) delete process.env["PLATFORM_ASSUME_ROLE_NAME"];
      else process.env["PLATFORM_ASSUME_ROLE_NAME"] = before;
    }
  });

  it("refuses, before any resource, a deploy location the cluster's endpoint cannot be reached from", () => {
    const problemsOf = (h: typeof hub, c = config) => {
      try {
        checkAgainstHub(c, h);
        return [];
      } catch (e) {
        assert.ok(e instanceof ConfigError, String(e));
        return [...e.problems];
      }
    };
    assert.deepEqual(problemsOf(hub), []);
    assert.deepEqual(problemsOf({ ...hub, deployRunner: undefined }), [
      'Pulumi.qa.yaml: platform-qa:eks.apiAccess.deployFrom = "runner": the network stack exports no deployRunner, so nothing routed reaches this cluster\'s private endpoint; add sharedServices.deployRunner to Pulumi.network.yaml and deploy the network stack, or deploy from the internet outside prod',
    ]);
    // The shared segment no longer propagates into nonprod: no way back to the runner.
    const oneWay = {
      ...hub,
      segments: {
        ...hub.segments,
        shared: { ...hub.segments["shared"]!, propagateTo: ["shared"] },
      },
    };
    assert.deepEqual(problemsOf(oneWay), [
      "Pulumi.qa.yaml: platform-qa:eks.apiAccess.deployFrom = \"runner\": the hub's nonprod segment has no route back to the deploy runner's shared segment; let nonprod reach shared in the network stack's segments",
    ]);
    const notRouted = { ...hub, deployRunner: { ...hub.deployRunner!, routes: ["172.16.0.0/16"] } };
    assert.deepEqual(problemsOf(notRouted), [
      "Pulumi.qa.yaml: platform-qa:eks.apiAccess.deployFrom = \"runner\": the deploy runner's VPC routes only 172.16.0.0/16 to the Transit Gateway, not qa's allocation 10.28.0.0/14; deploy the network stack after adding qa to its address plan",
    ]);
    const outside = {
      ...hub,
      addressPlan: { ...hub.addressPlan, sharedServices: ["10.9.0.0/16"] },
    };
    assert.match(
      problemsOf(outside)[0]!,
      /the deploy runner's subnets 10\.8\.0\.0\/20, 10\.8\.32\.0\/20 lie outside the shared-services ranges \(10\.9\.0\.0\/16\) this VPC routes/,
    );
    // Deploying from the internet (allowlisted, outside prod) needs no runner.
    const fromInternet = {
      ...config,
      eks: {
        ...config.eks,
        apiAccess: { deployFrom: "internet" as const, publicAccessCidrs: ["198.51.100.0/24"] },
      },
    };
    assert.deepEqual(problemsOf({ ...hub, deployRunner: undefined }, fromInternet), []);
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
