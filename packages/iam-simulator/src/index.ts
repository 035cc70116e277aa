export * from "./actions";
export * from "./simulate";
export { rememberResourceTypes } from "./resource-types";
