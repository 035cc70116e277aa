export * from "./pack-config";
export * from "./runner";
