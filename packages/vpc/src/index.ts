export * from "./planner";
export * from "./vpc";
