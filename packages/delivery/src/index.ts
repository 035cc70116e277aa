export * from "./buildspecs";
export * from "./permissions";
export * from "./pipeline";
export * from "./schema";
export * from "./validate";
