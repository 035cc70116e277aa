/**
 * The environment/account model every stack shares: which account a stack deploys into, how it
 * gets there (the role to assume) and how it is classified (tier).
 */
import { SEGMENT_TIERS } from "@platform/contracts";
import { z } from "zod";
import { addProblems } from "./problems";
import type { Problem } from "./problems";

/**
 * Tiers decide isolation (nonprod never reaches prod) and how strict guardrails are: an account's
 * tier is the tier of the segment it joins, so the list is the hub contract's (one declaration).
 */
export const TIERS = SEGMENT_TIERS;
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

/** Tag keys the platform sets on every resource (see defaultTags). */
export const PLATFORM_TAG_KEYS = ["Environment", "Tier", "Owner", "CostCentre", "ManagedBy"];

/**
 * AWS tag restrictions (Tagging AWS resources, "Tag naming limits and requirements"): keys of
 * 1-128 and values of 0-256 letters, digits, spaces and _ . : / = + - @; the aws: prefix is
 * reserved; at most 50 tags per resource.
 */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const MAX_TAGS = 50;

function tagProblems(tags: {
  readonly owner: string;
  readonly costCentre: string;
  readonly extra?: Readonly<Record<string, string>>;
}): Problem[] {
  const problems: Problem[] = [];
  for (const key of ["owner", "costCentre"] as const) {
    if (tags[key].length > 256 || !TAG_TEXT.test(tags[key])) {
      problems.push({
        path: [key],
        value: tags[key],
        message:
          "is not a valid tag value; use at most 256 letters, digits, spaces or _ . : / = + - @",
      });
    }
  }
  const extra = Object.entries(tags.extra ?? {});
  for (const [key, value] of extra) {
    const path = ["extra", key];
    if (key.length < 1 || key.length > 128 || !TAG_TEXT.test(key)) {
      problems.push({
        path,
        value: key,
        message: "is not a valid tag key; use 1-128 letters, digits, spaces or _ . : / = + - @",
      });
    } else if (key.toLowerCase().startsWith("aws:")) {
      problems.push({
        path,
        value: key,
        message: "the aws: prefix is reserved for AWS; rename the tag",
      });
    } else if (PLATFORM_TAG_KEYS.includes(key)) {
      problems.push({
        path,
        value,
        message: `${key} is set by the platform on every resource; remove it from extra`,
      });
    }
    if (value.length > 256 || !TAG_TEXT.test(value)) {
      problems.push({
        path,
        value,
        message:
          "is not a valid tag value; use at most 256 letters, digits, spaces or _ . : / = + - @",
      });
    }
  }
  const limit = MAX_TAGS - PLATFORM_TAG_KEYS.length;
  if (extra.length > limit) {
    problems.push({
      path: ["extra"],
      value: extra.length,
      message: `is more than ${limit} tags; AWS allows ${MAX_TAGS} per resource and the platform sets ${PLATFORM_TAG_KEYS.length} of them`,
    });
  }
  return problems;
}

/** Organisation-wide tags; the keys are fixed so every resource can be costed and owned. */
export const tagsSchema = z
  .strictObject({
    owner: z.string().min(1, { error: "expected the owning team, e.g. platform-team" }),
    costCentre: z.string().min(1, { error: "expected a cost centre code, e.g. CC-1234" }),
    extra: z.record(z.string(), z.string()).optional(),
  })
  .superRefine((tags, ctx) => addProblems(ctx, tagProblems(tags)));

export type OrganisationTags = z.infer<typeof tagsSchema>;
