export * from "./hub";
export * from "./hub-outputs";
export * from "./schema";
export * from "./segments";
export * from "./shared-services";
export * from "./spoke";
export * from "./validate";
