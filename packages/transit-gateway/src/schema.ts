/**
 * The hub's config: the Transit Gateway, its segments and the organisation's address plan. The
 * network stack composes these schemas; the config types are inferred from them.
 */
import {
  accountIdSchema,
  addProblems,
  cidrSchema,
  logRetentionDaysSchema,
  nameSchema,
  privateAsnSchema,
} from "@platform/core";
import { RAM_SHARING_MODES, SEGMENT_TIERS } from "@platform/contracts";
import { z } from "zod";
import { segmentMapProblems, transitGatewayProblems } from "./validate";

const principalSchema = z.union(
  [
    accountIdSchema,
    z
      .string()
      .regex(
        /^arn:aws[a-z-]*:organizations::\d{12}:(organization|ou)\/o-[a-z0-9]+(\/ou-[a-z0-9-]+)?$/,
      ),
  ],
  {
    error: "expected a 12-digit account id or an organisation/OU ARN",
  },
);

/** The Transit Gateway and who it is shared with. */
export const transitGatewaySchema = z
  .strictObject({
    amazonSideAsn: privateAsnSchema,
    /** Accounts or OUs the Transit Gateway is shared with (RAM). */
    shareWith: z.array(principalSchema),
    /**
     * organization: RAM sharing with AWS Organizations is enabled (docs/bootstrap/README.md);
     * invitation: each spoke stack accepts the share (account ids only).
     */
    sharing: z.enum(RAM_SHARING_MODES, {
      error: `expected ${RAM_SHARING_MODES.join(" or ")} (see docs/bootstrap/README.md, RAM sharing)`,
    }),
    flowLogsRetentionInDays: logRetentionDaysSchema,
  })
  .superRefine((tgw, ctx) => addProblems(ctx, transitGatewayProblems(tgw)));

/** One segment: its tier, the segments it may reach, and how its route table is filled. */
export const segmentSchema = z.strictObject({
  /** prod and nonprod segments may never reach each other; shared ones may reach both. */
  tier: z.enum(SEGMENT_TIERS, { error: `expected one of ${SEGMENT_TIERS.join(", ")}` }),
  /** Other segments this one may reach; must be mutual (routing is two-way). */
  reaches: z.array(z.string()),
  /** When true, attachments of this segment cannot reach each other. Default false. */
  isolated: z.boolean().optional(),
  /**
   * When true, spokes do not propagate their exact CIDRs into this segment's table but install a
   * static route for their environment's allocation. Used for the hybrid segment, so that the
   * prefixes AWS advertises over VPN (the table's routes) are the same allocations it advertises
   * over Direct Connect (the DX gateway's allowed prefixes), never more specific.
   */
  summarise: z.boolean().optional(),
});

/** Segment name -> segment; `segmentMapProblems` checks the map as a whole. */
export const segmentsSchema = z
  .record(nameSchema, segmentSchema)
  .superRefine((segments, ctx) => addProblems(ctx, segmentMapProblems(segments)));

/** The organisation's address plan: the single source for every environment's range. */
export const addressPlanSchema = z.strictObject({
  onPremises: z.array(cidrSchema).min(1, { error: "expected the on-premises ranges" }),
  sharedServices: z.array(cidrSchema),
  environments: z.record(nameSchema, z.strictObject({ cidr: cidrSchema, segment: nameSchema })),
});

export type TransitGatewayConfig = z.infer<typeof transitGatewaySchema>;
export type SegmentConfig = z.infer<typeof segmentSchema>;
export type SegmentsConfig = z.infer<typeof segmentsSchema>;
export type AddressPlanConfig = z.infer<typeof addressPlanSchema>;
