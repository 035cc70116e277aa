export * from "./context";
export * from "./engine";
export * from "./rules";
export * from "./types";
export { excludedLogGroups, logCoverage } from "./aws/log-subscriptions";
