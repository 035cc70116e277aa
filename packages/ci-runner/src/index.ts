export * from "./runner";
export * from "./schema";
