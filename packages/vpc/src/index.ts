export * from "./planner";
export * from "./schema";
export * from "./vpc";
