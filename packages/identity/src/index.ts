export * from "./components";
export * from "./documents";
export * from "./model";
export * from "./reference";
