/**
 * The VPC's stack config (`vpc` in an environment stack, `sharedServices.vpc` in the network
 * stack): one schema, so every VPC the platform creates is described and validated the same way.
 * The subnet plan is checked here, before any resource exists.
 */
import { addProblems, logRetentionDaysSchema, vpcCidrSchema } from "@platform/core";
import { z } from "zod";
import { TIER_KINDS } from "./planner";
import { vpcProblems } from "./validate";

/** none: no NAT; single: one NAT gateway in the first AZ; perAz: one per AZ. */
export const NAT_STRATEGIES = ["none", "single", "perAz"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

export const vpcSchema = z
  .strictObject({
    /** The VPC's IPv4 CIDR; subnet CIDRs are planned from it (planner.ts). */
    cidr: vpcCidrSchema,
    /** How many AZs to use, in the region's order; at most `azSlots`. */
    azCount: z
      .number({ error: "expected the number of AZs, e.g. 3" })
      .int()
      .min(1, { error: "expected at least 1 AZ" }),
    /** AZ slots reserved per tier (power of two). Fixed for the VPC's life. Default 4. */
    azSlots: z
      .union([z.literal(2), z.literal(4), z.literal(8)], {
        error: "expected 2, 4 or 8 (fixed for the VPC's life)",
      })
      .default(4),
    /** none: no NAT; single: one NAT gateway in the first AZ; perAz: one per AZ. */
    natStrategy: z.enum(NAT_STRATEGIES, { error: `expected one of ${NAT_STRATEGIES.join(", ")}` }),
    /** Tiers in slot order: the first gets half the VPC (see the planner). */
    tiers: z
      .array(
        z.strictObject({
          name: z.enum(TIER_KINDS, { error: `expected one of ${TIER_KINDS.join(", ")}` }),
          prefixLength: z.number({ error: "expected a subnet prefix length such as 24" }).int(),
        }),
      )
      .min(1, { error: "expected at least one tier" }),
    /** Where the VPC's flow logs go: an encrypted CloudWatch log group, or an S3 bucket. */
    flowLogs: z.discriminatedUnion(
      "destination",
      [
        z.strictObject({
          destination: z.literal("cloudwatch"),
          retentionInDays: logRetentionDaysSchema,
        }),
        z.strictObject({
          destination: z.literal("s3"),
          bucketArn: z.string().regex(/^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/, {
            error: "expected an S3 bucket ARN, arn:aws:s3:::<bucket>",
          }),
        }),
      ],
      { error: "expected destination cloudwatch (with retentionInDays) or s3 (with bucketArn)" },
    ),
    /** Create the interface endpoints private EKS nodes need (endpoints.ts). Default true. */
    interfaceEndpoints: z.boolean({ error: "expected true or false" }).default(true),
  })
  .superRefine((vpc, ctx) => addProblems(ctx, vpcProblems(vpc)));

/** The VPC's config as validated, defaults applied. */
export type VpcConfig = z.infer<typeof vpcSchema>;
/** The VPC's config as written (defaulted keys optional): what the `Vpc` args take. */
export type VpcConfigInput = z.input<typeof vpcSchema>;
