export * from "./blueprint";
export * from "./schema";
export * from "./validate";
