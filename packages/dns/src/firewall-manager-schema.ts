/**
 * The config of the Firewall Manager security group content audit of NLB services
 * (`SecurityGroupAudit`), re-exported by schema.ts with the package's other schemas.
 */
import { accountIdSchema, addProblems, cidrSchema } from "@platform/core";
import { z } from "zod";
import { securityGroupAuditProblems } from "./firewall-manager-rules";

/** The tag `NlbService` puts on its security group, which the audit selects by default. */
export const NLB_SECURITY_GROUP_TAG = { "platform:edge": "nlb-service" } as const;

/** Accounts and organisational units a policy applies to (or skips). */
export const fmsScopeSchema = z.strictObject({
  /** Member account ids. */
  accounts: z.array(accountIdSchema).default([]),
  /** Organisational unit ids (`ou-...`): the OU's accounts and those of its child OUs. */
  orgUnits: z
    .array(
      z.string().regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, {
        error: "expected an organisational unit id such as ou-ab12-cdef3456",
      }),
    )
    .default([]),
});

/** A rule of the reference security group the audit compares the in-scope groups with. */
export const referenceRuleSchema = z.strictObject({
  /** Inbound or outbound. Default ingress. */
  direction: z.enum(["ingress", "egress"]).default("ingress"),
  protocol: z.enum(["tcp", "udp"]),
  fromPort: z.number().int().min(0).max(65535),
  /** Default `fromPort` (one port). */
  toPort: z.number().int().min(0).max(65535).optional(),
  /** The peer: exactly one of `cidr` and `prefixListId`. */
  cidr: cidrSchema.optional(),
  prefixListId: z
    .string()
    .regex(/^pl-[0-9a-f]+$/, { error: "expected a managed prefix list id such as pl-0a1b2c3d" })
    .optional(),
  description: z.string().max(255).optional(),
});

/**
 * A Firewall Manager security group content audit policy of the NLB services' security groups,
 * created in the organisation's Firewall Manager administrator account.
 */
export const securityGroupAuditSchema = z
  .strictObject({
    /** The organisation's Firewall Manager administrator account: the only one that may create it. */
    adminAccountId: accountIdSchema,
    /**
     * ALLOW: every rule of an in-scope group must lie within the reference group's rules; DENY:
     * no rule may match one of them. Default ALLOW.
     */
    action: z.enum(["ALLOW", "DENY"]).default("ALLOW"),
    /** An existing reference security group of the administrator account (instead of `referenceRules`). */
    referenceSecurityGroupId: z
      .string()
      .regex(/^sg-[0-9a-f]+$/, { error: "expected a security group id such as sg-0a1b2c3d" })
      .optional(),
    /** The rules of a reference security group built in the administrator account's `vpcId`. */
    referenceRules: z.array(referenceRuleSchema).default([]),
    /**
     * Tags selecting the audited security groups (Firewall Manager: at most 8). Default the tag
     * `NlbService` puts on its group.
     */
    resourceTags: z
      .record(z.string().min(1).max(128), z.string().max(256))
      .default({ ...NLB_SECURITY_GROUP_TAG }),
    /** Only these accounts and OUs (instead of the whole organisation); not with `exclude`. */
    include: fmsScopeSchema.optional(),
    /** The organisation but these accounts and OUs; not with `include`. */
    exclude: fmsScopeSchema.optional(),
    /** Let Firewall Manager change non-compliant groups. Default false: audit and report only. */
    remediation: z.boolean().default(false),
  })
  .superRefine((audit, ctx) => addProblems(ctx, securityGroupAuditProblems(audit)));

export type FmsScope = z.infer<typeof fmsScopeSchema>;
export type ReferenceRule = z.infer<typeof referenceRuleSchema>;
export type SecurityGroupAuditConfig = z.infer<typeof securityGroupAuditSchema>;
export type SecurityGroupAuditConfigInput = z.input<typeof securityGroupAuditSchema>;
