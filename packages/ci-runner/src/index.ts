export * from "./runner";
