/**
 * `PublicRecords` (`platform:dns:PublicRecords`): a public hosted zone (created, or an existing one
 * by id), its records with their routing policies, the health checks they use with alarms in
 * us-east-1, and DNSSEC signing as an option. Every check of validate.ts runs before any resource.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "@platform/core";
import { dnssec } from "./dnssec";
import { healthChecks } from "./health-checks";
import type { HealthAlarms } from "./health-checks";
import { publicRecordsSchema } from "./schema";
import type { PublicRecordsConfigInput, RecordConfig } from "./schema";
import { globalRegionProblems } from "./validate";

export interface PublicRecordsArgs {
  /** The zone, its records and health checks, as `publicRecordsSchema` takes them. */
  readonly config: PublicRecordsConfigInput;
  /** Names the zone's resources (`<namePrefix>-...`). */
  readonly namePrefix: string;
  readonly accountId: string;
  /**
   * us-east-1, where health-check alarms and the DNSSEC key live: its provider, the Region it is
   * configured for (checked), and the topic the alarms notify. Required by `dnssec: true`; without
   * it health checks have no alarms.
   */
  readonly global?: HealthAlarms;
  /** Protect the zone and the DNSSEC key (prod). */
  readonly protect?: boolean;
}

/** The problems `PublicRecords` refuses to build, beyond the schema's own. */
export function publicRecordsArgProblems(args: PublicRecordsArgs): Problem[] {
  const zone = publicRecordsSchema.safeParse(args.config);
  if (!zone.success)
    return zone.error.issues.map((i) => ({
      path: ["config", ...i.path.map(String)],
      value: i.input,
      message: i.message,
    }));
  const problems: Problem[] = [];
  if (zone.data.dnssec && zone.data.zoneId !== undefined)
    problems.push({
      path: ["config", "dnssec"],
      value: true,
      message:
        "signs a zone this component creates; sign an existing zone where it is managed, or drop zoneId",
    });
  if (zone.data.dnssec && !args.global)
    problems.push({
      path: ["global"],
      value: undefined,
      message: "DNSSEC needs a us-east-1 provider for its KMS key; pass global",
    });
  if (args.global)
    problems.push(
      ...globalRegionProblems(
        args.global.region,
        "global.region",
        "Route 53 health-check metrics and DNSSEC signing keys exist only in us-east-1",
      ),
    );
  return problems;
}

/** The Route 53 input of a record's routing policy. */
export function routingInputs(r: RecordConfig): Partial<aws.route53.RecordArgs> {
  const routing = r.routing;
  switch (routing.policy) {
    case "simple":
      return {};
    case "weighted":
      return { weightedRoutingPolicies: [{ weight: routing.weight }] };
    case "latency":
      return { latencyRoutingPolicies: [{ region: routing.region }] };
    case "failover":
      return { failoverRoutingPolicies: [{ type: routing.role.toUpperCase() }] };
    case "geolocation": {
      const loc = routing.location;
      // "*" is Route 53's default location (API_GeoLocation).
      return {
        geolocationRoutingPolicies: [
          loc === "default"
            ? { country: "*" }
            : "continent" in loc
              ? { continent: loc.continent }
              : { country: loc.country, subdivision: loc.subdivision },
        ],
      };
    }
    case "geoproximity":
      return {
        geoproximityRoutingPolicy: {
          awsRegion: routing.awsRegion,
          localZoneGroup: routing.localZoneGroup,
          coordinates: routing.coordinates && [
            {
              latitude: routing.coordinates.latitude.toFixed(2),
              longitude: routing.coordinates.longitude.toFixed(2),
            },
          ],
          bias: routing.bias,
        },
      };
    case "multivalue":
      return { multivalueAnswerRoutingPolicy: true };
  }
}

/** A record's logical name: its name and type, and its set identifier when it has one. */
export function recordResourceName(name: string, r: RecordConfig): string {
  const label = r.name.replace(/\.$/, "").replace(/\*/g, "wildcard");
  return [name, label, r.type.toLowerCase(), r.setIdentifier].filter(Boolean).join("-");
}

export class PublicRecords extends pulumi.ComponentResource {
  public readonly zoneId: pulumi.Output<string>;
  /** The zone's name servers (delegate the domain to them); empty for an existing zone. */
  public readonly nameServers: pulumi.Output<string[]>;
  public readonly healthCheckIds: Record<string, pulumi.Output<string>>;
  /** The DNSSEC key's ARN when the zone is signed. */
  public readonly dnssecKeyArn?: pulumi.Output<string>;

  constructor(name: string, args: PublicRecordsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dns:PublicRecords", name, {}, opts);
    const problems = publicRecordsArgProblems(args);
    if (problems.length)
      throw new pulumi.ResourceError(
        `invalid public records:\n  ${problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("\n  ")}`,
        this,
      );
    const config = publicRecordsSchema.parse(args.config);
    const child = { parent: this };

    let zoneId: pulumi.Output<string>;
    if (config.zoneId === undefined) {
      const zone = new aws.route53.Zone(
        `${name}-zone`,
        {
          name: config.zoneName,
          comment: `Public zone of ${args.namePrefix}, managed by Pulumi`,
          tags: { Name: config.zoneName },
        },
        { ...child, protect: args.protect },
      );
      // A hosted zone's id is its zone id (Z...).
      zoneId = zone.id;
      this.nameServers = zone.nameServers;
    } else {
      zoneId = pulumi.output(config.zoneId);
      this.nameServers = pulumi.output([]);
    }
    this.zoneId = zoneId;

    const checks = healthChecks(this, name, args.namePrefix, config.healthChecks, args.global);
    this.healthCheckIds = Object.fromEntries(Object.entries(checks).map(([k, c]) => [k, c.id]));

    for (const r of config.records) {
      new aws.route53.Record(
        recordResourceName(name, r),
        {
          zoneId,
          name: r.name,
          type: r.type,
          ...(r.alias ? { aliases: [r.alias] } : { records: r.values, ttl: r.ttl }),
          setIdentifier: r.setIdentifier,
          healthCheckId: r.healthCheck === undefined ? undefined : checks[r.healthCheck]!.id,
          ...routingInputs(r),
        },
        child,
      );
    }

    if (config.dnssec && args.global) {
      const signed = dnssec(this, name, {
        zoneId,
        accountId: args.accountId,
        provider: args.global.provider,
        namePrefix: args.namePrefix,
        protect: args.protect,
      });
      this.dnssecKeyArn = signed.keyArn;
    }

    this.registerOutputs({
      zoneId: this.zoneId,
      nameServers: this.nameServers,
      healthCheckIds: this.healthCheckIds,
      dnssecKeyArn: this.dnssecKeyArn,
    });
  }
}
