/**
 * The etcd component's config. Stacks and the environment blueprint compose this schema; the
 * config type is inferred from it (`EtcdConfig`).
 */
import { nameSchema } from "@platform/core";
import { z } from "zod";

/** Optional etcd for applications, with snapshots and restore drills. */
export const etcdSchema = z.strictObject({
  members: z.union([z.literal(3), z.literal(5)], { error: "expected 3 or 5 members" }),
  image: z.string().regex(/:[\w.-]+$|@sha256:/, {
    error: "expected a pinned image such as quay.io/coreos/etcd:v3.5.17",
  }),
  volumeSize: z.string().regex(/^\d+Gi$/, { error: "expected a size such as 20Gi" }),
  resources: z.strictObject({
    cpu: z.string().regex(/^\d+(\.\d+)?m?$/, { error: 'expected a CPU quantity such as "500m"' }),
    memory: z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, {
      error: "expected a memory quantity such as 1Gi",
    }),
  }),
  retentionDays: z.number().int().positive(),
  snapshotSchedule: z.string().optional(),
  /** Run the members only on this node group (its taints are tolerated); default: any untainted. */
  nodeGroup: nameSchema.optional(),
});

/** An etcd section as validated. */
export type EtcdConfig = z.infer<typeof etcdSchema>;
