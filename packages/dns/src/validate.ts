/**
 * The DNS checks across values, pure: each returns `Problem[]` (path relative to the block it was
 * given). The schemas run them in their `superRefine`; the components run them again for programs
 * that build them without the schema. Each rule cites the Route 53 document it encodes, or says
 * why the platform adds it.
 */
import { duplicates } from "@platform/core";
import type { Problem } from "@platform/core";
import { fqdn, groupProblems, recordGroups, ROUTING } from "./routing-rules";
import type {
  HealthCheckConfig,
  HybridDnsConfig,
  PublicRecordsConfig,
  RecordConfig,
} from "./schema";

/** The Region whose KMS keys sign DNSSEC and whose CloudWatch holds health-check metrics. */
export const GLOBAL_REGION = "us-east-1";

/** A record's own shape: values xor alias, inside the zone, CNAME rules, a known health check. */
export function recordProblems(
  zone: Pick<PublicRecordsConfig, "zoneName" | "healthChecks">,
  r: RecordConfig,
): Problem[] {
  const problems: Problem[] = [];
  if ((r.values === undefined) === (r.alias === undefined))
    problems.push({
      path: ["values"],
      value: r.values,
      message: "give exactly one of values and alias",
    });
  const name = fqdn(r.name);
  const apex = fqdn(zone.zoneName);
  if (name !== apex && !name.endsWith(`.${apex}`))
    problems.push({
      path: ["name"],
      value: r.name,
      message: `is outside the zone ${zone.zoneName}; use a name ending in .${apex}`,
    });
  if (r.type === "CNAME" && name === apex)
    problems.push({
      path: ["type"],
      value: r.type,
      message: `a CNAME cannot be at the zone apex (${ROUTING}/ResourceRecordTypes.html#CNAMEFormat); use an alias record`,
    });
  if (r.healthCheck !== undefined && !(r.healthCheck in zone.healthChecks))
    problems.push({
      path: ["healthCheck"],
      value: r.healthCheck,
      message: `names no health check; use one of: ${Object.keys(zone.healthChecks).join(", ") || "(none defined in healthChecks)"}`,
    });
  return problems;
}

/** A CNAME name holds no other record (RFC 1034 section 3.6.2; Route 53 refuses it). */
function cnameProblems(records: readonly RecordConfig[]): Problem[] {
  const cnames = new Set(records.filter((r) => r.type === "CNAME").map((r) => fqdn(r.name)));
  return records.flatMap((r, i) =>
    r.type !== "CNAME" && cnames.has(fqdn(r.name))
      ? [
          {
            path: [i, "type"],
            value: r.type,
            message: `${r.name} is a CNAME, which cannot share its name with a ${r.type} record (${ROUTING}/ResourceRecordTypes.html#CNAMEFormat)`,
          },
        ]
      : [],
  );
}

/** Every problem with a zone's records (paths relative to the zone's block). */
export function recordSetProblems(
  zone: Pick<PublicRecordsConfig, "zoneName" | "healthChecks" | "records">,
): Problem[] {
  const prefixed = (i: number, ps: Problem[]) =>
    ps.map((p) => ({ ...p, path: ["records", i, ...p.path] }));
  return [
    ...zone.records.flatMap((r, i) => prefixed(i, recordProblems(zone, r))),
    ...cnameProblems(zone.records).map((p) => ({ ...p, path: ["records", ...p.path] })),
    ...[...recordGroups(zone.records).values()].flatMap((ix) =>
      groupProblems(zone.records, ix).map((p) => ({ ...p, path: ["records", ...p.path] })),
    ),
  ];
}

/**
 * An endpoint health check names its endpoint (FullyQualifiedDomainName or IPAddress), a path
 * only for HTTP(S), and a search string exactly for the *_STR_MATCH types (API_HealthCheckConfig).
 */
export function healthCheckProblems(c: HealthCheckConfig): Problem[] {
  const doc = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html";
  const problems: Problem[] = [];
  if ((c.fqdn === undefined) === (c.ipAddress === undefined))
    problems.push({
      path: ["fqdn"],
      value: c.fqdn,
      message: `give exactly one of fqdn and ipAddress (${doc})`,
    });
  if (c.type === "TCP" && c.resourcePath !== undefined)
    problems.push({
      path: ["resourcePath"],
      value: c.resourcePath,
      message: `TCP checks request no path; remove it or use an HTTP(S) type (${doc})`,
    });
  const matches = c.type.endsWith("_STR_MATCH");
  if (matches !== (c.searchString !== undefined))
    problems.push({
      path: ["searchString"],
      value: c.searchString,
      message: matches
        ? `${c.type} needs a searchString (${doc})`
        : `only *_STR_MATCH types use searchString (${doc})`,
    });
  return problems;
}

/**
 * A resource that only works in us-east-1 (the DNSSEC key-signing key's KMS key, the alarms on
 * Route 53 health-check metrics) was given a provider for another Region.
 */
export function globalRegionProblems(region: string, key: string, why: string): Problem[] {
  return region === GLOBAL_REGION
    ? []
    : [{ path: [key], value: region, message: `${why}; pass a provider for ${GLOBAL_REGION}` }];
}

/**
 * Hybrid DNS: fixed inbound addresses are distinct and at least two (Route 53 Resolver endpoints
 * need two IP addresses: "Even though the minimum is 1, Route 53 requires that you create at least
 * two", API_route53resolver_CreateResolverEndpoint); a forwarded
 * domain is unique and never the internal domain or inside it (its zones are answered in AWS; a
 * rule wins over a private zone of the same name, so forwarding it on premises would loop:
 * resolver-overview-forward-vpc-to-network.html).
 */
export function hybridDnsProblems(
  dns: Pick<HybridDnsConfig, "internalDomain" | "forward" | "inboundAddresses">,
): Problem[] {
  const problems: Problem[] = [];
  const addresses = dns.inboundAddresses ?? [];
  if (dns.inboundAddresses !== undefined && addresses.length < 2)
    problems.push({
      path: ["inboundAddresses"],
      value: addresses,
      message:
        "an endpoint needs at least two addresses in two AZs (https://docs.aws.amazon.com/Route53/latest/APIReference/API_route53resolver_CreateResolverEndpoint.html)",
    });
  for (const d of duplicates(addresses))
    problems.push({
      path: ["inboundAddresses", d.index],
      value: d.value,
      message: `repeats address ${d.first}; each AZ's address is its own`,
    });
  for (const d of duplicates(dns.forward, (f) => fqdn(f.domain)))
    problems.push({
      path: ["forward", d.index, "domain"],
      value: d.value.domain,
      message: `repeats forward ${d.first}; one rule per domain`,
    });
  const internal = fqdn(dns.internalDomain);
  dns.forward.forEach((f, i) => {
    const d = fqdn(f.domain);
    if (d === internal || d.endsWith(`.${internal}`))
      problems.push({
        path: ["forward", i, "domain"],
        value: f.domain,
        message: `overlaps the internal domain ${dns.internalDomain}, whose zones AWS answers; forward only on-premises domains`,
      });
  });
  return problems;
}
