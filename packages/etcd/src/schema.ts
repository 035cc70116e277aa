/**
 * The etcd component's config. Stacks and the environment blueprint compose this schema; the
 * config type is inferred from it (`EtcdConfig`).
 */
import { addProblems, nameSchema } from "@platform/core";
import { z } from "zod";
import { scheduleProblems } from "./validate";

/** Optional etcd for applications, with snapshots and restore drills. */
export const etcdSchema = z
  .strictObject({
    /** Members of the cluster: 3 (survives one loss) or 5 (survives two). */
    members: z.union([z.literal(3), z.literal(5)], { error: "expected 3 or 5 members" }),
    /** The etcd image, pinned by tag or digest (the backup image carries etcd of the same minor). */
    image: z.string().regex(/:[\w.-]+$|@sha256:/, {
      error: "expected a pinned image such as quay.io/coreos/etcd:v3.5.17",
    }),
    /** Each member's data volume (encrypted gp3), in Gi. */
    volumeSize: z.string().regex(/^\d+Gi$/, { error: "expected a size such as 20Gi" }),
    /** A member's CPU and memory; requests equal limits. */
    resources: z.strictObject({
      cpu: z.string().regex(/^\d+(\.\d+)?m?$/, { error: 'expected a CPU quantity such as "500m"' }),
      memory: z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, {
        error: "expected a memory quantity such as 1Gi",
      }),
    }),
    /** Days snapshots are kept in S3 (noncurrent versions 30 more). */
    retentionDays: z.number().int().positive(),
    /** Cron schedule of snapshots (Kubernetes CronJob syntax, UTC); default daily at 03:00. */
    snapshotSchedule: z.string().optional(),
    /** Run the members only on this node group (its taints are tolerated); default: any untainted. */
    nodeGroup: nameSchema.optional(),
  })
  .superRefine((etcd, ctx) => addProblems(ctx, scheduleProblems(etcd)));

/** An etcd section as validated. */
export type EtcdConfig = z.infer<typeof etcdSchema>;
