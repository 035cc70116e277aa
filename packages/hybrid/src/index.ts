export * from "./prefixes";
export * from "./spec";
export * from "./validation";
export * from "./hybrid";
