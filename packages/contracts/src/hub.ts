/**
 * The hub contract: what the network stack exports and every environment stack and the network
 * verification read. Environment stacks read the hub; the hub never reads them. Declared once,
 * here, with the schema that checks it where it is read (a StackReference in a spoke, a plan file
 * in tools/netcheck).
 */
import { z } from "zod";

/** Segment tiers: prod and nonprod never reach each other; shared segments reach both. */
export const SEGMENT_TIERS = ["prod", "nonprod", "shared"] as const;
export type SegmentTier = (typeof SEGMENT_TIERS)[number];

/**
 * The isolation rule, declared once: traffic may never cross between a prod and a nonprod
 * segment, in either direction (transit-gateway's segment validation, the guardrail
 * `tgw-segment-isolation` and the network verification all apply this function). Tiers are
 * strings here so a policy can apply it to tags it reads.
 */
export function crossesProdBoundary(a: string, b: string): boolean {
  return (a === "prod" && b === "nonprod") || (a === "nonprod" && b === "prod");
}

/** The per-segment Transit Gateway route resources a spoke creates, by what they do. */
export const SEGMENT_ROUTE_KINDS = ["associate", "propagate", "summary"] as const;
export type SegmentRouteKind = (typeof SEGMENT_ROUTE_KINDS)[number];

/**
 * The logical name of a spoke's association, propagation or summary route for a segment. A spoke
 * in an environment account reads the hub's route table ids from a StackReference, so nothing in
 * its own stack tags them: the guardrail reads the segment back from this name
 * (`segmentOfRouteName`).
 */
export function segmentRouteName(spoke: string, kind: SegmentRouteKind, segment: string): string {
  return `${spoke}-${kind}-${segment}`;
}

/** The segment a name made by `segmentRouteName` is for; undefined for any other name. */
export function segmentOfRouteName(name: string): string | undefined {
  return SEGMENT_ROUTE_NAME.exec(name)?.[1];
}

const SEGMENT_ROUTE_NAME = new RegExp(`-(?:${SEGMENT_ROUTE_KINDS.join("|")})-([a-z0-9-]+)$`);

/** How the hub shares its Transit Gateway through AWS RAM (see @platform/transit-gateway). */
export const RAM_SHARING_MODES = ["organization", "invitation"] as const;
export type RamSharingMode = (typeof RAM_SHARING_MODES)[number];

export const hubOutputsSchema = z.object({
  accountId: z.string(),
  region: z.string(),
  transitGatewayId: z.string(),
  transitGatewayArn: z.string(),
  amazonSideAsn: z.number(),
  /** Per segment: its route table and the segments an attachment of it propagates into. */
  segments: z.record(
    z.string(),
    z.object({
      tier: z.enum(SEGMENT_TIERS),
      routeTableId: z.string(),
      propagateTo: z.array(z.string()),
      summariseInto: z.array(z.string()).default([]),
    }),
  ),
  /** The organisation's address plan, owned by the network stack. */
  addressPlan: z.object({
    onPremises: z.array(z.string()),
    sharedServices: z.array(z.string()),
    environments: z.record(z.string(), z.object({ cidr: z.string(), segment: z.string() })),
  }),
  /**
   * How the hub shares the Transit Gateway (RAM): with `invitation` the spoke accepts `shareArn`
   * before attaching. Absent for a hub planned before sharing modes: organisation sharing.
   */
  ram: z
    .object({ mode: z.enum(RAM_SHARING_MODES), shareArn: z.string().optional() })
    .refine((r) => r.mode !== "invitation" || r.shareArn !== undefined, {
      error: "invitation sharing needs the share's ARN (shareArn) for the spoke to accept",
    })
    .optional(),
  /**
   * The runner environment stacks deploy from (`eks.apiAccess.deployFrom: runner`): a
   * CodeBuild-hosted GitHub Actions runner in the shared-services VPC. Absent when the hub has none.
   */
  deployRunner: z
    .object({
      /** The CodeBuild project; workflows run on `codebuild-<projectName>-<run id>-<attempt>`. */
      projectName: z.string(),
      /** The segment of the shared-services VPC's attachment. */
      segment: z.string(),
      /** The shared-services VPC's CIDR. */
      vpcCidr: z.string(),
      /** The subnets its builds run in: the source addresses clusters must allow on 443. */
      cidrs: z.array(z.string()),
      /** The ranges the runner's VPC routes to the Transit Gateway. */
      routes: z.array(z.string()),
    })
    .optional(),
  /**
   * Direct Connect, when the hub has it: the allowed-prefix quota per DX gateway association
   * that the hub's config declares (the network verification checks the advertised prefixes fit).
   */
  directConnect: z.object({ allowedPrefixQuota: z.number().int().positive() }).optional(),
  /**
   * The network account's read-only CloudWatch role (DX and VPN metrics and alarms), which each
   * environment's Grafana role may assume (@platform/observability network-metrics.ts): its trust
   * admits only the environment accounts' Grafana roles. Absent for a hub planned before it.
   */
  networkMetrics: z.object({ readRoleArn: z.string() }).optional(),
  /**
   * Hybrid DNS, when the hub has it (@platform/dns `HybridDns` in the shared-services VPC): each
   * environment's private zone is `<env>.<internalDomain>`, associated with `vpcId` so the inbound
   * endpoint answers it on premises; the forwarding rules of the on-premises domains, shared
   * through RAM (`shareArn`), are associated with every environment VPC.
   */
  dns: z
    .object({
      internalDomain: z.string(),
      /** The shared-services VPC the private zones are associated with. */
      vpcId: z.string(),
      /** The inbound endpoint's addresses (on premises forwards the internal domain to them). */
      inboundAddresses: z.array(z.string()),
      /** Forwarding rule id by on-premises domain. */
      ruleIds: z.record(z.string(), z.string()),
      shareArn: z.string().optional(),
    })
    .optional(),
});

export type HubOutputs = z.infer<typeof hubOutputsSchema>;

/**
 * The hub's outputs, checked: a missing or malformed output fails naming where they came from,
 * each key, and the fix.
 */
export function parseHubOutputs(raw: unknown, from: string): HubOutputs {
  const parsed = hubOutputsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new Error(
    `${from} does not export what spokes need (deploy or re-plan the network stack first):\n  ${lines.join("\n  ")}`,
  );
}
