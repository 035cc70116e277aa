export { EKS_INTERFACE_ENDPOINTS } from "./endpoints";
export * from "./planner";
export * from "./schema";
export { azSuffix } from "./subnets";
export type { PerTier, RouteTableRef } from "./subnets";
export * from "./validate";
export * from "./vpc";
