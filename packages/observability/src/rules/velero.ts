/**
 * Velero (packages/eks/src/velero.ts): its server's metrics, served on :8085/metrics, say which
 * scheduled backups failed and when each schedule last succeeded: `velero_backup_failure_total`,
 * `velero_backup_partial_failure_total` and `velero_backup_last_successful_timestamp`, each per
 * `schedule` (vmware-tanzu/velero pkg/metrics/metrics.go).
 */
import type { AlertRule, RuleGroup } from "./model";

export interface VeleroRuleOptions {
  /** Seconds each Velero schedule may go without a successful backup, by schedule name. */
  readonly scheduleMaxAgeSeconds: Readonly<Record<string, number>>;
}

/**
 * The allowed ages of the schedules `VeleroBackup` (packages/eks/src/velero.ts) creates: `daily`
 * (02:00) may be 26 hours old, `critical-hourly` (only with critical namespaces) two hours, the
 * slack etcd's backup check allows too.
 */
export function veleroScheduleAges(criticalNamespaces: readonly string[]): Record<string, number> {
  return {
    daily: 26 * 3600,
    ...(criticalNamespaces.length ? { "critical-hourly": 2 * 3600 } : {}),
  };
}

export function veleroRules(o: VeleroRuleOptions): RuleGroup {
  const schedules = Object.entries(o.scheduleMaxAgeSeconds).sort(([a], [b]) => a.localeCompare(b));
  // One comparison per schedule: each has its own allowed age (an hourly schedule is overdue long
  // before a daily one). A schedule that never succeeded reports 0, so it is overdue too.
  const overdue = schedules
    .map(
      ([schedule, seconds]) =>
        `(time() - velero_backup_last_successful_timestamp{schedule="${schedule}"} > ${seconds})`,
    )
    .join(" or ");
  const rules: AlertRule[] = [
    {
      alert: "VeleroBackupFailed",
      expr: `increase(velero_backup_failure_total{schedule!=""}[1h]) > 0`,
      severity: "warning",
      service: "velero",
      summary: "A scheduled Velero backup failed.",
      description:
        "A backup of schedule {{ $labels.schedule }} failed in the last hour: `velero backup describe` and `velero backup logs` on the latest backup say why.",
    },
    {
      alert: "VeleroBackupPartiallyFailed",
      expr: `increase(velero_backup_partial_failure_total{schedule!=""}[1h]) > 0`,
      severity: "warning",
      service: "velero",
      summary: "A scheduled Velero backup partially failed.",
      description:
        "A backup of schedule {{ $labels.schedule }} completed with errors in the last hour: some resources or volumes are not in it.",
    },
  ];
  if (schedules.length > 0)
    rules.push({
      alert: "VeleroBackupMissing",
      expr: overdue,
      for: "15m",
      severity: "critical",
      service: "velero",
      summary: "A Velero schedule has no recent successful backup.",
      description:
        "Schedule {{ $labels.schedule }} last succeeded {{ $value | humanizeDuration }} ago: the cluster state cannot be restored to a recent point (docs/runbooks/eks-restore.md).",
    });
  return { name: "velero", rules };
}
