export * from "./hybrid";
export * from "./prefixes";
export * from "./schema";
export * from "./spec";
export * from "./validation";
