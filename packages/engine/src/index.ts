export * from "./harness";
export * from "./mocks";
export { CapturingMonitor, engineUrn, sanitize } from "./monitor";
export * from "./stack";
export * from "./types";
