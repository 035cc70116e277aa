import { environmentSchema, loadStackConfig, tagsSchema } from "@platform/core";
import { logArchiveSchema } from "@platform/log-archive";
import { z } from "zod";

/** The log-archive account's config: its account and tags, and the archive's blocks as top-level keys. */
export const logArchiveStackSchema = z.strictObject({
  account: environmentSchema,
  tags: tagsSchema,
  ...logArchiveSchema.shape,
});

export type LogArchiveStackShape = z.infer<typeof logArchiveStackSchema>;

/** The validated config; invalid config throws here, before any resource exists. */
export const config = loadStackConfig(logArchiveStackSchema);
