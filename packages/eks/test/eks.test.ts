import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as path from "node:path";
import { PACK } from "@platform/aws-guardrails/policies";
import * as k8s from "@pulumi/kubernetes";
import { changedPaths, lifecycleProblems, replaces } from "@platform/core";
import type { LifecycleActions } from "@platform/core";
import { componentPackConfig, mandatoryFindings } from "@platform/policy-runner";
import { accessLogDeliveries, resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { isWildcardOnly, simulate } from "@platform/iam-simulator";
import {
  addonProblems,
  allocatable,
  CLUSTER_AUTOSCALER_RELEASES,
  clusterAutoscalerPolicy,
  cpuMillis,
  EksCluster,
  memoryMiB,
  nodeGroupProblems,
  VeleroBackup,
} from "../src";
import type { EksClusterArgs } from "../src";

const roles = {
  deploy: "arn:aws:iam::400000000004:role/platform-deployer",
  preview: "arn:aws:iam::400000000004:role/platform-previewer",
  drift: "arn:aws:iam::400000000004:role/platform-drift",
};
const base: EksClusterArgs = {
  name: "prod",
  version: "1.32",
  subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
  apiSourceCidrs: ["10.8.0.0/20", "10.8.32.0/20"],
  pulumiRoleArns: roles,
  kubeconfigRoleArn: roles.deploy,
  adminRoleArn: "arn:aws:iam::400000000004:role/platform-admin",
  namespaceAccess: [
    { principalArn: "arn:aws:iam::400000000004:role/shop-deploy", namespaces: ["shop"] },
  ],
  nodeGroups: [
    {
      name: "general",
      instanceTypes: ["m6i.large"],
      minSize: 3,
      maxSize: 6,
      desiredSize: 3,
      labels: { pool: "general" },
    },
    {
      name: "etcd",
      instanceTypes: ["r6i.large"],
      minSize: 3,
      maxSize: 3,
      desiredSize: 3,
      taints: [{ key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" }],
      maxUnavailable: 1,
    },
  ],
  addons: {
    "vpc-cni": "v1.19.2-eksbuild.1",
    coredns: "v1.11.4-eksbuild.2",
    "kube-proxy": "v1.32.0-eksbuild.2",
    "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
    "aws-ebs-csi-driver": "v1.38.1-eksbuild.2",
    "cert-manager": "v1.19.1-eksbuild.1",
  },
  logRetentionInDays: 365,
  accountId: "400000000004",
  region: "eu-west-1",
  protect: true,
};

function plan(args: EksClusterArgs = base): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("acct", { region: "eu-west-1" });
      const eks = new EksCluster("eks", args, { provider });
      new VeleroBackup(
        "backup",
        {
          clusterName: eks.clusterName,
          kubernetesProvider: eks.kubernetesProvider,
          bucketName: "prod-400000000004-velero",
          dailyRetentionDays: 30,
          criticalNamespaces: ["shop", "etcd"],
          chartVersion: "8.1.0",
          awsPluginImage: "velero/velero-plugin-for-aws:v1.11.0",
          accountId: "400000000004",
          region: "eu-west-1",
          protect: true,
          clusterReady: eks.workloadsReady,
        },
        { provider },
      );
      return {};
    },
    { project: "platform-prod", stack: "prod" },
  );
}

const cluster = (run: ProgramRun) => resourceNamed(run, "aws:eks/cluster:Cluster", "eks-cluster");

describe("EksCluster", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan();
  });

  it("encrypts secrets with a rotating customer key, logs every control-plane type, and uses API auth", () => {
    const c = cluster(run);
    const enc = c.inputs["encryptionConfig"] as { resources: string[] };
    assert.deepEqual(enc.resources, ["secrets"]);
    assert.deepEqual(c.propertyDependencies["encryptionConfig"], [
      resourceNamed(run, "aws:kms/key:Key", "eks-secrets").urn,
    ]);
    assert.equal(
      resourceNamed(run, "aws:kms/key:Key", "eks-secrets").inputs["enableKeyRotation"],
      true,
    );
    assert.deepEqual(c.inputs["enabledClusterLogTypes"], [
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
    assert.deepEqual(c.inputs["accessConfig"], {
      authenticationMode: "API",
      bootstrapClusterCreatorAdminPermissions: false,
    });
    // dependsOn a component expands to its children: the log group exists before the cluster.
    const logGroup = resourceNamed(
      run,
      "aws:cloudwatch/logGroup:LogGroup",
      "eks-control-plane-logs",
    );
    assert.ok(c.dependencies.includes(logGroup.urn));
    assert.equal(
      resourceNamed(run, "aws:cloudwatch/logGroup:LogGroup", "eks-control-plane-logs").inputs[
        "name"
      ],
      "/aws/eks/prod/cluster",
    );
  });

  it("is private-only, deletion-protected and protected in prod", () => {
    const c = cluster(run);
    assert.deepEqual(c.inputs["vpcConfig"], {
      subnetIds: ["subnet-a", "subnet-b", "subnet-c"],
      endpointPrivateAccess: true,
      endpointPublicAccess: false,
    });
    assert.equal(c.inputs["deletionProtection"], true);
    assert.equal(c.protect, true);
  });

  it("allows a public endpoint only outside prod and only to allowlisted CIDRs", async () => {
    const dev = await plan({ ...base, protect: false, publicAccessCidrs: ["203.0.113.0/24"] });
    assert.deepEqual(
      (cluster(dev).inputs["vpcConfig"] as { publicAccessCidrs: string[] }).publicAccessCidrs,
      ["203.0.113.0/24"],
    );
    await assert.rejects(
      plan({ ...base, publicAccessCidrs: ["203.0.113.0/24"] }),
      /publicAccessCidrs = \["203\.0\.113\.0\/24"\]: a protected \(prod\) cluster has a private endpoint only/,
    );
    await assert.rejects(
      plan({ ...base, protect: false, publicAccessCidrs: ["0.0.0.0/0"] }),
      /publicAccessCidrs\.0 = "0\.0\.0\.0\/0": opens the API server endpoint to the whole internet/,
    );
  });

  it("runs node groups in the private subnets through a launch template with IMDSv2 and encrypted gp3", () => {
    const general = resourceNamed(run, "aws:eks/nodeGroup:NodeGroup", "eks-general");
    assert.deepEqual(general.inputs["subnetIds"], ["subnet-a", "subnet-b", "subnet-c"]);
    assert.deepEqual(general.inputs["labels"], { pool: "general" });
    assert.deepEqual(
      resourceNamed(run, "aws:eks/nodeGroup:NodeGroup", "eks-etcd").inputs["taints"],
      [{ key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" }],
    );
    assert.deepEqual(general.inputs["updateConfig"], { maxUnavailable: 1 });
    const lt = resourceNamed(run, "aws:ec2/launchTemplate:LaunchTemplate", "eks-general");
    assert.equal((lt.inputs["metadataOptions"] as { httpTokens: string }).httpTokens, "required");
    const ebs = (
      lt.inputs["blockDeviceMappings"] as Array<{ ebs: { volumeType: string; encrypted: string } }>
    )[0]!.ebs;
    assert.deepEqual([ebs.volumeType, ebs.encrypted], ["gp3", "true"]);
  });

  it("pins every add-on and gives the EBS CSI driver its role through Pod Identity", () => {
    const addons = resourcesOfType(run, "aws:eks/addon:Addon").map((a) => [
      a.inputs["addonName"],
      a.inputs["addonVersion"],
    ]);
    assert.deepEqual(Object.fromEntries(addons), base.addons);
    const ebs = resourceNamed(run, "aws:eks/addon:Addon", "eks-aws-ebs-csi-driver");
    assert.equal(
      (ebs.inputs["podIdentityAssociations"] as Array<{ serviceAccount: string }>)[0]!
        .serviceAccount,
      "ebs-csi-controller-sa",
    );
  });

  it("enables NetworkPolicy enforcement in the VPC CNI and refuses a CNI too old to enforce it", async () => {
    const cni = resourceNamed(run, "aws:eks/addon:Addon", "eks-vpc-cni");
    assert.deepEqual(JSON.parse(String(cni.inputs["configurationValues"])), {
      enableNetworkPolicy: "true",
    });
    await assert.rejects(
      plan({ ...base, addons: { ...base.addons, "vpc-cni": "v1.13.4-eksbuild.1" } }),
      /addons\.vpc-cni = "v1\.13\.4-eksbuild\.1": is older than v1\.14\.0-eksbuild\.3, the first vpc-cni version that enforces NetworkPolicy/,
    );
    assert.deepEqual(addonProblems({ "vpc-cni": "v1.14.0-eksbuild.3" }), []);
    assert.equal(addonProblems({ "vpc-cni": "v1.14.0-eksbuild.2" }).length, 1);
  });

  it("refuses node group sizes the EKS API rejects", () => {
    const group = base.nodeGroups[0]!;
    assert.deepEqual(nodeGroupProblems([{ ...group, minSize: 3, desiredSize: 2, maxSize: 6 }]), [
      {
        path: [0, "desiredSize"],
        value: 2,
        message: "must lie between minSize (3) and maxSize (6)",
      },
    ]);
    assert.deepEqual(
      nodeGroupProblems([{ ...group, minSize: 4, maxSize: 3, desiredSize: 3 }])[0]!.message,
      "exceeds maxSize (3); raise maxSize or lower minSize",
    );
  });

  it("installs cert-manager as an add-on once nodes exist, like every add-on that runs pods", () => {
    const nodeGroups = resourcesOfType(run, "aws:eks/nodeGroup:NodeGroup").map((g) => g.urn);
    assert.equal(nodeGroups.length, 2);
    const certManager = resourceNamed(run, "aws:eks/addon:Addon", "eks-cert-manager");
    assert.equal(certManager.inputs["addonVersion"], "v1.19.1-eksbuild.1");
    for (const addon of ["eks-cert-manager", "eks-coredns", "eks-aws-ebs-csi-driver"]) {
      const deps = resourceNamed(run, "aws:eks/addon:Addon", addon).dependencies;
      for (const g of nodeGroups) assert.ok(deps.includes(g), `${addon} after ${g}`);
    }
    // Nodes cannot become Ready without the CNI, so it must not wait for them.
    const cni = resourceNamed(run, "aws:eks/addon:Addon", "eks-vpc-cni").dependencies;
    assert.ok(!nodeGroups.some((g) => cni.includes(g)));
  });

  it("grants the admin role cluster access and deployers only their namespaces", () => {
    const scopes = resourcesOfType(run, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")
      .filter((a) => !Object.values(roles).includes(String(a.inputs["principalArn"])))
      .map((a) => [a.inputs["principalArn"], a.inputs["accessScope"]]);
    assert.deepEqual(scopes.sort(), [
      ["arn:aws:iam::400000000004:role/platform-admin", { type: "cluster" }],
      ["arn:aws:iam::400000000004:role/shop-deploy", { type: "namespace", namespaces: ["shop"] }],
    ]);
  });

  it("lets each identity pulumi runs as log in, with the narrowest access policy for its work", () => {
    const entries = resourcesOfType(run, "aws:eks/accessEntry:AccessEntry");
    const policies = resourcesOfType(
      run,
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    ).filter((a) => Object.values(roles).includes(String(a.inputs["principalArn"])));
    assert.deepEqual(
      policies.map((a) => [
        a.name,
        a.inputs["principalArn"],
        a.inputs["policyArn"],
        a.inputs["accessScope"],
      ]),
      [
        [
          "eks-pulumi-deploy",
          roles.deploy,
          "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
          { type: "cluster" },
        ],
        [
          "eks-pulumi-preview",
          roles.preview,
          "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
          { type: "cluster" },
        ],
        [
          "eks-pulumi-drift",
          roles.drift,
          "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy",
          { type: "cluster" },
        ],
      ],
    );
    for (const p of policies) {
      const entry = entries.find((e) => e.name === p.name)!;
      assert.equal(entry.inputs["principalArn"], p.inputs["principalArn"]);
      assert.equal(entry.inputs["type"], "STANDARD");
      assert.ok(p.dependencies.includes(entry.urn));
    }
  });

  it("logs the Kubernetes provider in as the account's effective role, once it may and can", async () => {
    const kubeconfigOf = (r: ProgramRun) =>
      JSON.parse(
        String(resourceNamed(r, "pulumi:providers:kubernetes", "eks-k8s").inputs["kubeconfig"]),
      ) as {
        users: Array<{ user: { exec: { command: string; args: string[] } } }>;
      };
    const exec = kubeconfigOf(run).users[0]!.user.exec;
    assert.equal(exec.command, "aws");
    assert.deepEqual(exec.args.slice(0, 2), ["eks", "get-token"]);
    assert.deepEqual(exec.args.slice(-2), ["--role-arn", roles.deploy]);
    // The provider waits for the deployer's access and the runner's path to the endpoint.
    const provider = resourceNamed(run, "pulumi:providers:kubernetes", "eks-k8s");
    const deployAccess = resourceNamed(
      run,
      "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
      "eks-pulumi-deploy",
    );
    const rules = resourcesOfType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    for (const dep of [deployAccess, ...rules])
      assert.ok(provider.dependencies.includes(dep.urn), dep.name);
    // A pull-request preview logs in as the previewer, which has its own entry.
    const preview = await plan({ ...base, kubeconfigRoleArn: roles.preview });
    assert.deepEqual(kubeconfigOf(preview).users[0]!.user.exec.args.slice(-2), [
      "--role-arn",
      roles.preview,
    ]);
    await assert.rejects(
      plan({ ...base, kubeconfigRoleArn: "arn:aws:iam::400000000004:role/ci" }),
      /kubeconfigRoleArn = "arn:aws:iam::400000000004:role\/ci": has no access entry, so the kubeconfig could not log in; use one of pulumiRoleArns: arn:aws:iam::400000000004:role\/platform-deployer/,
    );
    await assert.rejects(
      plan({ ...base, adminRoleArn: roles.deploy }),
      /adminRoleArn = "arn:aws:iam::400000000004:role\/platform-deployer": is also a role pulumi acts as/,
    );
  });

  it("admits HTTPS to the private endpoint from the deploy runner's subnets only, on the cluster security group", () => {
    const rules = resourcesOfType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule");
    assert.deepEqual(
      rules.map((r) => [
        r.name,
        r.inputs["cidrIpv4"],
        r.inputs["ipProtocol"],
        r.inputs["fromPort"],
        r.inputs["toPort"],
      ]),
      [
        ["eks-api-from-10-8-0-0-20", "10.8.0.0/20", "tcp", 443, 443],
        ["eks-api-from-10-8-32-0-20", "10.8.32.0/20", "tcp", 443, 443],
      ],
    );
    const clusterSg = (cluster(run).inputs["vpcConfig"] as Record<string, unknown>)[
      "securityGroupIds"
    ];
    assert.equal(clusterSg, undefined, "the cluster's own vpcConfig is untouched");
    for (const r of rules) {
      assert.match(String(r.inputs["securityGroupId"]), /^sg-/);
      assert.deepEqual(r.propertyDependencies["securityGroupId"], [cluster(run).urn]);
    }
    assert.deepEqual(
      (cluster(run).inputs["vpcConfig"] as Record<string, unknown>)["endpointPublicAccess"],
      false,
    );
  });

  it("makes an encrypted gp3 StorageClass the default through the cluster's own Kubernetes provider", () => {
    const sc = resourceNamed(run, "kubernetes:storage.k8s.io/v1:StorageClass", "eks-gp3");
    assert.deepEqual(sc.inputs["parameters"], { type: "gp3", encrypted: "true" });
    assert.equal(
      (sc.inputs["metadata"] as { annotations: Record<string, string> }).annotations[
        "storageclass.kubernetes.io/is-default-class"
      ],
      "true",
    );
    assert.equal(sc.provider, resourceNamed(run, "pulumi:providers:kubernetes", "eks-k8s").urn);
  });

  it("upgrades never replace the cluster: version, node sizes, add-on versions and access entries", async () => {
    const upgraded = await plan({
      ...base,
      version: "1.33",
      nodeGroups: base.nodeGroups.map((g) => ({
        ...g,
        maxSize: g.maxSize + 3,
        minSize: g.minSize + 1,
        desiredSize: g.desiredSize + 1,
      })),
      addons: { ...base.addons, "vpc-cni": "v1.20.0-eksbuild.1", coredns: "v1.12.1-eksbuild.1" },
      namespaceAccess: [
        ...(base.namespaceAccess ?? []),
        { principalArn: "arn:aws:iam::400000000004:role/cart-deploy", namespaces: ["cart"] },
      ],
    });
    const paths = changedPaths(cluster(run).inputs, cluster(upgraded).inputs);
    assert.deepEqual(paths, ["version"]);
    assert.equal(replaces("aws:eks/cluster:Cluster", paths), false);
    const before = resourceNamed(run, "aws:eks/nodeGroup:NodeGroup", "eks-general").inputs;
    const after = resourceNamed(upgraded, "aws:eks/nodeGroup:NodeGroup", "eks-general").inputs;
    const nodePaths = changedPaths(before, after);
    assert.deepEqual(nodePaths.sort(), [
      "scalingConfig.desiredSize",
      "scalingConfig.maxSize",
      "scalingConfig.minSize",
    ]);
    // The autoscaler owns the desired size once the group exists.
    assert.deepEqual(
      resourceNamed(upgraded, "aws:eks/nodeGroup:NodeGroup", "eks-general").ignoreChanges,
      ["scalingConfig.desiredSize"],
    );
    assert.equal(replaces("aws:eks/nodeGroup:NodeGroup", nodePaths), false);
  });
});

describe("ClusterAutoscaler", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan({ ...base, version: "1.35" });
  });

  it("runs the autoscaler release of the control plane's minor, once nodes, CNI, DNS and its identity exist", () => {
    const release = resourceNamed(run, "kubernetes:helm.sh/v3:Release", "eks-cluster-autoscaler");
    assert.deepEqual(
      [release.inputs["chart"], release.inputs["version"], release.inputs["namespace"]],
      ["cluster-autoscaler", "9.59.0", "kube-system"],
    );
    const values = release.inputs["values"] as {
      image: { repository: string; tag: string };
      autoDiscovery: { clusterName: string };
      rbac: { serviceAccount: { name: string } };
      extraArgs: Record<string, unknown>;
    };
    assert.equal(values.image.tag, "v1.35.2");
    assert.equal(values.image.tag.slice(1, 5), "1.35");
    assert.equal(values.autoDiscovery.clusterName, "prod");
    assert.equal(values.extraArgs["balance-similar-node-groups"], true);
    const identity = resourceNamed(
      run,
      "aws:eks/podIdentityAssociation:PodIdentityAssociation",
      "eks-cluster-autoscaler",
    );
    assert.deepEqual(
      [identity.inputs["namespace"], identity.inputs["serviceAccount"]],
      ["kube-system", values.rbac.serviceAccount.name],
    );
    const needed = [
      identity,
      ...resourcesOfType(run, "aws:eks/nodeGroup:NodeGroup"),
      resourceNamed(run, "aws:eks/addon:Addon", "eks-vpc-cni"),
      resourceNamed(run, "aws:eks/addon:Addon", "eks-coredns"),
      resourceNamed(run, "aws:eks/addon:Addon", "eks-eks-pod-identity-agent"),
    ];
    for (const r of needed) assert.ok(release.dependencies.includes(r.urn), r.name);
    // Every pinned release pairs a chart with an image of the same Kubernetes minor.
    for (const [minor, r] of Object.entries(CLUSTER_AUTOSCALER_RELEASES))
      assert.ok(r.image.startsWith(`v${minor}.`), minor);
  });

  it("refuses a Kubernetes version with no pinned autoscaler release", async () => {
    await assert.rejects(
      plan({ ...base, version: "1.36" }),
      /version = "1\.36": has no Cluster Autoscaler release pinned/,
    );
  });

  it("may only scale this cluster's managed node groups (IAM simulation of its policy)", async () => {
    const policy = JSON.parse(
      String(
        resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", "eks-cluster-autoscaler").inputs[
          "policy"
        ],
      ),
    );
    assert.deepEqual(policy, clusterAutoscalerPolicy("prod", "eu-west-1", "400000000004"));
    const principal = {
      arn: "arn:aws:sts::400000000004:assumed-role/eks-cluster-autoscaler/eks-pod-identity",
      identityPolicies: { "eks-cluster-autoscaler": policy },
    };
    const asg = (name: string) =>
      `arn:aws:autoscaling:eu-west-1:400000000004:autoScalingGroup:0c0a3fb7-1111-2222-3333-444455556666:autoScalingGroupName/${name}`;
    const decide = async (action: string, resource: string, context?: Record<string, string>) =>
      (await simulate(principal, { action, resource, context })).result;
    const owned = { "aws:ResourceTag/k8s.io/cluster-autoscaler/prod": "owned" };
    for (const action of [
      "autoscaling:SetDesiredCapacity",
      "autoscaling:TerminateInstanceInAutoScalingGroup",
    ]) {
      assert.equal(await decide(action, asg("eks-general-8ec6a1b2"), owned), "Allowed", action);
      assert.equal(
        await decide(action, asg("eks-general-8ec6a1b2"), {
          "aws:ResourceTag/k8s.io/cluster-autoscaler/dev": "owned",
        }),
        "ImplicitlyDenied",
        `${action} on another cluster's group`,
      );
      assert.equal(
        await decide(action, asg("bastion"), owned),
        "ImplicitlyDenied",
        `${action} outside EKS`,
      );
    }
    assert.equal(
      await decide(
        "eks:DescribeNodegroup",
        "arn:aws:eks:eu-west-1:400000000004:nodegroup/prod/general/5ac6a1b2-0000-1111-2222-333344445555",
      ),
      "Allowed",
    );
    assert.equal(
      await decide(
        "eks:DescribeNodegroup",
        "arn:aws:eks:eu-west-1:400000000004:nodegroup/dev/general/5ac6a1b2-0000-1111-2222-333344445555",
      ),
      "ImplicitlyDenied",
    );
    // Resource "*" only where AWS offers no resource-level permission.
    for (const s of policy.Statement as Array<{ Action: string | string[]; Resource: string }>)
      if (s.Resource === "*")
        for (const action of [s.Action].flat()) assert.ok(isWildcardOnly(action), action);
  });
});

describe("node capacity estimates", () => {
  it("follow the EKS AMI's kubelet reservations", () => {
    // m6i.large: 29 pods; 70m CPU and 11 × 29 + 255 = 574 MiB reserved, 100 MiB eviction threshold.
    assert.deepEqual(allocatable("m6i.large"), { cpuMillis: 1930, memoryMiB: 6862, pods: 29 });
    assert.equal(allocatable("m6i.xlarge")!.cpuMillis, 3920);
    assert.equal(allocatable("unknown.large"), undefined);
    assert.deepEqual(["500m", "2", "0.25", "x"].map(cpuMillis), [500, 2000, 250, undefined]);
    assert.deepEqual(
      ["1Gi", "512Mi", "1G"].map((q) => Math.round(memoryMiB(q)!)),
      [1024, 512, 954],
    );
  });
});

describe("VeleroBackup", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan();
  });

  it("backs up daily, and hourly for the critical namespaces, to its bucket with retention", () => {
    const release = resourceNamed(run, "kubernetes:helm.sh/v3:Release", "backup-velero");
    assert.equal(release.inputs["chart"], "velero");
    assert.equal(release.inputs["version"], "8.1.0");
    const values = release.inputs["values"] as {
      schedules: Record<
        string,
        { schedule: string; template: { ttl: string; includedNamespaces: string[] } }
      >;
      configuration: { backupStorageLocation: Array<{ bucket: string }> };
    };
    assert.deepEqual(values.schedules["daily"], {
      schedule: "0 2 * * *",
      template: { ttl: "720h0m0s", includedNamespaces: ["*"], snapshotVolumes: true },
    });
    assert.deepEqual(values.schedules["critical-hourly"]!.template.includedNamespaces, [
      "shop",
      "etcd",
    ]);
    assert.equal(values.configuration.backupStorageLocation[0]!.bucket, "prod-400000000004-velero");
  });

  it("installs Velero once nodes, add-ons, storage and its identity exist, without the withdrawn Bitnami kubectl hook", () => {
    const release = resourceNamed(run, "kubernetes:helm.sh/v3:Release", "backup-velero");
    const needed = [
      ...resourcesOfType(run, "aws:eks/nodeGroup:NodeGroup"),
      ...resourcesOfType(run, "aws:eks/addon:Addon"),
      resourceNamed(run, "kubernetes:storage.k8s.io/v1:StorageClass", "eks-gp3"),
      resourceNamed(run, "aws:eks/podIdentityAssociation:PodIdentityAssociation", "backup-velero"),
    ];
    for (const r of needed)
      assert.ok(release.dependencies.includes(r.urn), `velero after ${r.name}`);
    assert.equal((release.inputs["values"] as { upgradeCRDs: boolean }).upgradeCRDs, false);
    assert.doesNotMatch(JSON.stringify(release.inputs), /bitnami/);
  });

  it("keeps backups in a protected, versioned, encrypted bucket with retention-derived lifecycle", () => {
    const bucket = resourceNamed(run, "aws:s3/bucket:Bucket", "backup-bucket");
    assert.equal(bucket.protect, true);
    assert.deepEqual(bucket.inputs["tags"], { Purpose: "backup" });
    const lifecycle = resourcesOfType(
      run,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    ).find((l) => l.propertyDependencies["bucket"]?.includes(bucket.urn))!;
    const rule = (lifecycle.inputs["rules"] as Array<Record<string, unknown>>)[0]!;
    // 30 days of dailies + 7: objects would spend 7 days in Standard-IA (minimum 30), so they stay.
    assert.deepEqual([rule["transitions"], rule["expiration"]], [undefined, { days: 37 }]);
  });

  for (const dailyRetentionDays of [7, 53, 365]) {
    it(`derives a lifecycle S3 accepts for ${dailyRetentionDays}-day retention`, async () => {
      const run = await runProgram(
        () => {
          const provider = new aws.Provider("acct", { region: "eu-west-1" });
          const k8sProvider = new k8s.Provider("k8s", { kubeconfig: "{}" });
          new VeleroBackup(
            "backup",
            {
              clusterName: "dev",
              kubernetesProvider: k8sProvider,
              bucketName: "dev-200000000002-velero",
              dailyRetentionDays,
              criticalNamespaces: [],
              chartVersion: "8.1.0",
              awsPluginImage: "velero/velero-plugin-for-aws:v1.11.0",
              accountId: "200000000002",
              region: "eu-west-1",
            },
            { provider },
          );
          return {};
        },
        { project: "platform-dev", stack: "dev" },
      );
      for (const lifecycle of resourcesOfType(
        run,
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      )) {
        const [rule] = lifecycle.inputs["rules"] as LifecycleActions[];
        assert.deepEqual(lifecycleProblems(rule!), [], lifecycle.name);
      }
      const rule = (
        resourcesOfType(
          run,
          "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
        ).find((l) => l.name === "backup-bucket-lifecycle")!.inputs["rules"] as LifecycleActions[]
      )[0]!;
      assert.deepEqual(rule.expiration, { days: dailyRetentionDays + 7 });
      assert.equal(rule.transitions !== undefined, dailyRetentionDays + 7 >= 60);
    });
  }

  it("sends access logs to a bucket S3 can deliver to (SSE-S3, logging-service grant)", () => {
    const deliveries = accessLogDeliveries(run);
    assert.ok(deliveries.length > 0);
    for (const d of deliveries) assert.deepEqual(d.problems, [], `${d.source} -> ${d.target}`);
  });

  it("gives Velero a least-privilege Pod Identity role", () => {
    const assoc = resourceNamed(
      run,
      "aws:eks/podIdentityAssociation:PodIdentityAssociation",
      "backup-velero",
    );
    assert.deepEqual(
      [assoc.inputs["namespace"], assoc.inputs["serviceAccount"]],
      ["velero", "velero-server"],
    );
    const policy = JSON.parse(
      String(resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", "backup-velero").inputs["policy"]),
    );
    for (const s of policy.Statement) {
      const actions = [s.Action].flat() as string[];
      assert.ok(!actions.some((a) => a === "*" || a.endsWith(":*")));
      if ([s.Resource].flat().includes("*"))
        assert.deepEqual(actions, ["ec2:DescribeVolumes", "ec2:DescribeSnapshots"]);
    }
  });
});

describe("EKS and Velero against the prod guardrails", () => {
  it("have no mandatory finding, including eks-backup-present", async () => {
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
    const run = await plan();
    assert.deepEqual(await mandatoryFindings(PACK, run.resources, config), []);
    const withoutVelero = run.resources.filter((r) => r.type !== "kubernetes:helm.sh/v3:Release");
    assert.deepEqual(await mandatoryFindings(PACK, withoutVelero, config), [
      "eks-backup-present: cluster eks-cluster has no Velero release backing up to a versioned, encrypted bucket in this stack",
    ]);
  });
});
