/**
 * CloudWatch alarms AWS refuses (periods other than 10, 20, 30 or a multiple of 60; an evaluation
 * window over a day; more datapoints to alarm than evaluation periods) and alarms that deploy but
 * do not work: a period shorter than the metric's publication interval leaves most periods without
 * data, so an alarm that treats missing data as breaching flaps, and any other sits in
 * INSUFFICIENT_DATA. Publication intervals come from `@platform/core`'s METRIC_PUBLICATION (the
 * one table, with sources, that the alarms themselves are built from); an AWS metric missing from
 * it is a warning, never silence.
 */
import { metricPublication } from "@platform/core/aws-facts/metrics";
import { known, num } from "../context";
import type { Problem, Rule } from "../types";

const PUT_METRIC_ALARM =
  "CloudWatch API PutMetricAlarm (Period: 10, 20, 30 or a multiple of 60; EvaluationPeriods x Period <= 86,400; DatapointsToAlarm <= EvaluationPeriods), https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html";

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
      const entry = metricPublication(String(namespace), String(metric));
      if (!entry) {
        yield problem(
          "warning",
          `the publication interval of ${String(namespace)} ${String(metric)} is not in METRIC_PUBLICATION (packages/core/src/aws-facts/metrics.ts): add it with its source so the alarm period can be checked`,
        );
        continue;
      }
      const interval = entry.intervalSeconds;
      if (period >= interval) continue;
      const breaching = i["treatMissingData"] === "breaching";
      yield problem(
        breaching ? "error" : "warning",
        `period ${period} s is shorter than the ${interval} s at which ${String(namespace)} ${String(metric)} is published: ${
          breaching
            ? "with treatMissingData breaching, every period without a data point breaches and the alarm flaps"
            : "most periods have no data and the alarm sits in INSUFFICIENT_DATA"
        }; use a period of at least ${interval} s`,
        entry.sources.join("; "),
      );
    }
  },
};
