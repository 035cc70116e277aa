export * from "./blueprint";
export * from "./schema";
