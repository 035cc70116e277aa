export * from "./buildspecs";
export * from "./permissions";
export * from "./pipeline";
export * from "./validate";
