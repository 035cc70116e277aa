import { environmentSchema, tagsSchema } from "@platform/core";
import type { LoadOptions } from "@platform/core";
import { z } from "zod";

/** Config of an environment stack (`<project>:<key>` in Pulumi.<stack>.yaml). */
export const environmentStackSchema = z.strictObject({
  /** The account this stack deploys into and how to reach it. */
  account: environmentSchema,
  /** Organisation tags put on every resource through the provider. */
  tags: tagsSchema,
});

export type EnvironmentStackConfig = z.infer<typeof environmentStackSchema>;

/** How environment stacks load their config: which keys are secrets. */
export const ENVIRONMENT_SECRETS: LoadOptions = { secrets: [] };
