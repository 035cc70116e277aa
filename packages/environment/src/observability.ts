/**
 * The environment's observability stack (@platform/observability), when the stack file has an
 * `observability` section: on the cluster, its volumes on the encrypted StorageClass, watching the
 * environment's etcd cluster (scrape and alerts, with the backup age its snapshot schedule allows)
 * and Velero (scrape and the allowed age of each schedule), with the hub's DX/VPN metrics through
 * the network account's read-only role when the hub exports one (hub contract `networkMetrics`).
 */
import type * as aws from "@pulumi/aws";
import type { EksCluster, VeleroBackup } from "@platform/eks";
import { DEFAULT_SNAPSHOT_SCHEDULE, maxBackupAgeSeconds } from "@platform/etcd";
import type { EtcdCluster } from "@platform/etcd";
import { Observability, veleroScheduleAges } from "@platform/observability";
import type { HubOutputs } from "@platform/transit-gateway";
import type { EnvironmentConfig } from "./blueprint";
import { ETCD_NAMESPACE } from "./validate";

export function observabilityStack(
  config: EnvironmentConfig,
  eks: EksCluster,
  backup: VeleroBackup,
  etcd: EtcdCluster | undefined,
  {
    provider,
    protect,
    hub,
  }: {
    provider: aws.Provider;
    protect: boolean;
    hub: Pick<HubOutputs, "networkMetrics" | "region">;
  },
): Observability | undefined {
  if (!config.observability) return undefined;
  const env = config.account;
  return new Observability(
    `${env.name}-observability`,
    {
      config: config.observability,
      clusterName: eks.clusterName,
      kubernetesProvider: eks.kubernetesProvider,
      storageClass: "gp3-encrypted",
      namePrefix: env.name,
      accountId: env.accountId,
      region: env.region,
      etcd:
        config.etcd && etcd
          ? {
              name: `${env.name}-etcd`,
              namespace: ETCD_NAMESPACE,
              backupMaxAgeSeconds: maxBackupAgeSeconds(
                config.etcd.snapshotSchedule ?? DEFAULT_SNAPSHOT_SCHEDULE,
              ),
              dependsOn: etcd,
            }
          : undefined,
      velero: {
        scheduleMaxAgeSeconds: veleroScheduleAges(config.eks.backup.criticalNamespaces),
        dependsOn: backup,
      },
      networkMetrics: hub.networkMetrics && {
        roleArn: hub.networkMetrics.readRoleArn,
        region: hub.region,
      },
      protect,
      clusterReady: eks.workloadsReady,
    },
    { provider },
  );
}
