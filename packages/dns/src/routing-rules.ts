/**
 * The routing-policy rules of a record group (the records of one name and type), pure. Each rule
 * cites the Route 53 document it encodes, or says why the platform adds it; `recordSetProblems`
 * (validate.ts) runs them for every group of a zone.
 */
import { duplicates } from "@platform/core";
import type { Problem } from "@platform/core";
import type { RecordConfig } from "./schema";

export const API_RRSET =
  "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html";
export const ROUTING = "https://docs.aws.amazon.com/Route53/latest/DeveloperGuide";

/** Route 53 answers a multivalue query with at most eight healthy records. */
export const MULTIVALUE_MAX_ANSWERS = 8;

/** A name as Route 53 compares it: no trailing dot, lower case. */
export const fqdn = (name: string) => name.replace(/\.$/, "").toLowerCase();

/** Records of one name and type: the group a routing policy applies to. */
export function recordGroups(records: readonly RecordConfig[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const key = `${fqdn(r.name)} ${r.type}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return groups;
}

/**
 * One group's rules (the records of one name and type, `indexes` into `records`):
 * - one policy per group: "You can't create non-weighted resource record sets that have the same
 *   values for the Name and Type elements as weighted resource record sets" (and likewise for
 *   every policy; API_ResourceRecordSet);
 * - a simple record stands alone (one record set per name and type holds all its values);
 * - every other policy needs a SetIdentifier, unique in the group (API_ResourceRecordSet,
 *   SetIdentifier).
 */
export function groupProblems(records: readonly RecordConfig[], indexes: number[]): Problem[] {
  const group = indexes.map((i) => ({ i, r: records[i]! }));
  const policies = [...new Set(group.map((g) => g.r.routing.policy))];
  const first = group[0]!.r;
  const label = `${first.name} ${first.type}`;
  if (policies.length > 1)
    return group.slice(1).flatMap(({ i, r }) =>
      r.routing.policy === first.routing.policy
        ? []
        : [
            {
              path: [i, "routing", "policy"],
              value: r.routing.policy,
              message: `${label} already uses ${first.routing.policy} routing (record ${indexes[0]}); Route 53 refuses mixed policies within one name and type: use one policy for the group (${API_RRSET})`,
            },
          ],
    );
  const policy = first.routing.policy;
  if (policy === "simple")
    return group.slice(1).map(({ i }) => ({
      path: [i, "name"],
      value: label,
      message: `${label} already has a simple record (record ${indexes[0]}); put every value in that one record, or give the group a routing policy with set identifiers`,
    }));
  const problems: Problem[] = [];
  for (const { i, r } of group)
    if (r.setIdentifier === undefined)
      problems.push({
        path: [i, "setIdentifier"],
        value: undefined,
        message: `${policy} records need a setIdentifier that is unique among the ${label} records (${API_RRSET})`,
      });
  for (const d of duplicates(
    group.filter((g) => g.r.setIdentifier !== undefined),
    (g) => g.r.setIdentifier,
  ))
    problems.push({
      path: [d.value.i, "setIdentifier"],
      value: d.value.r.setIdentifier,
      message: `repeats the setIdentifier of record ${group.filter((g) => g.r.setIdentifier !== undefined)[d.first]!.i}; each ${label} record needs its own (${API_RRSET})`,
    });
  return [...problems, ...POLICY_RULES[policy](group, label)];
}

type GeoLocation = Extract<RecordConfig["routing"], { policy: "geolocation" }>["location"];

/** `default`, a continent code, or COUNTRY[-SUBDIVISION]. */
const locationLabel = (loc: GeoLocation): string =>
  loc === "default"
    ? "default"
    : "continent" in loc
      ? `continent ${loc.continent}`
      : [loc.country, loc.subdivision].filter(Boolean).join("-");

type Group = ReadonlyArray<{ readonly i: number; readonly r: RecordConfig }>;

const needsHealthCheck = (g: Group[number], why: string): Problem[] =>
  g.r.healthCheck === undefined
    ? [{ path: [g.i, "healthCheck"], value: undefined, message: why }]
    : [];

const POLICY_RULES: Record<
  RecordConfig["routing"]["policy"],
  (g: Group, label: string) => Problem[]
> = {
  simple: () => [],
  latency: () => [],
  /**
   * Weights 0-255 (the schema). All zero: Route 53 then answers every record with equal
   * probability (routing-policy-weighted.html), which hides a drained group: refused.
   */
  weighted: (group, label) =>
    group.every((g) => g.r.routing.policy === "weighted" && g.r.routing.weight === 0)
      ? [
          {
            path: [group[0]!.i, "routing", "weight"],
            value: 0,
            message: `every ${label} weight is 0, so Route 53 would answer them all with equal probability (${ROUTING}/routing-policy-weighted.html); give at least one record a weight above 0`,
          },
        ]
      : [],
  /**
   * Active-passive failover is one primary and one secondary (dns-failover-types.html); the
   * primary needs a health check: without one Route 53 always considers it healthy and never
   * answers the secondary.
   */
  failover: (group, label) => {
    const problems: Problem[] = [];
    for (const role of ["primary", "secondary"] as const) {
      const of = group.filter(
        (g) => g.r.routing.policy === "failover" && g.r.routing.role === role,
      );
      if (of.length !== 1)
        problems.push({
          path: [(of[1] ?? group[0]!).i, "routing", "role"],
          value: role,
          message: `${label} has ${of.length} ${role} records; failover needs exactly one primary and one secondary (${ROUTING}/dns-failover-types.html)`,
        });
      if (role === "primary" && of[0])
        problems.push(
          ...needsHealthCheck(
            of[0],
            `the ${label} primary needs a health check: without one Route 53 considers it always healthy and never fails over (${ROUTING}/dns-failover-determining-health-of-endpoints.html)`,
          ),
        );
    }
    return problems;
  },
  /**
   * A default location answers every query whose location has no record; without it Route 53
   * returns "no answer" for those (routing-policy-geo.html). Two records may not name the same
   * location (API_ResourceRecordSet, GeoLocation).
   */
  geolocation: (group, label) => {
    const locs = group.map((g) => ({
      ...g,
      loc: g.r.routing.policy === "geolocation" ? locationLabel(g.r.routing.location) : "",
    }));
    const problems: Problem[] = duplicates(locs, (g) => g.loc).map((d) => ({
      path: [d.value.i, "routing", "location"],
      value: d.value.loc,
      message: `${label} already has a record for ${d.value.loc}; each location has one record (${API_RRSET})`,
    }));
    if (!locs.some((g) => g.loc === "default"))
      problems.push({
        path: [group[0]!.i, "routing", "location"],
        value: locs.map((g) => g.loc),
        message: `${label} has no default location: Route 53 answers "no answer" to queries from every other location (${ROUTING}/routing-policy-geo.html); add a record with location default`,
      });
    return problems;
  },
  /** Exactly one of AWSRegion, LocalZoneGroup, Coordinates (API_GeoProximityLocation). */
  geoproximity: (group) =>
    group.flatMap(({ i, r }) => {
      if (r.routing.policy !== "geoproximity") return [];
      const set = (["awsRegion", "localZoneGroup", "coordinates"] as const).filter(
        (k) => r.routing.policy === "geoproximity" && r.routing[k] !== undefined,
      );
      return set.length === 1
        ? []
        : [
            {
              path: [i, "routing"],
              value: set,
              message: `a geoproximity record names exactly one of awsRegion, localZoneGroup or coordinates (https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoProximityLocation.html)`,
            },
          ];
    }),
  /**
   * Route 53 answers with up to eight healthy records (routing-policy-multivalue.html): more are
   * never all answered. A record without a health check is always considered healthy, which
   * defeats the policy; and multivalue cannot be an alias.
   */
  multivalue: (group, label) => [
    ...(group.length > MULTIVALUE_MAX_ANSWERS
      ? [
          {
            path: [group[MULTIVALUE_MAX_ANSWERS]!.i, "name"],
            value: group.length,
            message: `${label} has ${group.length} multivalue records; Route 53 answers at most ${MULTIVALUE_MAX_ANSWERS} (${ROUTING}/routing-policy-multivalue.html): use weighted routing for more endpoints`,
          },
        ]
      : []),
    ...group.flatMap((g) => [
      ...needsHealthCheck(
        g,
        `multivalue records need a health check: without one Route 53 considers the record always healthy and keeps answering it (${ROUTING}/routing-policy-multivalue.html)`,
      ),
      ...(g.r.alias
        ? [
            {
              path: [g.i, "alias"],
              value: g.r.alias.name,
              message: `multivalue answer records cannot be aliases (${API_RRSET}); use values`,
            },
          ]
        : []),
    ]),
  ],
};
