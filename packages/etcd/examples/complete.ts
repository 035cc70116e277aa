/**
 * Production etcd from its config section: five members pinned to a dedicated, tainted node group,
 * hourly snapshots kept 35 days, a restore drill every night, protected stateful resources. The
 * config is parsed with `etcdSchema` and checked with `validate.ts` (schedule and placement over
 * the node groups' guaranteed nodes in three AZs) before any resource is created, as the
 * environment stacks do.
 */
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import type { NodeGroupSpec } from "@platform/eks";
import { EtcdCluster, etcdSchema, placementFor, placementProblems, scheduleProblems } from "../src";

const nodeGroups: NodeGroupSpec[] = [
  {
    name: "general",
    instanceTypes: ["m6i.xlarge"],
    minSize: 3,
    maxSize: 9,
    desiredSize: 3,
  },
  {
    name: "etcd",
    instanceTypes: ["m6i.large"],
    minSize: 6,
    maxSize: 6,
    desiredSize: 6,
    taints: [{ key: "dedicated", value: "etcd", effect: "NO_SCHEDULE" }],
  },
];

export default function complete() {
  const config = etcdSchema.parse({
    members: 5,
    image: "quay.io/coreos/etcd:v3.5.17",
    volumeSize: "50Gi",
    resources: { cpu: "1", memory: "4Gi" },
    retentionDays: 35,
    snapshotSchedule: "15 * * * *",
    nodeGroup: "etcd",
  });
  const problems = [
    ...scheduleProblems(config),
    ...placementProblems({
      members: config.members,
      zones: 3,
      nodeGroups,
      nodeGroup: config.nodeGroup,
      resources: config.resources,
      survivesZoneLoss: true,
    }),
  ];
  if (problems.length > 0)
    throw new Error(problems.map((p) => `etcd.${p.path.join(".")}: ${p.message}`).join("\n"));

  const provider = new aws.Provider("prod", {
    region: "eu-west-1",
    allowedAccountIds: ["400000000004"],
  });
  const kubernetesProvider = new k8s.Provider("prod-k8s", { kubeconfig: "~/.kube/prod.yaml" });
  const addon = (addonName: string, addonVersion: string) =>
    new aws.eks.Addon(
      `prod-${addonName}`,
      { clusterName: "prod", addonName, addonVersion },
      {
        provider,
      },
    );
  const { nodeGroup, ...clusterConfig } = config;
  const etcd = new EtcdCluster(
    "prod-etcd",
    {
      ...clusterConfig,
      kubernetesProvider,
      certManager: addon("cert-manager", "v1.19.1-eksbuild.1"),
      clusterReady: [addon("aws-ebs-csi-driver", "v1.38.1-eksbuild.2")],
      clusterName: "prod",
      namespace: "etcd",
      placement: placementFor(nodeGroups, nodeGroup),
      storageClass: "gp3-encrypted",
      restoreDrillSchedule: "0 4 * * *",
      bucketName: "prod-400000000004-etcd",
      accountId: "400000000004",
      region: "eu-west-1",
      protect: true,
    },
    { provider },
  );
  return { bucketName: etcd.bucketName, backupImage: etcd.backupImage };
}
