/**
 * The log archive's config: the archive bucket, collection from every account, the audit trail,
 * the security alarms, the forwarder and search; and, for every other account, the subscription
 * that ships its log groups to the archive. Stacks compose these schemas. Checks across values
 * are in validate.ts and run in the schemas' superRefine.
 */
import { addProblems, logRetentionDaysSchema } from "@platform/core";
import { z } from "zod";
import { FORWARDER_FORMATS } from "./forwarder/parse";
import { searchSchema } from "./search-schema";
import {
  alertingProblems,
  archiveStorageProblems,
  collectionProblems,
  forwarderProblems,
  searchIndexProblems,
  subscriptionProblems,
} from "./validate";

export {
  SERVERLESS_COLLECTION_TYPES,
  searchDomainSchema,
  searchNoneSchema,
  searchSchema,
  searchServerlessSchema,
} from "./search-schema";
export type { SearchConfig, SearchDomainConfig, SearchServerlessConfig } from "./search-schema";

const accountIdSchema = z
  .string({ error: "expected a 12-digit AWS account id" })
  .regex(/^\d{12}$/, { error: "expected a 12-digit AWS account id" });

const days = (what: string) =>
  z
    .number({ error: `expected ${what} as a whole number of days` })
    .int({ error: "expected a whole number of days" })
    .min(1, { error: "expected at least 1 day" });

/** S3 bucket names: 3-63 lower-case letters, digits, dots and hyphens (S3 naming rules). */
export const bucketNameSchema = z
  .string({ error: "expected an S3 bucket name" })
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    error: "expected an S3 bucket name: 3-63 lower-case letters, digits, dots or hyphens",
  });

export const OBJECT_LOCK_MODES = ["GOVERNANCE", "COMPLIANCE"] as const;

export const archiveStorageSchema = z
  .strictObject({
    /** The archive bucket; its server access logs go to `<bucketName>-access-logs`. */
    bucketName: bucketNameSchema,
    /**
     * Object Lock default retention. GOVERNANCE: users with s3:BypassGovernanceRetention may
     * delete early; COMPLIANCE: nobody can, not even the root user, until the days pass.
     */
    objectLock: z
      .strictObject({
        mode: z.enum(OBJECT_LOCK_MODES, { error: "expected GOVERNANCE or COMPLIANCE" }),
        days: days("the default retention"),
      })
      .default({ mode: "GOVERNANCE", days: 365 }),
    /** Days after creation of each transition (each optional) and of expiry (lifecycle.ts). */
    lifecycle: z
      .strictObject({
        standardIaDays: days("the transition to Standard-IA").optional(),
        glacierInstantRetrievalDays: days("the transition to Glacier Instant Retrieval").optional(),
        glacierFlexibleRetrievalDays: days(
          "the transition to Glacier Flexible Retrieval",
        ).optional(),
        deepArchiveDays: days("the transition to Glacier Deep Archive").optional(),
        expireDays: days("expiry"),
      })
      .default({ standardIaDays: 30, glacierFlexibleRetrievalDays: 90, expireDays: 2555 }),
    /** Days a noncurrent version is kept. Default 30. */
    noncurrentDays: days("noncurrent version expiry").default(30),
    /** Protect the key and the archive bucket from deletion. Default true. */
    protect: z.boolean().default(true),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, archiveStorageProblems(cfg)));

/** Firehose's index rotation periods for an OpenSearch Service destination (IndexRotationPeriod). */
export const INDEX_ROTATION_PERIODS = [
  "NoRotation",
  "OneHour",
  "OneDay",
  "OneWeek",
  "OneMonth",
] as const;

/** How Firehose indexes the logs into search (used only with `search` domain or serverless). */
export const searchIndexSchema = z
  .strictObject({
    /** The index (domain: with the rotation's date suffix Firehose appends). */
    indexName: z.string({ error: "expected an index name" }).default("cloudwatch-logs"),
    /** Domain only (a serverless destination takes no rotation). */
    rotation: z
      .enum(INDEX_ROTATION_PERIODS, {
        error: `expected one of ${INDEX_ROTATION_PERIODS.join(", ")}`,
      })
      .default("OneDay"),
    /** How long Firehose retries a failed delivery before the documents go to the bucket only. */
    retrySeconds: z.number().int().default(300),
    bufferingSizeMb: z.number().int().default(5),
    bufferingIntervalSeconds: z.number().int().default(60),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, searchIndexProblems(cfg)));

export const SEARCH_INDEX_DEFAULTS = {
  indexName: "cloudwatch-logs",
  rotation: "OneDay",
  retrySeconds: 300,
  bufferingSizeMb: 5,
  bufferingIntervalSeconds: 60,
} as const;

/** Firehose's buffering hints: 1-128 MiB and 0-900 seconds (Firehose API, BufferingHints). */
export const collectionSchema = z
  .strictObject({
    /** The CloudWatch Logs destination every account's subscription points at. */
    destinationName: z
      .string({ error: "expected a destination name" })
      .regex(/^[^:*]{1,512}$/, { error: "expected 1-512 characters without ':' or '*'" })
      .default("platform-log-archive"),
    /** Accounts allowed to subscribe (their log groups ship to the archive). */
    sourceAccounts: z.array(accountIdSchema).default([]),
    /** Or the whole organisation (aws:PrincipalOrgID), e.g. o-a1b2c3d4e5. */
    organizationId: z
      .string()
      .regex(/^o-[a-z0-9]{10,32}$/, { error: "expected an organisation id such as o-a1b2c3d4e5" })
      .optional(),
    bufferingSizeMb: z.number().int().default(5),
    bufferingIntervalSeconds: z.number().int().default(300),
    /** S3 key prefix of the delivered logs. */
    prefix: z.string().default("cloudwatch-logs/"),
    /** With search on: how the stream indexes into it (it then backs every record up here). */
    searchIndex: searchIndexSchema.default(SEARCH_INDEX_DEFAULTS),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, collectionProblems(cfg)));

/** Chatbot's logging levels (to CloudWatch Logs). */
export const CHAT_LOGGING_LEVELS = ["ERROR", "INFO", "NONE"] as const;

export const TRAIL_SCOPES = ["organization", "account"] as const;

export const auditSchema = z.strictObject({
  trailName: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,127}$/, {
      error: "expected 3-128 letters, digits, periods, underscores or hyphens",
    })
    .default("platform-audit"),
  /**
   * organization: an organisation trail (the archive account must be CloudTrail's delegated
   * administrator); account: a trail of the archive account only.
   */
  scope: z.enum(TRAIL_SCOPES, { error: "expected organization or account" }).default("account"),
  /** The trail's CloudWatch log group, which the security alarms' metric filters read. */
  retentionInDays: logRetentionDaysSchema.default(365),
});

export const alertingSchema = z
  .strictObject({
    topicName: z.string().default("platform-security-alarms"),
    /** Email subscriptions (each recipient confirms by email). */
    emails: z.array(z.email({ error: "expected an email address" })).default([]),
    /** HTTPS endpoints subscribed to the topic (each confirms the subscription, see the README). */
    webhooks: z
      .array(
        z.url({
          protocol: /^https$/,
          error:
            "expected an https:// URL (SNS delivers to HTTPS endpoints that confirm the subscription)",
        }),
      )
      .default([]),
    /** A Slack channel notified through AWS Chatbot (the workspace is authorised in its console first). */
    slack: z
      .strictObject({
        /** The Slack workspace (team) id, e.g. T07EA123LEP. */
        workspaceId: z.string().regex(/^[A-Z0-9]{9,15}$/, {
          error: "expected a Slack workspace id such as T07EA123LEP",
        }),
        /** The channel id (channel details in Slack), e.g. C07EZ1ABC23. */
        channelId: z.string().regex(/^[A-Z0-9]{9,15}$/, {
          error: "expected a Slack channel id such as C07EZ1ABC23",
        }),
        /** The Chatbot configuration's name. */
        configurationName: z
          .string()
          .regex(/^[A-Za-z0-9-_]{1,128}$/, {
            error: "expected 1-128 letters, digits, hyphens or underscores",
          })
          .default("platform-security-alarms"),
        loggingLevel: z
          .enum(CHAT_LOGGING_LEVELS, { error: "expected ERROR, INFO or NONE" })
          .default("ERROR"),
      })
      .optional(),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, alertingProblems(cfg)));

export const forwarderSchema = z
  .strictObject({
    /** The log group the forwarded lines land in. */
    logGroupName: z.string().default("/platform/log-archive/forwarded"),
    retentionInDays: logRetentionDaysSchema.default(365),
    /** Buckets (in the archive account) whose new objects are forwarded. */
    sourceBuckets: z
      .array(
        z.strictObject({
          bucketName: bucketNameSchema,
          /** alb: Application Load Balancer access logs; syslog: RFC 5424 lines (on-premises files). */
          format: z.enum(FORWARDER_FORMATS, {
            error: `expected one of ${FORWARDER_FORMATS.join(", ")}`,
          }),
        }),
      )
      .min(1, { error: "expected at least one source bucket" }),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, forwarderProblems(cfg)));

export const logArchiveSchema = z.strictObject({
  storage: archiveStorageSchema,
  collection: collectionSchema.default({
    destinationName: "platform-log-archive",
    sourceAccounts: [],
    bufferingSizeMb: 5,
    bufferingIntervalSeconds: 300,
    prefix: "cloudwatch-logs/",
    searchIndex: SEARCH_INDEX_DEFAULTS,
  }),
  audit: auditSchema.default({
    trailName: "platform-audit",
    scope: "account",
    retentionInDays: 365,
  }),
  alerting: alertingSchema.default({
    topicName: "platform-security-alarms",
    emails: [],
    webhooks: [],
  }),
  forwarder: forwarderSchema.optional(),
  /** OpenSearch: none (default), a VPC domain or a serverless collection (search-schema.ts). */
  search: searchSchema.default({ kind: "none" }),
});

/** An account's subscription of all its log groups to the archive's destination. */
export const logSubscriptionSchema = z
  .strictObject({
    /** The archive's destination, arn:aws:logs:<region>:<account>:destination:<name>. */
    destinationArn: z.string({ error: "expected the archive's destination ARN" }),
    /** Log groups left out (at most 50, the policy's selection criteria). */
    excludeLogGroups: z.array(z.string()).default([]),
    /** CloudWatch Logs filter pattern; empty forwards every event. */
    filterPattern: z.string().default(""),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, subscriptionProblems(cfg)));

export type ArchiveStorageConfig = z.infer<typeof archiveStorageSchema>;
export type CollectionConfig = z.infer<typeof collectionSchema>;
export type SearchIndexConfig = z.infer<typeof searchIndexSchema>;
export type AuditConfig = z.infer<typeof auditSchema>;
export type AlertingConfig = z.infer<typeof alertingSchema>;
export type ForwarderConfig = z.infer<typeof forwarderSchema>;
export type LogArchiveConfig = z.infer<typeof logArchiveSchema>;
export type LogSubscriptionConfig = z.infer<typeof logSubscriptionSchema>;
