/**
 * The environment/account model every stack shares: which account a stack deploys into, how it
 * gets there (the role to assume) and how it is classified (tier).
 */
import { z } from "zod";

/** Tiers decide isolation (nonprod never reaches prod) and how strict guardrails are. */
export const TIERS = ["prod", "nonprod", "shared"] as const;
export type Tier = (typeof TIERS)[number];

export const accountIdSchema = z
  .string({ error: 'expected a 12-digit AWS account id in quotes, e.g. "123456789012"' })
  .regex(/^\d{12}$/, {
    error: 'expected a 12-digit AWS account id in quotes, e.g. "123456789012"',
  });

export const regionSchema = z
  .string({ error: "expected an AWS region name such as eu-west-1" })
  .regex(/^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/, {
    error: "expected an AWS region name such as eu-west-1",
  });

export const roleArnSchema = z
  .string({ error: "expected an IAM role ARN, arn:aws:iam::<account-id>:role/<name>" })
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
    error: "expected an IAM role ARN, arn:aws:iam::<account-id>:role/<name>",
  });

export const nameSchema = z
  .string({ error: "expected a lower-case name (letters, digits, hyphens), e.g. dev" })
  .regex(/^[a-z][a-z0-9-]{1,20}$/, {
    error:
      "expected a lower-case name of 2-21 letters, digits or hyphens starting with a letter, e.g. dev",
  });

/** The `account` block of every stack's config. */
export const environmentSchema = z
  .strictObject({
    name: nameSchema,
    accountId: accountIdSchema,
    region: regionSchema,
    roleArn: roleArnSchema,
    tier: z.enum(TIERS, { error: `expected one of ${TIERS.join(", ")}` }),
  })
  .superRefine((env, ctx) => {
    const roleAccount = /::(\d{12}):/.exec(env.roleArn)?.[1];
    if (roleAccount && roleAccount !== env.accountId) {
      ctx.addIssue({
        code: "custom",
        path: ["roleArn"],
        input: env.roleArn,
        message: `is in account ${roleAccount} but accountId is ${env.accountId}; use a role in the stack's own account`,
      });
    }
  });

export type Environment = z.infer<typeof environmentSchema>;

/** Organisation-wide tags; the keys are fixed so every resource can be costed and owned. */
export const tagsSchema = z.strictObject({
  owner: z.string().min(1, { error: "expected the owning team, e.g. platform-team" }),
  costCentre: z.string().min(1, { error: "expected a cost centre code, e.g. CC-1234" }),
  extra: z.record(z.string(), z.string()).optional(),
});

export type OrganisationTags = z.infer<typeof tagsSchema>;
