/**
 * The observability component's pure checks, returning `Problem[]` (`{ path, value, message }`,
 * paths relative to the observability config): every alert that pages or notifies reaches a
 * receiver, receivers are told apart, and the volume thresholds are ordered.
 */
import type { Problem } from "@platform/core";
import type { Severity } from "./rules/model";
import type { ObservabilityConfig } from "./schema";

/** Severities that must reach someone: an unrouted critical alert is a silent outage. */
export const ROUTED_SEVERITIES: readonly Severity[] = ["critical", "warning"];

export function receiverProblems(config: Pick<ObservabilityConfig, "receivers">): Problem[] {
  const problems: Problem[] = [];
  const routed = new Set(config.receivers.flatMap((r) => r.severities));
  for (const severity of ROUTED_SEVERITIES)
    if (!routed.has(severity))
      problems.push({
        path: ["receivers"],
        value: config.receivers.map((r) => r.name),
        message: `no receiver takes ${severity} alerts, so they would reach no one: add "${severity}" to a receiver's severities`,
      });
  const seen = new Set<string>();
  config.receivers.forEach((r, i) => {
    if (seen.has(r.name))
      problems.push({
        path: ["receivers", i, "name"],
        value: r.name,
        message: "another receiver has this name: give each receiver its own name",
      });
    seen.add(r.name);
  });
  return problems;
}

export function thresholdProblems(
  config: Pick<ObservabilityConfig, "volumeFreePercent">,
): Problem[] {
  const { warning, critical } = config.volumeFreePercent;
  return critical < warning
    ? []
    : [
        {
          path: ["volumeFreePercent", "critical"],
          value: critical,
          message: `the critical free-space threshold must be below the warning one (${warning}%), or the warning never comes first`,
        },
      ];
}

export function observabilityProblems(config: ObservabilityConfig): Problem[] {
  return [...receiverProblems(config), ...thresholdProblems(config)];
}
