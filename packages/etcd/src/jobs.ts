/**
 * Backup jobs: the tested scripts in the backup image (packages/etcd/scripts), as the Pod
 * Identity service account: scheduled snapshots, a suspended on-demand snapshot to trigger before
 * risky changes, an hourly backup-age check (its failure is the alert) and the restore drill.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { backupLabels, CLIENT_LABEL, RESTRICTED, tlsVolume } from "./common";
import type { EtcdScope } from "./common";
import type { EtcdClusterArgs } from "./etcd";
import { backupServiceAccount } from "./storage";

/** Default cron schedules: daily snapshots, a weekly restore drill. */
export const DEFAULT_SNAPSHOT_SCHEDULE = "0 3 * * *";
export const DEFAULT_RESTORE_DRILL_SCHEDULE = "0 5 * * 0";

/** Seconds a backup may age before the hourly check fails: one day plus two hours of slack. */
export function maxBackupAgeSeconds(schedule: string): number {
  const parts = schedule.trim().split(/\s+/);
  // Hourly schedules ("m * * * *") allow two hours; anything coarser, 26 hours.
  return parts[1] === "*" ? 7200 : 93600;
}

export function backupJobs(
  scope: EtcdScope,
  args: EtcdClusterArgs,
  namespace: pulumi.Resource,
  image: pulumi.Input<string>,
): void {
  const { name, ns } = scope;
  const inNs = { ...scope.kube, dependsOn: [namespace] };
  new k8s.core.v1.ServiceAccount(
    backupServiceAccount(name),
    { metadata: { name: backupServiceAccount(name), namespace: ns } },
    inNs,
  );
  const job = (
    id: string,
    script: string,
    schedule: string,
    extraEnv: Array<{ name: string; value: string }>,
    suspend = false,
  ) =>
    new k8s.batch.v1.CronJob(
      `${name}-${id}`,
      {
        metadata: { name: `${name}-${id}`, namespace: ns },
        spec: {
          schedule,
          suspend,
          concurrencyPolicy: "Forbid",
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 5,
          jobTemplate: {
            spec: {
              backoffLimit: 1,
              activeDeadlineSeconds: 3600,
              template: {
                metadata: {
                  labels: {
                    ...backupLabels(name),
                    [CLIENT_LABEL]: "true",
                    "app.kubernetes.io/component": id,
                  },
                },
                spec: {
                  serviceAccountName: backupServiceAccount(name),
                  restartPolicy: "Never",
                  securityContext: {
                    runAsNonRoot: true,
                    runAsUser: 10001,
                    seccompProfile: { type: "RuntimeDefault" },
                  },
                  containers: [
                    {
                      name: id,
                      image,
                      args: [`/opt/etcd-backup/${script}`],
                      securityContext: { ...RESTRICTED, readOnlyRootFilesystem: false },
                      resources: {
                        requests: { cpu: "100m", memory: "256Mi" },
                        limits: { cpu: "1", memory: "1Gi" },
                      },
                      env: [
                        { name: "S3_BUCKET", value: args.bucketName },
                        { name: "S3_PREFIX", value: name },
                        { name: "AWS_REGION", value: args.region },
                        { name: "ETCD_ENDPOINTS", value: `https://${name}-client.${ns}.svc:2379` },
                        { name: "ETCD_CACERT", value: "/tls/client/ca.crt" },
                        { name: "ETCD_CERT", value: "/tls/client/tls.crt" },
                        { name: "ETCD_KEY", value: "/tls/client/tls.key" },
                        ...extraEnv,
                      ],
                      volumeMounts: [
                        { name: "client-tls", mountPath: "/tls/client", readOnly: true },
                      ],
                    },
                  ],
                  volumes: [tlsVolume(name, "client")],
                },
              },
            },
          },
        },
      },
      inNs,
    );
  const snapshotSchedule = args.snapshotSchedule ?? DEFAULT_SNAPSHOT_SCHEDULE;
  const maxAge = { name: "MAX_AGE_SECONDS", value: String(maxBackupAgeSeconds(snapshotSchedule)) };
  job("snapshot", "etcd-backup.sh", snapshotSchedule, [
    { name: "BACKUP_REASON", value: "scheduled" },
  ]);
  job(
    "snapshot-on-demand",
    "etcd-backup.sh",
    "0 0 1 1 *",
    [{ name: "BACKUP_REASON", value: "on-demand" }],
    true,
  );
  job("backup-age", "etcd-backup-age.sh", "30 * * * *", [maxAge]);
  job(
    "restore-drill",
    "etcd-verify-restore.sh",
    args.restoreDrillSchedule ?? DEFAULT_RESTORE_DRILL_SCHEDULE,
    [maxAge],
  );
}
