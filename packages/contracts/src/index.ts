export * from "./plan";
export * from "./hub";
