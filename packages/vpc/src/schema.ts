/**
 * The VPC's stack config (`vpc` in an environment stack, `sharedServices.vpc` in the network
 * stack): one schema, so every VPC the platform creates is described and validated the same way.
 * The subnet plan is checked here, before any resource exists.
 */
import { cidrProblem, logRetentionDaysSchema, vpcCidrSchema } from "@platform/core";
import { z } from "zod";
import { planProblems, TIER_KINDS } from "./planner";
import { NAT_STRATEGIES } from "./vpc";

export const vpcSchema = z
  .strictObject({
    cidr: vpcCidrSchema,
    azCount: z
      .number({ error: "expected the number of AZs, e.g. 3" })
      .int()
      .min(1, { error: "expected at least 1 AZ" }),
    azSlots: z
      .union([z.literal(2), z.literal(4), z.literal(8)], {
        error: "expected 2, 4 or 8 (fixed for the VPC's life)",
      })
      .default(4),
    natStrategy: z.enum(NAT_STRATEGIES, { error: `expected one of ${NAT_STRATEGIES.join(", ")}` }),
    tiers: z
      .array(
        z.strictObject({
          name: z.enum(TIER_KINDS, { error: `expected one of ${TIER_KINDS.join(", ")}` }),
          prefixLength: z.number({ error: "expected a subnet prefix length such as 24" }).int(),
        }),
      )
      .min(1, { error: "expected at least one tier" }),
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
    interfaceEndpoints: z.boolean({ error: "expected true or false" }).default(true),
  })
  .superRefine((vpc, ctx) => {
    if (vpc.natStrategy !== "none" && !vpc.tiers.some((t) => t.name === "public")) {
      ctx.addIssue({
        code: "custom",
        path: ["natStrategy"],
        input: vpc.natStrategy,
        message: "NAT gateways live in the public tier; add a public tier or use none",
      });
    }
    if (cidrProblem(vpc.cidr)) return; // reported by the cidr field itself
    if (vpc.azCount > vpc.azSlots) {
      ctx.addIssue({
        code: "custom",
        path: ["azCount"],
        input: vpc.azCount,
        message: `exceeds azSlots (${vpc.azSlots}); raise azSlots only when creating a VPC`,
      });
      return;
    }
    for (const problem of planProblems({
      vpcCidr: vpc.cidr,
      azSlots: vpc.azSlots,
      azCount: vpc.azCount,
      tiers: vpc.tiers,
    })) {
      ctx.addIssue({
        code: "custom",
        path: ["tiers"],
        input: vpc.tiers.map((t) => `${t.name}/${t.prefixLength}`),
        message: problem,
      });
    }
  });

export type VpcConfig = z.infer<typeof vpcSchema>;
