export { default as environmentGenerator } from "./environment/generator";
export { validateEnvironmentOptions } from "./environment/options";
export type { EnvironmentOptions } from "./environment/options";
