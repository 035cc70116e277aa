export * from "./buildspecs";
export * from "./pipeline";
