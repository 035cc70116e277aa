import {
  accountIdSchema,
  cidrProblem,
  cidrSchema,
  environmentSchema,
  findOverlaps,
  loadStackConfig,
  nameSchema,
  privateAsnSchema,
  tagsSchema,
} from "@platform/core";
import { SEGMENT_TIERS, segmentProblems } from "@platform/transit-gateway";
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

export const networkStackSchema = z
  .strictObject({
    account: environmentSchema,
    tags: tagsSchema,
    transitGateway: z.strictObject({
      amazonSideAsn: privateAsnSchema,
      /** Accounts or OUs the Transit Gateway is shared with (RAM). */
      shareWith: z.array(principalSchema),
      flowLogsRetentionInDays: z.number().int().positive(),
    }),
    /** Segment name -> tier, the segments it may reach, and whether it is isolated. */
    segments: z.record(
      nameSchema,
      z.strictObject({
        tier: z.enum(SEGMENT_TIERS, { error: `expected one of ${SEGMENT_TIERS.join(", ")}` }),
        reaches: z.array(z.string()),
        isolated: z.boolean().optional(),
        summarise: z.boolean().optional(),
      }),
    ),
    /** The organisation's address plan: the single source for every environment's range. */
    addressPlan: z.strictObject({
      onPremises: z.array(cidrSchema).min(1, { error: "expected the on-premises ranges" }),
      sharedServices: z.array(cidrSchema),
      environments: z.record(nameSchema, z.strictObject({ cidr: cidrSchema, segment: nameSchema })),
    }),
  })
  .superRefine((cfg, ctx) => {
    for (const problem of segmentProblems(cfg.segments)) {
      ctx.addIssue({
        code: "custom",
        path: ["segments"],
        input: Object.keys(cfg.segments),
        message: problem,
      });
    }
    for (const [env, allocation] of Object.entries(cfg.addressPlan.environments)) {
      if (!cfg.segments[allocation.segment]) {
        ctx.addIssue({
          code: "custom",
          path: ["addressPlan", "environments", env, "segment"],
          input: allocation.segment,
          message: `is not a segment; known segments: ${Object.keys(cfg.segments).join(", ")}`,
        });
      }
    }
    const entries = [
      ...cfg.addressPlan.onPremises.map((cidr, i) => ({
        label: `addressPlan.onPremises[${i}]`,
        cidr,
      })),
      ...cfg.addressPlan.sharedServices.map((cidr, i) => ({
        label: `addressPlan.sharedServices[${i}]`,
        cidr,
      })),
      ...Object.entries(cfg.addressPlan.environments).map(([env, a]) => ({
        label: `addressPlan.environments.${env}.cidr`,
        cidr: a.cidr,
      })),
    ].filter((e) => !cidrProblem(e.cidr));
    for (const [a, b] of findOverlaps(entries)) {
      ctx.addIssue({
        code: "custom",
        path: b.label
          .split(/\.|\[|\]/)
          .filter(Boolean)
          .map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
        input: b.cidr,
        message: `overlaps ${a.label} (${a.cidr}); every range in the address plan must be disjoint`,
      });
    }
  });

/** The validated config of the hub; invalid config throws here, before any resource exists. */
export const config = loadStackConfig(networkStackSchema);
