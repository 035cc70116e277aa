import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { ADDONS } from "../src";
import complete from "../examples/complete";
import simple from "../examples/simple";

const CLUSTER = "aws:eks/cluster:Cluster";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const POLICY_ASSOCIATION = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";

const component = (run: ProgramRun, name: string) =>
  resourceNamed(run, "platform:eks:Cluster", name);
const children = (run: ProgramRun, name: string) =>
  run.resources.filter((r) => r.parent === component(run, name).urn);
const kubeconfigArgs = (run: ProgramRun, name: string) =>
  (
    JSON.parse(
      String(resourceNamed(run, "pulumi:providers:kubernetes", name).inputs["kubeconfig"]),
    ) as { users: Array<{ user: { exec: { args: string[] } } }> }
  ).users[0]!.user.exec.args;

describe("examples/simple: a cluster in an existing VPC given by subnet ids", () => {
  let run: ProgramRun;
  before(async () => {
    run = await planExample(simple);
  });

  it("creates a private, unprotected cluster in the given subnets", () => {
    const cluster = resourceNamed(run, CLUSTER, "apps-cluster");
    assert.equal(cluster.inputs["name"], "apps");
    assert.equal(cluster.inputs["version"], "1.35");
    assert.deepEqual(cluster.inputs["vpcConfig"], {
      subnetIds: [
        "subnet-0a1b2c3d4e5f60001",
        "subnet-0a1b2c3d4e5f60002",
        "subnet-0a1b2c3d4e5f60003",
      ],
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    assert.deepEqual(cluster.inputs["upgradePolicy"], { supportType: "STANDARD" });
    assert.equal(cluster.inputs["deletionProtection"], false);
    assert.equal(cluster.protect, false);
  });

  it("registers every concern's resources under the component", () => {
    const types = new Set(children(run, "apps").map((r) => r.type));
    for (const type of [
      "aws:kms/key:Key",
      CLUSTER,
      NODE_GROUP,
      "aws:ec2/launchTemplate:LaunchTemplate",
      "aws:eks/addon:Addon",
      "aws:eks/accessEntry:AccessEntry",
      POLICY_ASSOCIATION,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "pulumi:providers:kubernetes",
      "kubernetes:storage.k8s.io/v1:StorageClass",
      "platform:eks:ClusterAutoscaler",
    ])
      assert.ok(types.has(type), type);
  });

  it("runs one node group with the given sizes and pins every add-on", () => {
    const group = resourceNamed(run, NODE_GROUP, "apps-general");
    assert.deepEqual(group.inputs["scalingConfig"], { minSize: 2, maxSize: 4, desiredSize: 2 });
    assert.deepEqual(group.inputs["instanceTypes"], ["m6i.large"]);
    assert.equal(resourcesOfType(run, NODE_GROUP).length, 1);
    assert.deepEqual(
      resourcesOfType(run, "aws:eks/addon:Addon")
        .map((a) => a.inputs["addonName"])
        .sort(),
      [...ADDONS].sort(),
    );
  });

  it("admits the runner's subnet on 443 and gives pulumi's three roles their access entries", () => {
    const rule = resourceNamed(
      run,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      "apps-api-from-10-0-0-0-24",
    );
    assert.deepEqual(
      [rule.inputs["cidrIpv4"], rule.inputs["fromPort"], rule.inputs["toPort"]],
      ["10.0.0.0/24", 443, 443],
    );
    assert.deepEqual(
      resourcesOfType(run, POLICY_ASSOCIATION)
        .map((a) => [a.name, String(a.inputs["policyArn"]).split("/").pop()])
        .sort(),
      [
        ["apps-admin", "AmazonEKSClusterAdminPolicy"],
        ["apps-pulumi-deploy", "AmazonEKSClusterAdminPolicy"],
        ["apps-pulumi-drift", "AmazonEKSAdminViewPolicy"],
        ["apps-pulumi-preview", "AmazonEKSViewPolicy"],
      ],
    );
    assert.deepEqual(kubeconfigArgs(run, "apps-k8s").slice(-2), [
      "--role-arn",
      "arn:aws:iam::111122223333:role/platform-deployer",
    ]);
  });
});

describe("examples/complete: a protected production cluster with every option", () => {
  let run: ProgramRun;
  before(async () => {
    run = await planExample(complete);
  });

  it("protects the cluster and its secrets key and keeps extended support", () => {
    const cluster = resourceNamed(run, CLUSTER, "prod-cluster");
    assert.equal(cluster.protect, true);
    assert.equal(cluster.inputs["deletionProtection"], true);
    assert.deepEqual(cluster.inputs["upgradePolicy"], { supportType: "EXTENDED" });
    assert.equal(resourceNamed(run, "aws:kms/key:Key", "prod-secrets").protect, true);
    const provider = resourceNamed(run, "pulumi:providers:aws", "prod");
    for (const r of children(run, "prod").filter((r) => r.type.startsWith("aws:")))
      assert.equal(r.provider, provider.urn, r.name);
  });

  it("configures each node group's disk, labels, taints and update pace", () => {
    const general = resourceNamed(run, NODE_GROUP, "prod-general");
    assert.deepEqual(general.inputs["instanceTypes"], ["m6i.xlarge", "m6a.xlarge"]);
    assert.deepEqual(general.inputs["updateConfig"], { maxUnavailable: 2 });
    const template = resourceNamed(run, "aws:ec2/launchTemplate:LaunchTemplate", "prod-general");
    const disk = (
      template.inputs["blockDeviceMappings"] as Array<{ ebs: { volumeSize: number } }>
    )[0]!.ebs.volumeSize;
    assert.equal(disk, 100);
    const etcd = resourceNamed(run, NODE_GROUP, "prod-etcd");
    assert.deepEqual(etcd.inputs["labels"], { pool: "etcd" });
    assert.deepEqual(etcd.inputs["taints"], [
      { key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" },
    ]);
    assert.deepEqual(etcd.inputs["updateConfig"], { maxUnavailable: 1 });
  });

  it("limits the team's deploy role to its namespaces and runs no autoscaler", () => {
    const team = resourceNamed(run, POLICY_ASSOCIATION, "prod-deploy-0");
    assert.equal(team.inputs["principalArn"], "arn:aws:iam::444455556666:role/shop-deploy");
    assert.deepEqual(team.inputs["accessScope"], {
      type: "namespace",
      namespaces: ["shop", "shop-jobs"],
    });
    assert.deepEqual(resourcesOfType(run, "platform:eks:ClusterAutoscaler"), []);
  });

  it("creates the workload namespace through the cluster's provider once workloads can run", () => {
    const namespace = resourceNamed(run, "kubernetes:core/v1:Namespace", "shop");
    const k8s = resourceNamed(run, "pulumi:providers:kubernetes", "prod-k8s");
    assert.equal(namespace.provider, k8s.urn);
    for (const ready of [
      resourceNamed(run, NODE_GROUP, "prod-etcd"),
      resourceNamed(run, "aws:eks/addon:Addon", "prod-cert-manager"),
      resourceNamed(run, "kubernetes:storage.k8s.io/v1:StorageClass", "prod-gp3"),
    ])
      assert.ok(namespace.dependencies.includes(ready.urn), ready.name);
  });
});
