/**
 * Route 53 health checks and their CloudWatch alarms. Route 53 publishes health-check metrics
 * (`AWS/Route53` `HealthCheckStatus`) only in US East (N. Virginia): "you must select US East
 * (N. Virginia) as the region" to alarm on them
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html), so
 * the alarms are created through a us-east-1 provider and notify a topic in that Region.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { HealthCheckConfig } from "./schema";

/** Where the health-check alarms live and whom they notify. */
export interface HealthAlarms {
  /** A provider for us-east-1 in the zone's account. */
  readonly provider: aws.Provider;
  /** The Region `provider` is configured for (checked: must be us-east-1). */
  readonly region: string;
  /** The notification topic the alarms publish to, in us-east-1. */
  readonly topicArn: pulumi.Input<string>;
}

const DEFAULT_PORT: Record<HealthCheckConfig["type"], number> = {
  HTTP: 80,
  HTTP_STR_MATCH: 80,
  HTTPS: 443,
  HTTPS_STR_MATCH: 443,
  TCP: 443,
};

/**
 * One health check per key (`<name>-hc-<key>`) and, when alarms are given, an alarm
 * (`<name>-hc-<key>`) on its status: below 1 (unhealthy) for one minute. Route 53 reports
 * `HealthCheckStatus` every minute; a missing point means the check stopped reporting, which is
 * treated as breaching (the endpoint is not known to be healthy).
 */
export function healthChecks(
  parent: pulumi.Resource,
  name: string,
  namePrefix: string,
  checks: Readonly<Record<string, HealthCheckConfig>>,
  alarms: HealthAlarms | undefined,
): Record<string, aws.route53.HealthCheck> {
  const created: Record<string, aws.route53.HealthCheck> = {};
  for (const [key, c] of Object.entries(checks)) {
    const check = new aws.route53.HealthCheck(
      `${name}-hc-${key}`,
      {
        type: c.type,
        fqdn: c.fqdn,
        ipAddress: c.ipAddress,
        port: c.port ?? DEFAULT_PORT[c.type],
        resourcePath: c.type === "TCP" ? undefined : (c.resourcePath ?? "/"),
        searchString: c.searchString,
        // SNI with the endpoint's name, so an HTTPS check reaches the right certificate.
        enableSni: c.type.startsWith("HTTPS") ? true : undefined,
        failureThreshold: c.failureThreshold,
        requestInterval: c.requestInterval,
        referenceName: `${namePrefix}-${key}`.slice(0, 64),
        tags: { Name: `${namePrefix}-${key}` },
      },
      { parent },
    );
    created[key] = check;
    if (!alarms) continue;
    new aws.cloudwatch.MetricAlarm(
      `${name}-hc-${key}`,
      {
        name: `${namePrefix}-dns-${key}-unhealthy`,
        alarmDescription: `Route 53 health check ${key} (${c.fqdn ?? c.ipAddress}) reports the endpoint unhealthy`,
        namespace: "AWS/Route53",
        metricName: "HealthCheckStatus",
        dimensions: { HealthCheckId: check.id },
        statistic: "Minimum",
        period: 60,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: "LessThanThreshold",
        treatMissingData: "breaching",
        alarmActions: [alarms.topicArn],
        okActions: [alarms.topicArn],
      },
      { parent, provider: alarms.provider },
    );
  }
  return created;
}
