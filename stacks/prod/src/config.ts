import { loadStackConfig } from "@platform/core";
import { environmentStackSchema, ENVIRONMENT_SECRETS } from "@platform/environment";

/** The validated config of this stack; invalid config throws here, before any resource exists. */
export const config = loadStackConfig(environmentStackSchema, ENVIRONMENT_SECRETS);
