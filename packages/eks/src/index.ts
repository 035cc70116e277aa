export * from "./cluster";
export * from "./validate";
export * from "./velero";
