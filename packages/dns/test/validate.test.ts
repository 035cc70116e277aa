import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  healthCheckSchema,
  hybridDnsSchema,
  MULTIVALUE_MAX_ANSWERS,
  publicRecordsSchema,
  recordSchema,
  recordSetProblems,
} from "../src";
import type { PublicRecordsConfigInput, RecordConfigInput } from "../src";

const ZONE = "example.com";
const check = { type: "HTTPS", fqdn: "eu.example.com", resourcePath: "/healthz" } as const;

/** The zone's problems as the schema reports them: path and message. */
function problems(records: RecordConfigInput[], extra: Partial<PublicRecordsConfigInput> = {}) {
  const parsed = publicRecordsSchema.safeParse({
    zoneName: ZONE,
    healthChecks: { eu: check, us: { ...check, fqdn: "us.example.com" } },
    records,
    ...extra,
  });
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

const rec = (routing: RecordConfigInput["routing"], more: Partial<RecordConfigInput> = {}) =>
  ({
    name: "api.example.com",
    type: "A",
    values: ["192.0.2.1"],
    routing,
    ...more,
  }) as RecordConfigInput;

/** One valid group per policy. */
const VALID: Record<string, RecordConfigInput[]> = {
  simple: [rec({ policy: "simple" }, { values: ["192.0.2.1", "192.0.2.2"] })],
  weighted: [
    rec({ policy: "weighted", weight: 200 }, { setIdentifier: "blue" }),
    rec({ policy: "weighted", weight: 0 }, { setIdentifier: "green" }),
  ],
  latency: [
    rec({ policy: "latency", region: "eu-west-1" }, { setIdentifier: "eu", healthCheck: "eu" }),
    rec({ policy: "latency", region: "us-east-1" }, { setIdentifier: "us" }),
  ],
  failover: [
    rec({ policy: "failover", role: "primary" }, { setIdentifier: "p", healthCheck: "eu" }),
    rec({ policy: "failover", role: "secondary" }, { setIdentifier: "s" }),
  ],
  geolocation: [
    rec({ policy: "geolocation", location: { continent: "EU" } }, { setIdentifier: "eu" }),
    rec(
      { policy: "geolocation", location: { country: "US", subdivision: "CA" } },
      { setIdentifier: "ca" },
    ),
    rec({ policy: "geolocation", location: "default" }, { setIdentifier: "default" }),
  ],
  geoproximity: [
    rec({ policy: "geoproximity", awsRegion: "eu-west-1", bias: 20 }, { setIdentifier: "eu" }),
    rec(
      { policy: "geoproximity", coordinates: { latitude: 40.7, longitude: -74 } },
      { setIdentifier: "ny" },
    ),
  ],
  multivalue: [
    rec({ policy: "multivalue" }, { setIdentifier: "a", healthCheck: "eu" }),
    rec({ policy: "multivalue" }, { setIdentifier: "b", healthCheck: "us", values: ["192.0.2.9"] }),
  ],
};

describe("public record validation", () => {
  for (const [policy, records] of Object.entries(VALID))
    it(`accepts a valid ${policy} group`, () => assert.deepEqual(problems(records), []));

  it("refuses two policies within one name and type, naming the first", () => {
    assert.deepEqual(
      problems([
        VALID["weighted"]![0]!,
        rec({ policy: "latency", region: "eu-west-1" }, { setIdentifier: "x" }),
      ]),
      [
        "records.1.routing.policy: api.example.com A already uses weighted routing (record 0); Route 53 refuses mixed policies within one name and type: use one policy for the group (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html)",
      ],
    );
  });

  it("keeps groups apart by type: an A and a AAAA of one name may use different policies", () => {
    assert.deepEqual(
      problems([
        ...VALID["weighted"]!,
        rec({ policy: "simple" }, { type: "AAAA", values: ["2001:db8::1"] }),
      ]),
      [],
    );
  });

  it("refuses a second simple record of a name and type", () => {
    assert.match(
      problems([rec({ policy: "simple" }), rec({ policy: "simple" })])[0]!,
      /^records\.1\.name: .*already has a simple record/,
    );
  });

  it("needs set identifiers, unique in the group", () => {
    assert.deepEqual(
      problems([
        rec({ policy: "weighted", weight: 1 }, { setIdentifier: "a" }),
        rec({ policy: "weighted", weight: 1 }, { setIdentifier: "a" }),
        rec({ policy: "weighted", weight: 1 }),
      ]).map((p) => p.split(":")[0]),
      ["records.2.setIdentifier", "records.1.setIdentifier"],
    );
  });

  it("refuses weights out of 0-255 and a group whose weights are all zero", () => {
    assert.match(
      problems([rec({ policy: "weighted", weight: 256 }, { setIdentifier: "a" })])[0]!,
      /records\.0\.routing\.weight: expected a weight of at most 255/,
    );
    assert.match(
      problems([
        rec({ policy: "weighted", weight: 0 }, { setIdentifier: "a" }),
        rec({ policy: "weighted", weight: 0 }, { setIdentifier: "b" }),
      ])[0]!,
      /records\.0\.routing\.weight: every api\.example\.com A weight is 0/,
    );
  });

  it("needs exactly one primary (health-checked) and one secondary", () => {
    const [primary, secondary] = VALID["failover"]!;
    assert.match(
      problems([primary!])[0]!,
      /has 0 secondary records; failover needs exactly one primary and one secondary/,
    );
    assert.match(
      problems([primary!, secondary!, { ...secondary!, setIdentifier: "s2" }])[0]!,
      /^records\.2\.routing\.role: api\.example\.com A has 2 secondary records/,
    );
    assert.match(
      problems([{ ...primary!, healthCheck: undefined }, secondary!])[0]!,
      /^records\.0\.healthCheck: the api\.example\.com A primary needs a health check/,
    );
  });

  it("needs a default location and one record per location", () => {
    const [eu, ca] = VALID["geolocation"]!;
    assert.match(
      problems([eu!, ca!])[0]!,
      /^records\.0\.routing\.location: .*has no default location/,
    );
    assert.match(
      problems([...VALID["geolocation"]!, { ...eu!, setIdentifier: "eu2" }])[0]!,
      /^records\.3\.routing\.location: api\.example\.com A already has a record for continent EU/,
    );
  });

  it("takes exactly one geoproximity location and a bias within -99..99", () => {
    assert.match(
      problems([
        rec(
          { policy: "geoproximity", awsRegion: "eu-west-1", localZoneGroup: "x" },
          { setIdentifier: "a" },
        ),
      ])[0]!,
      /exactly one of awsRegion, localZoneGroup or coordinates/,
    );
    assert.match(
      problems([
        rec({ policy: "geoproximity", awsRegion: "eu-west-1", bias: 100 }, { setIdentifier: "a" }),
      ])[0]!,
      /expected a bias of at most 99/,
    );
  });

  it("health-checks every multivalue record and allows at most eight", () => {
    assert.match(
      problems([rec({ policy: "multivalue" }, { setIdentifier: "a" })])[0]!,
      /^records\.0\.healthCheck: multivalue records need a health check/,
    );
    const nine = Array.from({ length: MULTIVALUE_MAX_ANSWERS + 1 }, (_, i) =>
      rec(
        { policy: "multivalue" },
        { setIdentifier: `m${i}`, healthCheck: "eu", values: [`192.0.2.${i + 1}`] },
      ),
    );
    assert.deepEqual(problems(nine), [
      "records.8.name: api.example.com A has 9 multivalue records; Route 53 answers at most 8 (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-multivalue.html): use weighted routing for more endpoints",
    ]);
  });

  it("refuses unknown health checks, names outside the zone, values with an alias, and CNAME conflicts", () => {
    assert.match(
      problems([rec({ policy: "simple" }, { healthCheck: "nope" })])[0]!,
      /records\.0\.healthCheck: names no health check; use one of: eu, us/,
    );
    assert.match(
      problems([rec({ policy: "simple" }, { name: "api.example.org" })])[0]!,
      /is outside the zone example\.com/,
    );
    assert.match(
      problems([rec({ policy: "simple" }, { alias: { name: "nlb.aws", zoneId: "Z1" } })])[0]!,
      /give exactly one of values and alias/,
    );
    assert.match(
      problems([
        rec(
          { policy: "simple" },
          { type: "CNAME", name: "example.com", values: ["x.example.org"] },
        ),
      ])[0]!,
      /a CNAME cannot be at the zone apex/,
    );
    assert.match(
      problems([
        rec({ policy: "simple" }),
        rec({ policy: "simple" }, { type: "CNAME", values: ["x.example.org"] }),
      ])[0]!,
      /is a CNAME, which cannot share its name with a A record/,
    );
  });

  describe("properties", () => {
    const weights = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 12 });
    const weighted = (ws: number[]) =>
      ws.map((w, i) => rec({ policy: "weighted", weight: w }, { setIdentifier: `w${i}` }));

    it("a weighted group is valid exactly when some weight is above zero", () => {
      fc.assert(
        fc.property(weights, (ws) => {
          assert.equal(
            problems(weighted(ws)).length === 0,
            ws.some((w) => w > 0),
          );
        }),
        { numRuns: 500 },
      );
    });

    it("whether a zone is valid does not depend on the order of its records", () => {
      const all = Object.values(VALID).flat();
      fc.assert(
        fc.property(fc.shuffledSubarray(all), (records) => {
          const parsed = publicRecordsSchema.parse({
            zoneName: ZONE,
            healthChecks: { eu: check, us: { ...check, fqdn: "us.example.com" } },
          });
          const forward = recordSetProblems({
            ...parsed,
            records: records.map((r) => parseRecord(r)),
          });
          const backward = recordSetProblems({
            ...parsed,
            records: [...records].reverse().map((r) => parseRecord(r)),
          });
          assert.equal(forward.length === 0, backward.length === 0);
        }),
        { numRuns: 300 },
      );
    });

    it("a duplicated set identifier is always reported, whatever the policy", () => {
      const groups = Object.entries(VALID).filter(([p]) => p !== "simple");
      fc.assert(
        fc.property(fc.constantFrom(...groups), ([, records]) => {
          const dup = { ...records[records.length - 1]!, setIdentifier: records[0]!.setIdentifier };
          assert.ok(
            problems([...records, dup]).some((p) =>
              /repeats the setIdentifier of record 0/.test(p),
            ),
          );
        }),
      );
    });

    it("every multivalue group of 1-8 health-checked records is valid, and more is refused", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), (n) => {
          const group = Array.from({ length: n }, (_, i) =>
            rec(
              { policy: "multivalue" },
              { setIdentifier: `m${i}`, healthCheck: i % 2 ? "eu" : "us" },
            ),
          );
          assert.equal(problems(group).length === 0, n <= MULTIVALUE_MAX_ANSWERS);
        }),
      );
    });
  });
});

const parseRecord = (r: RecordConfigInput) => recordSchema.parse(r);

describe("health check validation", () => {
  it("names exactly one endpoint, a path only for HTTP(S), a search string exactly for *_STR_MATCH", () => {
    const issues = (c: object) => {
      const r = healthCheckSchema.safeParse(c);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    assert.deepEqual(issues(check), []);
    assert.match(
      issues({ type: "TCP", port: 53 })[0]!,
      /^fqdn: give exactly one of fqdn and ipAddress/,
    );
    assert.match(
      issues({ type: "TCP", ipAddress: "192.0.2.1", resourcePath: "/" })[0]!,
      /^resourcePath: TCP checks request no path/,
    );
    assert.match(
      issues({ type: "HTTPS_STR_MATCH", fqdn: "a.example.com" })[0]!,
      /^searchString: HTTPS_STR_MATCH needs a searchString/,
    );
    assert.match(
      issues({ ...check, searchString: "ok" })[0]!,
      /^searchString: only \*_STR_MATCH types use searchString/,
    );
  });
});

describe("hybrid DNS validation", () => {
  const issues = (c: object) => {
    const r = hybridDnsSchema.safeParse({ internalDomain: "aws.example.internal", ...c });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };
  const forward = (domain: string) => ({ domain, targets: [{ ip: "172.16.0.10" }] });

  it("accepts on-premises domains and two fixed inbound addresses", () => {
    assert.deepEqual(
      issues({
        forward: [forward("corp.example.com")],
        inboundAddresses: ["10.8.0.10", "10.8.16.10"],
      }),
      [],
    );
  });

  it("refuses a forward of the internal domain or inside it, repeated domains, and fewer than two addresses", () => {
    assert.match(
      issues({ forward: [forward("dev.aws.example.internal")] })[0]!,
      /^forward\.0\.domain: overlaps the internal domain/,
    );
    assert.match(
      issues({ forward: [forward("corp.example.com"), forward("corp.example.com.")] })[0]!,
      /^forward\.1\.domain: repeats forward 0/,
    );
    assert.match(
      issues({ inboundAddresses: ["10.8.0.10"] })[0]!,
      /^inboundAddresses: an endpoint needs at least two addresses/,
    );
    assert.match(
      issues({ inboundAddresses: ["10.8.0.10", "10.8.0.10"] })[0]!,
      /^inboundAddresses\.1: repeats address 0/,
    );
  });
});
