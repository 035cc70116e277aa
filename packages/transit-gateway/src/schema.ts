/**
 * The hub's config: the Transit Gateway, its segments and the organisation's address plan. The
 * network stack composes these schemas; the config types are inferred from them.
 */
import {
  accountIdSchema,
  cidrSchema,
  logRetentionDaysSchema,
  nameSchema,
  privateAsnSchema,
} from "@platform/core";
import { RAM_SHARING_MODES, SEGMENT_TIERS } from "@platform/contracts";
import { z } from "zod";

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
export const transitGatewaySchema = z.strictObject({
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
});

/** Segment name -> tier, the segments it may reach, and whether it is isolated. */
export const segmentsSchema = z.record(
  nameSchema,
  z.strictObject({
    tier: z.enum(SEGMENT_TIERS, { error: `expected one of ${SEGMENT_TIERS.join(", ")}` }),
    reaches: z.array(z.string()),
    isolated: z.boolean().optional(),
    summarise: z.boolean().optional(),
  }),
);

/** The organisation's address plan: the single source for every environment's range. */
export const addressPlanSchema = z.strictObject({
  onPremises: z.array(cidrSchema).min(1, { error: "expected the on-premises ranges" }),
  sharedServices: z.array(cidrSchema),
  environments: z.record(nameSchema, z.strictObject({ cidr: cidrSchema, segment: nameSchema })),
});

export type TransitGatewayConfig = z.infer<typeof transitGatewaySchema>;
export type SegmentsConfig = z.infer<typeof segmentsSchema>;
export type AddressPlanConfig = z.infer<typeof addressPlanSchema>;
