/** One resource as the engine would see it at registration: the plan contract's resource. */
export type { PlannedResource as CapturedResource } from "@platform/contracts";
export { ROOT_STACK_TYPE, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "@platform/contracts";
