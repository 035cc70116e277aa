export * from "./hybrid";
export * from "./prefixes";
export * from "./router-config";
export * from "./schema";
export * from "./validate";
