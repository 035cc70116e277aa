// Tests use the engine (running programs offline) and the helpers below through this one package.
export * from "@platform/engine";
export * from "./access-logs";
export * from "./anatomy";
export * from "./suites";
export * from "./topics";
