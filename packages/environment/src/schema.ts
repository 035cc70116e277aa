import {
  addProblems,
  environmentSchema,
  nameSchema,
  roleArnSchema,
  tagsSchema,
} from "@platform/core";
import type { LoadOptions } from "@platform/core";
import { deliverySchema } from "@platform/delivery";
import { privateZoneSchema } from "@platform/dns";
import { eksSchema } from "@platform/eks";
import { etcdSchema } from "@platform/etcd";
import { logSubscriptionSchema } from "@platform/log-archive";
import { observabilitySchema } from "@platform/observability";
import { vpcSchema } from "@platform/vpc";
import { z } from "zod";
import { environmentProblems } from "./validate";

/** How this environment joins the network hub. */
export const networkSchema = z.strictObject({
  /** The hub's stack, as StackReference names it: organization/platform-network/network. */
  hubStack: z.string().regex(/^[\w.-]+\/[\w.-]+\/[\w.-]+$/, {
    error: "expected <organization>/<project>/<stack>, e.g. organization/platform-network/network",
  }),
  /** Role in the network account that accepts, associates and propagates this VPC's attachment. */
  hubRoleArn: roleArnSchema,
  /**
   * Optional: the hub segment this VPC joins. By default the one the hub's address plan gives this
   * environment (declared once, in the network stack); when set, it must agree.
   */
  segment: nameSchema.optional(),
});

/** Config of an environment stack (`<project>:<key>` in Pulumi.<stack>.yaml). */
export const environmentStackSchema = z
  .strictObject({
    /** The account this stack deploys into and how to reach it. */
    account: environmentSchema,
    /** Organisation tags put on every resource through the provider. */
    tags: tagsSchema,
    network: networkSchema,
    vpc: vpcSchema,
    eks: eksSchema,
    etcd: etcdSchema.optional(),
    delivery: deliverySchema.optional(),
    /** Ships every log group of the account to the log archive (@platform/log-archive). */
    logging: logSubscriptionSchema.optional(),
    /** Metrics, logs, traces, alerts and dashboards on the cluster (@platform/observability). */
    observability: observabilitySchema.optional(),
    /** The environment's private zone `<name>.<hub internal domain>` (@platform/dns). */
    dns: privateZoneSchema.optional(),
  })
  .superRefine((config, ctx) => {
    addProblems(ctx, environmentProblems(config));
  });

export type EnvironmentStackConfig = z.infer<typeof environmentStackSchema>;

/** How environment stacks load their config: which keys are secrets. */
export const ENVIRONMENT_SECRETS: LoadOptions = { secrets: [] };
