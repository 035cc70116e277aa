export * from "./runner";
export * from "./schema";
export * from "./validate";
