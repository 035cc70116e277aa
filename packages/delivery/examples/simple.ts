/**
 * One application ("shop", from the GitHub repository example-org/shop on main) delivered to an
 * existing EKS cluster given by name ("dev"): tests, image build and push to ECR, then
 * `helm upgrade --atomic` into the shop namespace from the cluster's private subnets. No manual
 * approval (dev); failures mail the shop team.
 */
import * as k8s from "@pulumi/kubernetes";
import { AppDeliveryPipeline } from "../src";

export default function simple() {
  const accountId = "200000000002";
  const region = "eu-west-1";
  const clusterName = "dev";
  const pipeline = new AppDeliveryPipeline("dev-shop", {
    app: { name: "shop", namespace: "shop", repository: "example-org/shop", branch: "main" },
    // Created once in the console (the connection's handshake with GitHub is manual).
    connectionArn: `arn:aws:codeconnections:${region}:${accountId}:connection/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
    notificationEmails: ["shop-team@example.com"],
    clusterName,
    clusterArn: `arn:aws:eks:${region}:${accountId}:cluster/${clusterName}`,
    network: {
      vpcId: "vpc-0a1b2c3d4e5f60718",
      subnetIds: ["subnet-0a1b2c3d4e5f60711", "subnet-0a1b2c3d4e5f60712"],
      clusterSecurityGroupId: "sg-0a1b2c3d4e5f60719",
    },
    kubernetesProvider: new k8s.Provider("dev-k8s", { kubeconfig: "~/.kube/dev.yaml" }),
    requireApproval: false,
    logRetentionInDays: 30,
    namePrefix: "dev",
    accountId,
    region,
  });
  return {
    pipelineName: pipeline.pipelineName,
    repositoryUrl: pipeline.repositoryUrl,
    buildProjectName: pipeline.buildProjectName,
  };
}
