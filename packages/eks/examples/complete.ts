/**
 * A production cluster with every option set: protected (the cluster and its secrets key, and
 * deletion protection), billed extended support, a general and a tainted etcd node group with
 * labels, disk size and update pace, a team that deploys into its namespaces only, and Cluster
 * Autoscaler off (the node groups keep their sizes). The Kubernetes provider it exposes installs
 * a workload namespace once the nodes, add-ons and StorageClass are ready.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { EksCluster, pulumiRoleArns } from "../src";

export default function complete() {
  const provider = new aws.Provider("prod", {
    region: "eu-west-1",
    assumeRoles: [{ roleArn: "arn:aws:iam::444455556666:role/platform-deployer" }],
  });
  const deployer = "arn:aws:iam::444455556666:role/platform-deployer";
  const eks = new EksCluster(
    "prod",
    {
      name: "prod",
      version: "1.35",
      upgradePolicy: "EXTENDED",
      subnetIds: [
        "subnet-0f1e2d3c4b5a60001",
        "subnet-0f1e2d3c4b5a60002",
        "subnet-0f1e2d3c4b5a60003",
      ],
      apiSourceCidrs: ["10.8.0.0/24", "10.8.1.0/24"],
      pulumiRoleArns: pulumiRoleArns(deployer),
      kubeconfigRoleArn: deployer,
      adminRoleArn: "arn:aws:iam::444455556666:role/platform-admin",
      namespaceAccess: [
        {
          principalArn: "arn:aws:iam::444455556666:role/shop-deploy",
          namespaces: ["shop", "shop-jobs"],
        },
      ],
      nodeGroups: [
        {
          name: "general",
          instanceTypes: ["m6i.xlarge", "m6a.xlarge"],
          minSize: 3,
          maxSize: 9,
          desiredSize: 3,
          diskSizeGiB: 100,
          labels: { pool: "general" },
          maxUnavailable: 2,
        },
        {
          name: "etcd",
          instanceTypes: ["r6i.large"],
          minSize: 3,
          maxSize: 3,
          desiredSize: 3,
          labels: { pool: "etcd" },
          taints: [{ key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" }],
        },
      ],
      addons: {
        "vpc-cni": "v1.20.1-eksbuild.3",
        coredns: "v1.13.2-eksbuild.4",
        "kube-proxy": "v1.35.3-eksbuild.13",
        "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
        "aws-ebs-csi-driver": "v1.38.1-eksbuild.2",
        "cert-manager": "v1.19.1-eksbuild.1",
      },
      logRetentionInDays: 365,
      accountId: "444455556666",
      region: "eu-west-1",
      protect: true,
      autoscaler: false,
    },
    { provider },
  );
  new k8s.core.v1.Namespace(
    "shop",
    { metadata: { name: "shop" } },
    { provider: eks.kubernetesProvider, dependsOn: [...eks.workloadsReady] },
  );
  return { clusterName: eks.clusterName, clusterArn: eks.clusterArn };
}
