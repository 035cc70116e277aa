/**
 * How often AWS publishes the CloudWatch metrics the platform alarms on, as data with sources
 * (pure, no imports): alarms take their period and missing-data treatment from here, and
 * preflight can check any planned alarm against it (`alarmTimingProblems`).
 *
 * An alarm whose period is shorter than the metric's publication interval sees periods with no
 * data point; with missing data treated as breaching it flaps, and anything composed from it
 * (the "traffic is on VPN" composite) flaps too.
 */

export type MissingData = "missing" | "ignore" | "breaching" | "notBreaching";

export interface MetricPublication {
  readonly namespace: string;
  readonly metricName: string;
  /** Seconds between data points AWS publishes; an alarm period must be at least this. */
  readonly intervalSeconds: number;
  /** How an alarm on this metric should treat missing data, and why. */
  readonly missingData: MissingData;
  readonly basis: string;
  readonly sources: readonly string[];
  /** False when the interval is inferred (the document states no interval). */
  readonly intervalStated: boolean;
}

const DX_GUIDE =
  "https://docs.aws.amazon.com/directconnect/latest/UserGuide/monitoring-cloudwatch.html";
const VPN_GUIDE = "https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html";
const MISSING_DATA =
  "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data";
const STATE_METRIC =
  "AWS publishes 0 while the resource is down, so a missing data point is a delivery gap, not an outage: treat it as missing (INSUFFICIENT_DATA, notified separately), never as breaching.";

export const METRIC_PUBLICATION: readonly MetricPublication[] = [
  {
    namespace: "AWS/DX",
    metricName: "ConnectionState",
    intervalSeconds: 300,
    missingData: "missing",
    basis: `CloudWatch provides Direct Connect metric data in 5-minute intervals by default (Direct Connect sends 30-second samples and CloudWatch aggregates them to 1- or 5-minute points; AWS's ConnectionState alarm example uses 1-minute periods, but only 5 minutes is the documented default). ${STATE_METRIC}`,
    sources: [DX_GUIDE, MISSING_DATA],
    intervalStated: true,
  },
  {
    namespace: "AWS/DX",
    metricName: "VirtualInterfaceBgpStatus",
    intervalSeconds: 300,
    missingData: "missing",
    basis: `Published every 5 minutes (virtual interface BGP metrics, launched 2026-03-30). ${STATE_METRIC}`,
    sources: [
      DX_GUIDE,
      "https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-cloudwatch-metrics-for-aws-direct-connect-virtual-interface-bgp-health-and-prefix-count",
      MISSING_DATA,
    ],
    intervalStated: true,
  },
  {
    namespace: "AWS/VPN",
    metricName: "TunnelState",
    intervalSeconds: 300,
    missingData: "missing",
    basis: `The VPN guide says metric data is sent "as it becomes available" and states no interval; every TunnelState alarm it shows uses 5-minute periods, so 300 s is the shortest period known to always hold a data point. ${STATE_METRIC}`,
    sources: [VPN_GUIDE, MISSING_DATA],
    intervalStated: false,
  },
];

export function metricPublication(
  namespace: string,
  metricName: string,
): MetricPublication | undefined {
  return METRIC_PUBLICATION.find((m) => m.namespace === namespace && m.metricName === metricName);
}

/**
 * Period, evaluation periods and missing-data treatment for a state alarm on a known metric: one
 * publication interval per period, and enough periods to cover `detectSeconds` (at least one).
 */
export function alarmTiming(
  namespace: string,
  metricName: string,
  detectSeconds = 180,
): { period: number; evaluationPeriods: number; treatMissingData: MissingData } {
  const m = metricPublication(namespace, metricName);
  if (!m)
    throw new Error(
      `no publication interval is recorded for ${namespace} ${metricName}; add it with its source to METRIC_PUBLICATION`,
    );
  return {
    period: m.intervalSeconds,
    evaluationPeriods: Math.max(1, Math.ceil(detectSeconds / m.intervalSeconds)),
    treatMissingData: m.missingData,
  };
}

/** What is wrong with an alarm's timing for its metric; empty when it fits (or is unknown). */
export function alarmTimingProblems(alarm: {
  readonly namespace: string;
  readonly metricName: string;
  readonly period: number;
  readonly treatMissingData?: string;
}): string[] {
  const m = metricPublication(alarm.namespace, alarm.metricName);
  if (!m) return [];
  const problems: string[] = [];
  if (alarm.period < m.intervalSeconds)
    problems.push(
      `period ${alarm.period} s is shorter than ${alarm.namespace} ${alarm.metricName}'s publication interval (${m.intervalSeconds} s): periods without data; use ${m.intervalSeconds}`,
    );
  const treatment = alarm.treatMissingData ?? "missing";
  if (treatment !== m.missingData)
    problems.push(`missing data treated as ${treatment}; use ${m.missingData}: ${m.basis}`);
  return problems;
}
