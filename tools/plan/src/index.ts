export * from "./diff";
export * from "./planfile";
export * from "./run";
export * from "./summary";
export * from "./pulumi";
export * from "./policy";
export * from "./preflight";
