export * from "./blueprint";
export * from "./reach";
export * from "./schema";
export * from "./validate";
