/**
 * The observability stack on an existing EKS cluster ("dev"): metrics kept 15 days, logs 14,
 * traces 7, on the encrypted gp3 StorageClass, with critical and warning alerts mailed to the
 * platform team through an encrypted SNS topic.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { Observability, observabilitySchema } from "../src";

export default function simple() {
  const provider = new aws.Provider("dev", { region: "eu-west-1" });
  const kubernetesProvider = new k8s.Provider("dev-k8s", { kubeconfig: "~/.kube/dev.yaml" });
  const config = observabilitySchema.parse({
    retention: { metricsDays: 15, logsDays: 14, tracesDays: 7 },
    receivers: [
      { name: "platform", severities: ["critical", "warning"], emails: ["platform@example.com"] },
    ],
  });
  const observability = new Observability(
    "dev-observability",
    {
      config,
      clusterName: "dev",
      kubernetesProvider,
      storageClass: "gp3-encrypted",
      namePrefix: "dev",
      accountId: "200000000002",
      region: "eu-west-1",
    },
    { providers: [provider, kubernetesProvider] },
  );
  return {
    lokiBucket: observability.lokiBucketName,
    otlpEndpoints: observability.otlpEndpoints,
  };
}
