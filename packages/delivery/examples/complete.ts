/**
 * A prod delivery section as a stack file holds it (two applications), validated by
 * `deliverySchema` and `deliveryProblems` before any resource exists, then one pipeline per
 * application: a manual approval before each deploy, a pinned Helm release, two recipients of
 * failures, and protected keys and logs.
 */
import * as k8s from "@pulumi/kubernetes";
import { AppDeliveryPipeline, deliveryProblems, deliverySchema } from "../src";

export default function complete() {
  const accountId = "400000000004";
  const region = "eu-west-1";
  const clusterName = "prod";
  const delivery = deliverySchema.parse({
    connectionArn: `arn:aws:codeconnections:${region}:${accountId}:connection/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`,
    notificationEmails: ["shop-team@example.com", "platform-oncall@example.com"],
    apps: [
      { name: "shop", namespace: "shop", repository: "example-org/shop", branch: "release" },
      { name: "billing", namespace: "billing", repository: "example-org/billing", branch: "main" },
    ],
  });
  const problems = deliveryProblems(delivery, {
    namePrefix: "prod",
    accountId,
    platformNamespaces: ["etcd", "velero"],
  });
  if (problems.length > 0) throw new Error(JSON.stringify(problems));

  const kubernetesProvider = new k8s.Provider("prod-k8s", { kubeconfig: "~/.kube/prod.yaml" });
  const pipelines = delivery.apps.map(
    (app) =>
      new AppDeliveryPipeline(`prod-${app.name}`, {
        app,
        connectionArn: delivery.connectionArn,
        notificationEmails: delivery.notificationEmails,
        clusterName,
        clusterArn: `arn:aws:eks:${region}:${accountId}:cluster/${clusterName}`,
        network: {
          vpcId: "vpc-0b1c2d3e4f5a60718",
          subnetIds: [
            "subnet-0b1c2d3e4f5a60711",
            "subnet-0b1c2d3e4f5a60712",
            "subnet-0b1c2d3e4f5a60713",
          ],
          clusterSecurityGroupId: "sg-0b1c2d3e4f5a60719",
        },
        kubernetesProvider,
        requireApproval: true,
        helmVersion: "v3.17.0",
        logRetentionInDays: 365,
        namePrefix: "prod",
        accountId,
        region,
        protect: true,
      }),
  );
  // The guardrail codebuild-hardening needs these in privilegedAllowlist (prod pack config).
  return { privilegedAllowlist: pipelines.map((p) => p.buildProjectName) };
}
