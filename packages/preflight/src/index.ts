export * from "./context";
export * from "./engine";
export * from "./rules";
export * from "./types";
