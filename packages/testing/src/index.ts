export * from "./access-logs";
export * from "./anatomy";
export * from "./harness";
export * from "./topics";
export * from "./mocks";
export * from "./stack";
export * from "./suites";
export { CapturingMonitor, engineUrn, sanitize } from "./monitor";
export * from "./types";
