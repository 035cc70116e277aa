/**
 * Three etcd members on an existing EKS cluster ("dev", with the cert-manager add-on installed):
 * mTLS from cert-manager, volumes on the encrypted gp3 StorageClass, daily snapshots kept 14 days
 * in a KMS-encrypted bucket, the hourly backup-age check and the weekly restore drill.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { EtcdCluster } from "../src";

export default function simple() {
  const kubernetesProvider = new k8s.Provider("dev-k8s", { kubeconfig: "~/.kube/dev.yaml" });
  const certManager = new aws.eks.Addon("dev-cert-manager", {
    clusterName: "dev",
    addonName: "cert-manager",
    addonVersion: "v1.19.1-eksbuild.1",
  });
  const etcd = new EtcdCluster("dev-etcd", {
    kubernetesProvider,
    certManager,
    clusterName: "dev",
    namespace: "etcd",
    members: 3,
    image: "quay.io/coreos/etcd:v3.5.17",
    storageClass: "gp3-encrypted",
    volumeSize: "10Gi",
    resources: { cpu: "500m", memory: "1Gi" },
    retentionDays: 14,
    bucketName: "dev-200000000002-etcd",
    accountId: "200000000002",
    region: "eu-west-1",
  });
  return { bucketName: etcd.bucketName, backupImage: etcd.backupImage };
}
