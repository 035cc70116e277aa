/**
 * The DNS config: public records with every Route 53 routing policy and their health checks
 * (`publicRecordsSchema`), hybrid DNS through Route 53 Resolver in the shared-services VPC
 * (`hybridDnsSchema`, the network stack's `dns`), and an environment's private zone
 * (`privateZoneSchema`). The checks across values (validate.ts) run in each schema's
 * `superRefine`, so a stack reports them against its own key before any resource exists.
 */
import { addProblems, cidrSchema, logRetentionDaysSchema } from "@platform/core";
import { z } from "zod";
import { healthCheckProblems, hybridDnsProblems, recordSetProblems } from "./validate";

/** The record types the component publishes (Route 53 supported DNS record types). */
export const RECORD_TYPES = [
  "A",
  "AAAA",
  "CAA",
  "CNAME",
  "MX",
  "NAPTR",
  "PTR",
  "SPF",
  "SRV",
  "TXT",
] as const;

/** Route 53 geolocation continent codes (API_GeoLocation). */
export const CONTINENTS = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"] as const;

/** Route 53 health check types that the component creates (endpoint checks). */
export const HEALTH_CHECK_TYPES = [
  "HTTP",
  "HTTPS",
  "HTTP_STR_MATCH",
  "HTTPS_STR_MATCH",
  "TCP",
] as const;

const ttlSchema = z
  .number({ error: "expected a TTL in seconds, e.g. 300" })
  .int()
  .min(0, { error: "expected a TTL of at least 0 seconds" })
  .max(2147483647, { error: "expected a TTL of at most 2147483647 seconds" });

/**
 * A domain name: labels of letters, digits and hyphens (a leading `*.` for a wildcard, `_` for
 * service labels), at most 255 characters (Route 53 "DNS domain name format").
 */
const domainSchema = z
  .string({ error: "expected a domain name such as api.example.com" })
  .max(255, { error: "expected a domain name of at most 255 characters" })
  .regex(
    /^(\*\.)?([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.?$/,
    {
      error: "expected a lower-case domain name such as api.example.com",
    },
  );

/**
 * How Route 53 chooses this record among the records of the same name and type
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html).
 */
export const routingSchema = z.discriminatedUnion(
  "policy",
  [
    z.strictObject({ policy: z.literal("simple") }),
    z.strictObject({
      policy: z.literal("weighted"),
      /** 0-255: the share of answers is weight / sum of the group's weights. */
      weight: z
        .number({ error: "expected a weight from 0 to 255" })
        .int()
        .min(0, { error: "expected a weight of at least 0" })
        .max(255, { error: "expected a weight of at most 255" }),
    }),
    z.strictObject({
      policy: z.literal("latency"),
      /** The AWS Region the record's resource is in; Route 53 answers from the lowest latency. */
      region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, {
        error: "expected an AWS Region such as eu-west-1",
      }),
    }),
    z.strictObject({
      policy: z.literal("failover"),
      role: z.enum(["primary", "secondary"], { error: "expected primary or secondary" }),
    }),
    z.strictObject({
      policy: z.literal("geolocation"),
      /**
       * `default` (every location without its own record), a continent, or a country (ISO 3166
       * alpha-2) with an optional subdivision (US states, Ukrainian and other listed subdivisions).
       */
      location: z.union(
        [
          z.literal("default"),
          z.strictObject({ continent: z.enum(CONTINENTS) }),
          z.strictObject({
            country: z.string().regex(/^[A-Z]{2}$/),
            subdivision: z
              .string()
              .regex(/^[A-Z0-9]{1,3}$/)
              .optional(),
          }),
        ],
        {
          error: `expected default, { continent: ${CONTINENTS.join("|")} } or { country: DE, subdivision?: ... }`,
        },
      ),
    }),
    z.strictObject({
      policy: z.literal("geoproximity"),
      /** Exactly one of awsRegion, localZoneGroup, coordinates (validate.ts). */
      awsRegion: z.string().optional(),
      localZoneGroup: z.string().optional(),
      coordinates: z
        .strictObject({
          latitude: z.number().min(-90).max(90),
          longitude: z.number().min(-180).max(180),
        })
        .optional(),
      /** -99..99: positive grows the region that routes here, negative shrinks it. Default 0. */
      bias: z
        .number({ error: "expected a bias from -99 to 99" })
        .int()
        .min(-99, { error: "expected a bias of at least -99" })
        .max(99, { error: "expected a bias of at most 99" })
        .default(0),
    }),
    z.strictObject({ policy: z.literal("multivalue") }),
  ],
  {
    error:
      "expected policy simple, weighted, latency, failover, geolocation, geoproximity or multivalue",
  },
);

/** One Route 53 record set: its name, type, answer (values or an alias) and routing policy. */
export const recordSchema = z.strictObject({
  /** The fully qualified name, inside the zone. */
  name: domainSchema,
  type: z.enum(RECORD_TYPES, { error: `expected one of ${RECORD_TYPES.join(", ")}` }),
  /** The answer values; exactly one of values and alias. */
  values: z.array(z.string().min(1)).min(1, { error: "expected at least one value" }).optional(),
  /** An alias to an AWS resource (an NLB, another record); no TTL. */
  alias: z
    .strictObject({
      name: z.string().min(1),
      zoneId: z.string().min(1),
      evaluateTargetHealth: z.boolean().default(true),
    })
    .optional(),
  /** TTL of a values record, default 300; an alias record has the target's TTL. */
  ttl: ttlSchema.default(300),
  /** Distinguishes records of the same name and type; required by every policy but simple. */
  setIdentifier: z.string().min(1).max(128).optional(),
  /** The key of a health check in `healthChecks` that decides whether this record is answered. */
  healthCheck: z.string().optional(),
  /** The routing policy; default simple. */
  routing: routingSchema.default({ policy: "simple" }),
});

/** A Route 53 endpoint health check, alarmed on in us-east-1. */
export const healthCheckSchema = z
  .strictObject({
    type: z.enum(HEALTH_CHECK_TYPES, { error: `expected one of ${HEALTH_CHECK_TYPES.join(", ")}` }),
    /** The endpoint: a domain name or an IPv4 address (exactly one). */
    fqdn: domainSchema.optional(),
    ipAddress: z.ipv4({ error: "expected an IPv4 address" }).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** The path requested by HTTP(S) checks, default `/`. */
    resourcePath: z.string().startsWith("/").max(255).optional(),
    /** The string *_STR_MATCH checks look for in the first 5,120 bytes of the body. */
    searchString: z.string().min(1).max(255).optional(),
    /** Consecutive failures before the endpoint is unhealthy (1-10), default 3. */
    failureThreshold: z.number().int().min(1).max(10).default(3),
    /** Seconds between checks: 10 (fast, billed extra) or 30, default 30. */
    requestInterval: z.union([z.literal(10), z.literal(30)]).default(30),
  })
  .superRefine((check, ctx) => addProblems(ctx, healthCheckProblems(check)));

/** A public hosted zone's records, their health checks and DNSSEC signing. */
export const publicRecordsSchema = z
  .strictObject({
    /** The zone's domain; every record's name lies inside it. */
    zoneName: domainSchema,
    /** Create the hosted zone (true), or look up an existing one by its id (`zoneId`). */
    zoneId: z.string().optional(),
    records: z.array(recordSchema).default([]),
    healthChecks: z.record(z.string(), healthCheckSchema).default({}),
    /** Sign the zone with DNSSEC (a created zone only), its key in us-east-1. Default false. */
    dnssec: z.boolean().default(false),
  })
  .superRefine((zone, ctx) => addProblems(ctx, recordSetProblems(zone)));

/** A domain answered on premises, forwarded by the outbound endpoint. */
export const forwardSchema = z.strictObject({
  domain: domainSchema,
  /** The on-premises resolvers (port 53 unless given). */
  targets: z
    .array(
      z.strictObject({
        ip: z.ipv4({ error: "expected an on-premises resolver's IPv4 address" }),
        port: z.number().int().min(1).max(65535).default(53),
      }),
    )
    .min(1, { error: "expected at least one on-premises resolver" }),
});

/** Resolver query logging to an encrypted log group, shipped to the central logs (query-logging.ts). */
export const queryLoggingSchema = z.strictObject({
  /** Days the log group keeps the queries (a CloudWatch Logs retention). Default 365. */
  retentionInDays: logRetentionDaysSchema.default(365),
  /** VPCs of this account and Region logged besides the shared-services VPC. */
  vpcIds: z.array(z.string().regex(/^vpc-[0-9a-f]+$/, { error: "expected a VPC id" })).default([]),
});

/** Hybrid DNS in the shared-services VPC (the network stack's `dns`). */
export const hybridDnsSchema = z
  .strictObject({
    /** The internal domain: each environment's private zone is `<env>.<internalDomain>`. */
    internalDomain: domainSchema,
    /** Domains resolved on premises: a forwarding rule each, shared with the environments. */
    forward: z.array(forwardSchema).default([]),
    /**
     * Fixed inbound endpoint addresses, one per AZ, in the private subnets (on premises
     * configures them as forwarders, so they should not change). Default: assigned by AWS.
     */
    inboundAddresses: z.array(z.ipv4()).optional(),
    /** Ranges allowed to query the endpoints on 53; default the address plan's ranges. */
    allowedCidrs: z.array(cidrSchema).optional(),
    /** Log the queries of the shared-services VPC (and `vpcIds`); off unless given. */
    queryLogging: queryLoggingSchema.optional(),
  })
  .superRefine((dns, ctx) => addProblems(ctx, hybridDnsProblems(dns)));

/** An environment's private hosted zone (`<env>.<internalDomain>`). */
export const privateZoneSchema = z.strictObject({
  /** Associate the zone with the hub's shared-services VPC so the inbound endpoint answers it. */
  shareWithHub: z.boolean().default(true),
  /** Associate the hub's shared forwarding rules with the environment's VPC. */
  associateRules: z.boolean().default(true),
});

export type Routing = z.infer<typeof routingSchema>;
export type RecordConfig = z.infer<typeof recordSchema>;
export type RecordConfigInput = z.input<typeof recordSchema>;
export type HealthCheckConfig = z.infer<typeof healthCheckSchema>;
export type PublicRecordsConfig = z.infer<typeof publicRecordsSchema>;
export type PublicRecordsConfigInput = z.input<typeof publicRecordsSchema>;
export type HybridDnsConfig = z.infer<typeof hybridDnsSchema>;
export type HybridDnsConfigInput = z.input<typeof hybridDnsSchema>;
export type QueryLoggingConfig = z.infer<typeof queryLoggingSchema>;
export type PrivateZoneConfig = z.infer<typeof privateZoneSchema>;

export * from "./nlb-schema";
export * from "./firewall-manager-schema";
