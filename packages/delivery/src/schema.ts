/**
 * The delivery component's config: the applications delivered to a cluster. Stacks and the
 * environment blueprint compose this schema; the config type is inferred from it
 * (`DeliveryConfig`).
 */
import { namespaceSchema, nameSchema } from "@platform/core";
import { z } from "zod";

/** Applications delivered to this environment's cluster by an AWS-native pipeline each. */
export const deliverySchema = z.strictObject({
  /** An existing CodeConnections connection (its handshake is done once in the console). */
  connectionArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
      {
        error: "expected a CodeConnections connection ARN",
      },
    ),
  notificationEmails: z
    .array(z.string().email())
    .min(1, { error: "expected who hears about failed deliveries" }),
  apps: z.array(
    z.strictObject({
      name: nameSchema,
      namespace: namespaceSchema,
      repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: "expected owner/repository" }),
      branch: z.string().min(1),
    }),
  ),
});

/** A delivery section as validated. */
export type DeliveryConfig = z.infer<typeof deliverySchema>;
/** One application as validated (an entry of `apps`): what `AppDeliveryPipeline` delivers. */
export type DeliveryApp = DeliveryConfig["apps"][number];
