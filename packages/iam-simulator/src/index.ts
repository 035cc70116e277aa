export * from "./actions";
export * from "./simulate";
