export * from "./cluster";
export * from "./velero";
