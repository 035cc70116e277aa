export * from "./bucket";
export * from "./cidr";
export * from "./config";
export * from "./environment";
export * from "./logging";
export * from "./naming";
export * from "./provider";
export * from "./schemas";
