/**
 * The config of a service exposed through a Network Load Balancer (the NlbService component),
 * re-exported by schema.ts with the package's other schemas.
 */
import { addProblems, cidrSchema } from "@platform/core";
import { z } from "zod";
import { nlbServiceProblems } from "./nlb-rules";

/** A listener of an NLB service and the target group it forwards to. */
export const nlbListenerSchema = z.strictObject({
  port: z.number().int().min(1).max(65535),
  /** TLS terminates at the NLB with `certificateArn`; TCP, UDP and TCP_UDP pass through. */
  protocol: z.enum(["TLS", "TCP", "UDP", "TCP_UDP"]),
  /** An ACM certificate, required by (and only for) TLS. */
  certificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, {
      error: "expected an ACM certificate ARN",
    })
    .optional(),
  /** The targets' port; default the listener's. */
  targetPort: z.number().int().min(1).max(65535).optional(),
  /** How the target group checks its targets (a UDP service is checked over TCP or HTTP). */
  healthCheck: z
    .strictObject({
      protocol: z.enum(["TCP", "HTTP", "HTTPS"]).default("TCP"),
      port: z.number().int().min(1).max(65535).optional(),
      path: z.string().startsWith("/").optional(),
      intervalSeconds: z.number().int().min(5).max(300).default(10),
      healthyThreshold: z.number().int().min(2).max(10).default(3),
      unhealthyThreshold: z.number().int().min(2).max(10).default(3),
    })
    .default({ protocol: "TCP", intervalSeconds: 10, healthyThreshold: 3, unhealthyThreshold: 3 }),
});

/** A service exposed through a Network Load Balancer. */
export const nlbServiceSchema = z
  .strictObject({
    /** internal (reached over the Transit Gateway) or internet-facing. Default internal. */
    scheme: z.enum(["internal", "internet-facing"]).default("internal"),
    listeners: z.array(nlbListenerSchema).min(1, { error: "expected at least one listener" }),
    /** ip (pods, ENIs) or instance targets, registered by their owner. Default ip. */
    targetType: z.enum(["ip", "instance"]).default("ip"),
    /** Who may connect: CIDRs and/or managed prefix lists (at least one source). */
    sourceCidrs: z.array(cidrSchema).default([]),
    sourcePrefixListIds: z.array(z.string().regex(/^pl-[0-9a-f]+$/)).default([]),
    /** Spread each AZ's traffic over every AZ's targets (inter-AZ data is charged). Default true. */
    crossZone: z.boolean().default(true),
    /** Refuse deletion; must stay true in prod. Default true. */
    deletionProtection: z.boolean().default(true),
    /** Days access logs (TLS listeners) are kept in the log bucket. Default 90. */
    accessLogDays: z.number().int().min(1).default(90),
    /**
     * AWS Shield Advanced protection of the NLB's Elastic IPs, one per subnet (needs the account's
     * Shield Advanced subscription, a yearly commitment with a monthly fee; internet-facing only).
     * Default: on for an internet-facing NLB in prod, off otherwise.
     */
    shieldAdvanced: z.boolean().optional(),
  })
  .superRefine((nlb, ctx) => addProblems(ctx, nlbServiceProblems(nlb)));

export type NlbServiceConfig = z.infer<typeof nlbServiceSchema>;
export type NlbServiceConfigInput = z.input<typeof nlbServiceSchema>;
