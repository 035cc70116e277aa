/**
 * CloudWatch alarms AWS refuses (periods other than 10, 20, 30 or a multiple of 60; an evaluation
 * window over a day; more datapoints to alarm than evaluation periods) and alarms that deploy but
 * do not work: a period shorter than the metric's publication interval leaves most periods without
 * data, so an alarm that treats missing data as breaching flaps, and any other sits in
 * INSUFFICIENT_DATA. Publication intervals come from each service's documentation (the table);
 * an AWS metric missing from the table is a warning, never silence.
 */
import { known, num } from "../context";
import type { Problem, Rule } from "../types";

const PUT_METRIC_ALARM =
  "CloudWatch API PutMetricAlarm (Period: 10, 20, 30 or a multiple of 60; EvaluationPeriods x Period <= 86,400; DatapointsToAlarm <= EvaluationPeriods), https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html";

/**
 * How often each metric gets a data point, in seconds; `null` = event-driven (no fixed interval
 * documented: nothing to compare). Key `<namespace>` or `<namespace>/<metric>`.
 */
export const PUBLICATION: Readonly<Record<string, { seconds: number | null; source: string }>> = {
  "AWS/DX": {
    seconds: 300,
    source:
      "Direct Connect User Guide, monitoring with CloudWatch (metric data at 5-minute intervals by default), https://docs.aws.amazon.com/directconnect/latest/UserGuide/monitoring-cloudwatch.html",
  },
  "AWS/VPN": {
    seconds: null,
    source:
      "Site-to-Site VPN User Guide, monitoring with CloudWatch (data sent as it becomes available), https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-cloudwatch-vpn.html",
  },
  "AWS/S3/BucketSizeBytes": {
    seconds: 86400,
    source:
      "S3 User Guide, CloudWatch metrics (daily storage metrics, reported once per day), https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html",
  },
  "AWS/S3/NumberOfObjects": {
    seconds: 86400,
    source:
      "S3 User Guide, CloudWatch metrics (daily storage metrics, reported once per day), https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html",
  },
  "AWS/NATGateway": {
    seconds: 60,
    source:
      "Amazon VPC User Guide, NAT gateway CloudWatch metrics (1-minute intervals), https://docs.aws.amazon.com/vpc/latest/userguide/metrics-dimensions-nat-gateway.html",
  },
};

export const awsAlarms: Rule = {
  id: "aws-alarm-periods",
  family: "aws",
  description:
    "alarm periods AWS refuses, and periods shorter than the metric's publication interval (flapping with missing data as breaching, INSUFFICIENT_DATA otherwise)",
  source: PUT_METRIC_ALARM,
  *check(ctx) {
    for (const r of ctx.ofType("aws:cloudwatch/metricAlarm:MetricAlarm")) {
      const i = r.inputs;
      const period = num(i["period"]);
      const evaluations = num(i["evaluationPeriods"]);
      const datapoints = num(i["datapointsToAlarm"]);
      const problem = (
        severity: Problem["severity"],
        message: string,
        source = PUT_METRIC_ALARM,
      ): Problem => ({
        severity,
        urn: r.urn,
        message,
        source,
      });
      if (period !== undefined && ![10, 20, 30].includes(period) && period % 60 !== 0)
        yield problem("error", `period ${period} s: AWS accepts 10, 20, 30 or a multiple of 60`);
      if (period !== undefined && evaluations !== undefined && period * evaluations > 86400)
        yield problem(
          "error",
          `evaluationPeriods ${evaluations} x period ${period} s = ${period * evaluations} s; the evaluation window is at most one day (86,400 s)`,
        );
      if (datapoints !== undefined && evaluations !== undefined && datapoints > evaluations)
        yield problem(
          "error",
          `datapointsToAlarm ${datapoints} exceeds evaluationPeriods ${evaluations}`,
        );

      const namespace = i["namespace"];
      const metric = i["metricName"];
      if (
        period === undefined ||
        !known(namespace) ||
        !known(metric) ||
        !String(namespace).startsWith("AWS/")
      )
        continue;
      const entry =
        PUBLICATION[`${String(namespace)}/${String(metric)}`] ?? PUBLICATION[String(namespace)];
      if (!entry) {
        yield problem(
          "warning",
          `the publication interval of ${String(namespace)} ${String(metric)} is not in preflight's table (src/aws/alarms.ts): add it with its source so the alarm period can be checked`,
        );
        continue;
      }
      // AWS service metrics have one-minute resolution at best.
      const interval = entry.seconds ?? 60;
      if (period >= interval) continue;
      const breaching = i["treatMissingData"] === "breaching";
      yield problem(
        breaching ? "error" : "warning",
        `period ${period} s is shorter than the ${interval} s at which ${String(namespace)} ${String(metric)} is published: ${
          breaching
            ? "with treatMissingData breaching, every period without a data point breaches and the alarm flaps"
            : "most periods have no data and the alarm sits in INSUFFICIENT_DATA"
        }; use a period of at least ${interval} s`,
        entry.source,
      );
    }
  },
};
