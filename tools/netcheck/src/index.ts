export * from "./model";
export * from "./routing";
export * from "./simulate";
export * from "./from-plans";
export * from "./report";
export * from "./synthetic";
export * from "./files";
