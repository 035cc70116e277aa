export * from "./dashboards";
export * from "./datasources";
export * from "./rules";
