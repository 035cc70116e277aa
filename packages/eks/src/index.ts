export * from "./access";
export * from "./autoscaler";
export * from "./capacity";
export * from "./cluster";
export * from "./identity";
export * from "./schema";
export * from "./validate";
export * from "./velero";
