export * from "./cidr";
export * from "./config";
export * from "./environment";
export * from "./naming";
export * from "./provider";
