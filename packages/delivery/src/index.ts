export * from "./buildspecs";
export * from "./pipeline";
export * from "./validate";
