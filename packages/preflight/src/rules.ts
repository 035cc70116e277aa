/** Every preflight rule, in the order the plan runs them. */
import { flowLogOptions } from "./aws/flow-logs";
import { s3Lifecycle } from "./aws/s3-lifecycle";
import type { Rule } from "./types";

export const RULES: readonly Rule[] = [flowLogOptions, s3Lifecycle];
