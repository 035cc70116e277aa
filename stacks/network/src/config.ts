import { environmentSchema, loadStackConfig, tagsSchema } from "@platform/core";
import { z } from "zod";

export const networkStackSchema = z.strictObject({
  account: environmentSchema,
  tags: tagsSchema,
});

/** The validated config of the hub; invalid config throws here, before any resource exists. */
export const config = loadStackConfig(networkStackSchema);
