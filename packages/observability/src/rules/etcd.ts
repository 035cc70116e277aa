/**
 * Alerts for the etcd clusters of @platform/etcd: members scraped in their namespace (the
 * `namespace` label of their targets), backups seen through kube-state-metrics' CronJob status
 * (the snapshot CronJob `<cluster>-snapshot` and the weekly `<cluster>-restore-drill`).
 *
 * Thresholds follow etcd's own operations guide and the etcd mixin (etcd-io/etcd
 * contrib/mixin): leader changes, the backend quota (--quota-backend-bytes; etcd raises the NOSPACE
 * alarm and refuses writes at the quota, https://etcd.io/docs/v3.5/op-guide/maintenance/#space-quota),
 * and WAL fsync latency (etcd's hardware guide: p99 fsync under 10ms on good disks,
 * https://etcd.io/docs/v3.5/op-guide/hardware/; the mixin warns at 0.5s).
 */
import type { AlertRule, RuleGroup } from "./model";

export interface EtcdRuleOptions {
  /** Namespace the etcd members and their backup CronJobs run in. */
  readonly namespace: string;
  /** Seconds since the last successful snapshot before the backup is overdue (etcd's maxBackupAgeSeconds). */
  readonly backupMaxAgeSeconds: number;
  /** Seconds since the last successful restore drill before it is overdue (weekly drill: 8 days). */
  readonly restoreDrillMaxAgeSeconds: number;
  /** Percent of the backend quota at which the database is "near quota". */
  readonly quotaWarningPercent: number;
}

export function etcdRules(o: EtcdRuleOptions): RuleGroup {
  const ns = `namespace="${o.namespace}"`;
  const rules: AlertRule[] = [
    {
      alert: "EtcdNoLeader",
      expr: `etcd_server_has_leader{${ns}} == 0`,
      for: "1m",
      severity: "critical",
      service: "etcd",
      summary: "An etcd member has no leader.",
      description:
        "etcd member {{ $labels.pod }} in {{ $labels.namespace }} has had no leader for 1 minute: the cluster has lost quorum or the member is partitioned. Check member health and the network policies.",
    },
    {
      alert: "EtcdFrequentLeaderChanges",
      expr: `increase(etcd_server_leader_changes_seen_total{${ns}}[15m]) >= 4`,
      for: "5m",
      severity: "warning",
      service: "etcd",
      summary: "etcd changes leader frequently.",
      description:
        "etcd member {{ $labels.pod }} in {{ $labels.namespace }} saw {{ $value }} leader changes in 15 minutes: disk or network latency is making heartbeats time out.",
    },
    {
      alert: "EtcdDatabaseNearQuota",
      expr: `100 * etcd_mvcc_db_total_size_in_bytes{${ns}} / etcd_server_quota_backend_bytes{${ns}} > ${o.quotaWarningPercent}`,
      for: "10m",
      severity: "warning",
      service: "etcd",
      summary: "etcd database is near its backend quota.",
      description: `etcd member {{ $labels.pod }} in {{ $labels.namespace }} uses {{ printf "%.1f" $value }}% of its backend quota (warning at ${o.quotaWarningPercent}%): compact and defragment, or raise --quota-backend-bytes, before etcd refuses writes.`,
    },
    {
      alert: "EtcdHighFsyncDurations",
      expr: `histogram_quantile(0.99, sum by (namespace, pod, le) (rate(etcd_disk_wal_fsync_duration_seconds_bucket{${ns}}[5m]))) > 0.5`,
      for: "10m",
      severity: "warning",
      service: "etcd",
      summary: "etcd WAL fsync latency is high.",
      description:
        "The 99th percentile WAL fsync of etcd member {{ $labels.pod }} in {{ $labels.namespace }} is {{ $value }}s: the volume is too slow for etcd.",
    },
    {
      alert: "EtcdBackupTooOld",
      expr: `time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${ns}, cronjob=~".+-snapshot"}) > ${o.backupMaxAgeSeconds}`,
      for: "5m",
      severity: "critical",
      service: "etcd",
      summary: "The last etcd snapshot is too old.",
      description: `The snapshot CronJob {{ $labels.namespace }}/{{ $labels.cronjob }} last succeeded {{ $value | humanizeDuration }} ago (allowed ${o.backupMaxAgeSeconds}s): read its failed Job's logs and run the on-demand snapshot.`,
    },
    {
      alert: "EtcdBackupMissing",
      expr: `kube_cronjob_created{${ns}, cronjob=~".+-snapshot"} unless on (namespace, cronjob) kube_cronjob_status_last_successful_time{${ns}, cronjob=~".+-snapshot"}`,
      for: `${Math.ceil(o.backupMaxAgeSeconds / 3600)}h`,
      severity: "critical",
      service: "etcd",
      summary: "An etcd snapshot CronJob has never succeeded.",
      description:
        "The snapshot CronJob {{ $labels.namespace }}/{{ $labels.cronjob }} exists but has no successful run: there is no backup of this etcd cluster.",
    },
    {
      alert: "EtcdRestoreDrillOverdue",
      expr: `time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${ns}, cronjob=~".+-restore-drill"}) > ${o.restoreDrillMaxAgeSeconds}`,
      for: "5m",
      severity: "warning",
      service: "etcd",
      summary: "The etcd restore drill has not succeeded recently.",
      description:
        "The restore drill {{ $labels.namespace }}/{{ $labels.cronjob }} last proved a snapshot restores {{ $value | humanizeDuration }} ago: the latest backups are unproven.",
    },
  ];
  return { name: "etcd", rules };
}
