import type { DashboardSpec } from "./model";

/** The application etcd clusters (@platform/etcd): quorum, latency, size and backups. */
export const etcdDashboard: DashboardSpec = {
  uid: "platform-etcd",
  title: "Platform / etcd",
  description:
    "The etcd clusters applications use: leadership, proposal and disk latency, database size against the quota, and the age of the last snapshot and restore drill.",
  variables: { namespace: "label_values(etcd_server_has_leader, namespace)" },
  rows: [
    {
      title: "Quorum",
      panels: [
        {
          title: "Members with a leader",
          description:
            "Members that see a leader; below the member count, quorum is at risk (EtcdNoLeader).",
          kind: "stat",
          queries: [{ promql: 'sum(etcd_server_has_leader{namespace=~"$namespace"})' }],
        },
        {
          title: "Leader changes (1h)",
          description: "Leader elections in the last hour (EtcdFrequentLeaderChanges).",
          kind: "stat",
          queries: [
            {
              promql:
                'sum(increase(etcd_server_leader_changes_seen_total{namespace=~"$namespace"}[1h]))',
            },
          ],
        },
        {
          title: "Failed proposals",
          description:
            "Raft proposals that failed, per member: usually leader loss or a slow disk.",
          kind: "timeseries",
          queries: [
            {
              promql:
                'sum by (pod) (rate(etcd_server_proposals_failed_total{namespace=~"$namespace"}[5m]))',
              legend: "{{pod}}",
            },
          ],
        },
      ],
    },
    {
      title: "Disk",
      panels: [
        {
          title: "WAL fsync p99",
          description:
            "99th percentile WAL fsync latency per member (EtcdHighFsyncDurations warns at 0.5s).",
          kind: "timeseries",
          unit: "s",
          queries: [
            {
              promql:
                'histogram_quantile(0.99, sum by (pod, le) (rate(etcd_disk_wal_fsync_duration_seconds_bucket{namespace=~"$namespace"}[5m])))',
              legend: "{{pod}}",
            },
          ],
        },
        {
          title: "Backend commit p99",
          description: "99th percentile backend commit latency per member.",
          kind: "timeseries",
          unit: "s",
          queries: [
            {
              promql:
                'histogram_quantile(0.99, sum by (pod, le) (rate(etcd_disk_backend_commit_duration_seconds_bucket{namespace=~"$namespace"}[5m])))',
              legend: "{{pod}}",
            },
          ],
        },
        {
          title: "Database size of quota",
          description:
            "Database size as a share of the backend quota (EtcdDatabaseNearQuota); at 100% etcd refuses writes.",
          kind: "timeseries",
          unit: "percentunit",
          queries: [
            {
              promql:
                'etcd_mvcc_db_total_size_in_bytes{namespace=~"$namespace"} / etcd_server_quota_backend_bytes{namespace=~"$namespace"}',
              legend: "{{pod}}",
            },
          ],
        },
      ],
    },
    {
      title: "Backups",
      panels: [
        {
          title: "Time since last snapshot",
          description: "Age of the last successful snapshot CronJob run (EtcdBackupTooOld).",
          kind: "stat",
          unit: "s",
          queries: [
            {
              promql:
                'time() - max by (cronjob) (kube_cronjob_status_last_successful_time{namespace=~"$namespace", cronjob=~".+-snapshot"})',
              legend: "{{cronjob}}",
            },
          ],
        },
        {
          title: "Time since last restore drill",
          description: "Age of the last successful restore drill (EtcdRestoreDrillOverdue).",
          kind: "stat",
          unit: "s",
          queries: [
            {
              promql:
                'time() - max by (cronjob) (kube_cronjob_status_last_successful_time{namespace=~"$namespace", cronjob=~".+-restore-drill"})',
              legend: "{{cronjob}}",
            },
          ],
        },
      ],
    },
  ],
};
