import type * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * A kubeconfig for the cluster whose user runs `aws eks get-token --role-arn <roleArn>`: the
 * account's effective role, not the job's own credentials, since it is the one with an access
 * entry (AWS CLI, aws eks get-token --role-arn).
 */
export function kubeconfigFor(
  cluster: aws.eks.Cluster,
  region: string,
  roleArn: string,
): pulumi.Output<string> {
  return pulumi
    .all([cluster.name, cluster.endpoint, cluster.certificateAuthority])
    .apply(([clusterName, endpoint, ca]) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [
          {
            name: clusterName,
            cluster: { server: endpoint, "certificate-authority-data": ca?.data },
          },
        ],
        contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
        "current-context": clusterName,
        users: [
          {
            name: clusterName,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: [
                  "eks",
                  "get-token",
                  "--cluster-name",
                  clusterName,
                  "--region",
                  region,
                  "--role-arn",
                  roleArn,
                ],
              },
            },
          },
        ],
      }),
    );
}

/**
 * A Kubernetes provider bound to the cluster (server-side apply), created after `ready` (the
 * access of the role its kubeconfig assumes, the path from the runner), and an encrypted gp3
 * default StorageClass that keeps its volumes (`Retain`).
 */
export function clusterKubernetes(
  name: string,
  cluster: aws.eks.Cluster,
  access: { readonly region: string; readonly kubeconfigRoleArn: string },
  ready: readonly pulumi.Resource[],
  parent: pulumi.ComponentResource,
): { provider: k8s.Provider; storageClass: k8s.storage.v1.StorageClass } {
  const provider = new k8s.Provider(
    `${name}-k8s`,
    {
      kubeconfig: kubeconfigFor(cluster, access.region, access.kubeconfigRoleArn),
      enableServerSideApply: true,
    },
    { parent, dependsOn: [...ready] },
  );
  const storageClass = new k8s.storage.v1.StorageClass(
    `${name}-gp3`,
    {
      metadata: {
        name: "gp3-encrypted",
        annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
      },
      provisioner: "ebs.csi.aws.com",
      parameters: { type: "gp3", encrypted: "true" },
      volumeBindingMode: "WaitForFirstConsumer",
      allowVolumeExpansion: true,
      reclaimPolicy: "Retain",
    },
    { parent, provider },
  );
  return { provider, storageClass };
}
