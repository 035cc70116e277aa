/**
 * Search (Amazon OpenSearch Service) config: none, a provisioned domain in private subnets of the
 * archive account, or a serverless collection reached through a VPC endpoint. `search: none` (the
 * plain string) still reads as `{ kind: none }`. Checks across values are in validate.ts.
 */
import { addProblems, cidrSchema, logRetentionDaysSchema } from "@platform/core";
import { z } from "zod";
import { searchDomainProblems, searchServerlessProblems } from "./validate";

const vpcIdSchema = z
  .string({ error: "expected a VPC id such as vpc-0123456789abcdef0" })
  .regex(/^vpc-[0-9a-f]{8,17}$/, { error: "expected a VPC id such as vpc-0123456789abcdef0" });
const subnetIdSchema = z
  .string({ error: "expected a subnet id such as subnet-0123456789abcdef0" })
  .regex(/^subnet-[0-9a-f]{8,17}$/, {
    error: "expected a subnet id such as subnet-0123456789abcdef0",
  });
const roleArnSchema = z
  .string({ error: "expected an IAM role ARN" })
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
    error: "expected an IAM role ARN such as arn:aws:iam::700000000007:role/search-admin",
  });
/** Who may reach the endpoint on 443 (security group ingress); never 0.0.0.0/0 (validate.ts). */
const allowedCidrsSchema = z
  .array(cidrSchema)
  .min(1, { error: "expected at least one CIDR that may reach the endpoint on 443" });

/**
 * A domain name: 3-28 characters, a lower-case letter first, then lower-case letters, digits or
 * hyphens (OpenSearch Service API, CreateDomain, DomainName).
 */
const DOMAIN_NAME = /^[a-z][a-z0-9-]{2,27}$/;
/** Collection, policy and VPC endpoint names of OpenSearch Serverless: `^[a-z][a-z0-9-]{2,31}$`. */
const SERVERLESS_NAME = /^[a-z][a-z0-9-]{2,31}$/;

export const searchDomainSchema = z
  .strictObject({
    kind: z.literal("domain"),
    domainName: z
      .string()
      .regex(DOMAIN_NAME, {
        error: "expected 3-28 lower-case letters, digits or hyphens, starting with a letter",
      })
      .default("platform-logs"),
    /** `OpenSearch_X.Y`. */
    engineVersion: z
      .string()
      .regex(/^OpenSearch_\d+\.\d+$/, { error: "expected OpenSearch_X.Y, e.g. OpenSearch_2.19" })
      .default("OpenSearch_2.19"),
    vpcId: vpcIdSchema,
    /** One private subnet per Availability Zone: 2 or 3 (the zone count, validate.ts). */
    subnetIds: z.array(subnetIdSchema),
    allowedCidrs: allowedCidrsSchema,
    /** Data nodes: a multiple of the zone count. */
    instanceType: z
      .string()
      .regex(/\.search$/, {
        error: "expected an OpenSearch instance type such as r7g.large.search",
      })
      .default("r7g.large.search"),
    instanceCount: z.number().int({ error: "expected a whole number of data nodes" }),
    /** Dedicated master nodes (3 or 5); none by default. */
    dedicatedMaster: z
      .strictObject({
        instanceType: z.string().regex(/\.search$/, {
          error: "expected an OpenSearch instance type such as m7g.large.search",
        }),
        count: z.number().int(),
      })
      .optional(),
    /** gp3 EBS volume per data node, in GiB. */
    volumeSizeGb: z.number().int().min(10, { error: "expected at least 10 GiB" }).default(100),
    /** The fine-grained access control master user (an IAM role; the internal user database is off). */
    masterUserRoleArn: roleArnSchema,
    /** Roles the domain access policy admits besides the master user (es:ESHttp*). */
    accessRoleArns: z.array(roleArnSchema).default([]),
    /** The log group receiving the application, index and search slow logs. */
    logRetentionInDays: logRetentionDaysSchema.default(365),
    /** Protect the domain and its key from deletion. Default true. */
    protect: z.boolean().default(true),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, searchDomainProblems(cfg)));

export const SERVERLESS_COLLECTION_TYPES = ["TIMESERIES", "SEARCH"] as const;

export const searchServerlessSchema = z
  .strictObject({
    kind: z.literal("serverless"),
    collectionName: z
      .string()
      .regex(SERVERLESS_NAME, {
        error: "expected 3-32 lower-case letters, digits or hyphens, starting with a letter",
      })
      .default("platform-logs"),
    /** TIMESERIES (log analytics) or SEARCH. */
    type: z
      .enum(SERVERLESS_COLLECTION_TYPES, { error: "expected TIMESERIES or SEARCH" })
      .default("TIMESERIES"),
    /** The VPC endpoint's VPC and subnets (1-6) through which the collection is reached. */
    vpcId: vpcIdSchema,
    subnetIds: z.array(subnetIdSchema),
    allowedCidrs: allowedCidrsSchema,
    /** IAM principals (role or user ARNs) of the data access policy. */
    principals: z
      .array(
        z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/, {
          error: "expected an IAM role or user ARN",
        }),
      )
      .min(1, { error: "expected at least one principal that may read and write the collection" }),
    /** Standby replicas in a second zone. Default true. */
    standbyReplicas: z.boolean().default(true),
    /** Protect the collection and its key from deletion. Default true. */
    protect: z.boolean().default(true),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, searchServerlessProblems(cfg)));

export const searchNoneSchema = z.strictObject({ kind: z.literal("none") });

/** none (default), domain or serverless; the plain string `none` is `{ kind: none }`. */
export const searchSchema = z.preprocess(
  (value) => (value === "none" ? { kind: "none" } : value),
  z.discriminatedUnion("kind", [searchNoneSchema, searchDomainSchema, searchServerlessSchema], {
    error: "expected none, or an object with kind domain or serverless (see the README)",
  }),
);

export type SearchDomainConfig = z.infer<typeof searchDomainSchema>;
export type SearchServerlessConfig = z.infer<typeof searchServerlessSchema>;
export type SearchConfig = z.infer<typeof searchSchema>;
