import type { RuleOptions } from "../src/rules";

/** The options the promtool tests (test/rules/*.test.yaml) and docs/observability.md are written for. */
export const DOCS_RULE_OPTIONS: RuleOptions = {
  etcd: {
    namespace: "etcd",
    backupMaxAgeSeconds: 93600,
    restoreDrillMaxAgeSeconds: 691200,
    quotaWarningPercent: 80,
  },
  kubernetes: { volumeFreeWarningPercent: 15, volumeFreeCriticalPercent: 5 },
  velero: { scheduleMaxAgeSeconds: { daily: 93600, "critical-hourly": 7200 } },
};
