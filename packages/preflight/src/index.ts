export * from "./context";
export * from "./engine";
export * from "./rules";
export * from "./types";
export { excludedLogGroups, logCoverage } from "./aws/log-subscriptions";
export { CHART_PODS, releasePods } from "./kubernetes/release-pods";
export type { ChartPod, ReleasePod } from "./kubernetes/release-pods";
