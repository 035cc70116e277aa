/**
 * A cluster in an existing VPC, given by the ids of its private subnets: one node group, a
 * private endpoint that the deploy runner's subnets reach on 443, and pulumi's deploy, preview and
 * drift roles with their access entries. Everything else takes the component's defaults.
 */
import { EksCluster, pulumiRoleArns } from "../src";

export default function simple() {
  const deployer = "arn:aws:iam::111122223333:role/platform-deployer";
  const eks = new EksCluster("apps", {
    name: "apps",
    version: "1.35",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"],
    apiSourceCidrs: ["10.0.0.0/24"],
    pulumiRoleArns: pulumiRoleArns(deployer),
    kubeconfigRoleArn: deployer,
    adminRoleArn: "arn:aws:iam::111122223333:role/platform-admin",
    nodeGroups: [
      { name: "general", instanceTypes: ["m6i.large"], minSize: 2, maxSize: 4, desiredSize: 2 },
    ],
    addons: {
      "vpc-cni": "v1.20.1-eksbuild.3",
      coredns: "v1.13.2-eksbuild.4",
      "kube-proxy": "v1.35.3-eksbuild.13",
      "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
      "aws-ebs-csi-driver": "v1.38.1-eksbuild.2",
      "cert-manager": "v1.19.1-eksbuild.1",
    },
    logRetentionInDays: 90,
    accountId: "111122223333",
    region: "eu-west-1",
  });
  return { clusterName: eks.clusterName, clusterArn: eks.clusterArn };
}
