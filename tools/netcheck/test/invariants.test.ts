import * as assert from "node:assert/strict";
import { check } from "../src";
import type { Attachment, NetworkModel } from "../src";

const net = "platform-network/network";
const A = (a: Partial<Attachment> & Pick<Attachment, "id" | "kind">): Attachment => ({
  stack: net,
  ...a,
});

/** A small hub: dev (nonprod) and prod VPCs, DX and two VPNs in hybrid, summarised allocations. */
function good(): NetworkModel {
  return {
    segments: {
      prod: { tier: "prod" },
      nonprod: { tier: "nonprod" },
      shared: { tier: "shared" },
      hybrid: { tier: "shared" },
    },
    attachments: [
      A({
        id: "dev",
        kind: "vpc",
        stack: "platform-dev/dev",
        environment: "dev",
        cidr: "10.16.0.0/16",
        associatedWith: "nonprod",
      }),
      A({
        id: "prod",
        kind: "vpc",
        stack: "platform-prod/prod",
        environment: "prod",
        cidr: "10.24.0.0/16",
        associatedWith: "prod",
      }),
      A({ id: "dx", kind: "dx", associatedWith: "hybrid" }),
      A({ id: "vpn1", kind: "vpn", device: "dc1", tunnels: 2, associatedWith: "hybrid" }),
      A({ id: "vpn2", kind: "vpn", device: "dc2", tunnels: 2, associatedWith: "hybrid" }),
    ],
    staticRoutes: [
      { table: "hybrid", prefix: "10.16.0.0/14", attachment: "dev", origin: "static" },
      { table: "hybrid", prefix: "10.24.0.0/14", attachment: "prod", origin: "static" },
    ],
    propagations: [
      { attachment: "dev", table: "nonprod" },
      { attachment: "prod", table: "prod" },
      ...["dx", "vpn1", "vpn2"].flatMap((a) =>
        ["nonprod", "prod", "shared"].map((table) => ({ attachment: a, table })),
      ),
    ],
    vpcRoutes: [
      { attachment: "dev", routeTable: "dev-private-a", prefix: "172.16.0.0/16" },
      { attachment: "prod", routeTable: "prod-private-a", prefix: "172.16.0.0/16" },
    ],
    dxAllowedPrefixes: ["10.16.0.0/14", "10.24.0.0/14"],
    onPremises: ["172.16.0.0/16"],
    sharedServices: [],
    allowedPrefixQuota: 200,
  };
}

const messages = (m: NetworkModel) =>
  check(m).violations.map(
    (v) => `${v.invariant}${v.scenario ? `@${v.scenario}` : ""}: ${v.message}`,
  );

describe("network invariants", () => {
  it("hold for a correct hub in every scenario", () => {
    const report = check(good());
    assert.deepEqual(report.violations, []);
    assert.deepEqual(
      report.scenarios.map((s) => s.scenario),
      ["all-up", "dx-down", "vpn-dc1-down", "dx-and-vpn-dc1-down", "tunnel-dc1-1-down"],
    );
    const dxDown = report.scenarios[1]!;
    assert.equal(dxDown.onPremToEnv["prod"]!.text, "VPN dc1+dc2 (ECMP) > hybrid table > prod");
    assert.equal(dxDown.envToOnPrem["dev"]!.text, "VPC > nonprod table > VPN dc1 | VPN dc2");
    assert.equal(report.scenarios[4]!.onPremToEnv["dev"]!.link, "dx");
  });

  it("catch a prod attachment propagated into nonprod, naming stacks, prefixes and tables", () => {
    const m = good();
    const broken = {
      ...m,
      propagations: [...m.propagations, { attachment: "prod", table: "nonprod" }],
    };
    assert.ok(
      messages(broken).includes(
        "segment-isolation@all-up: dev (nonprod, platform-dev/dev) reaches prod (prod, 10.24.0.0/16) through the nonprod route table",
      ),
    );
  });

  it("catch a VPN advertising more specific prefixes than DX (asymmetric return)", () => {
    const m = good();
    // Spokes propagate their exact /16 into hybrid instead of summarising: VPN advertises /16s.
    const broken = {
      ...m,
      staticRoutes: [],
      propagations: [
        ...m.propagations,
        { attachment: "dev", table: "hybrid" },
        { attachment: "prod", table: "hybrid" },
      ],
    };
    assert.ok(
      messages(broken).includes(
        "dx-primary@all-up: DX is up but dev (10.16.0.0/16) uses VPN from on-premises and DX back (on-premises learns 10.16.0.0/16, 10.24.0.0/16 over VPN vs 10.16.0.0/14, 10.24.0.0/14 over DX)",
      ),
    );
  });

  it("catch a missing allowed prefix", () => {
    const broken = { ...good(), dxAllowedPrefixes: ["10.16.0.0/14"] };
    const found = messages(broken);
    assert.ok(
      found.includes(
        "allowed-prefixes: VPC of prod (10.24.0.0/16, platform-prod/prod) is not covered by any Direct Connect allowed prefix (10.16.0.0/14); on-premises cannot reach it over DX",
      ),
    );
    assert.ok(found.some((f) => f.startsWith("dx-primary@all-up: DX is up but prod")));
  });

  it("catch overlapping supernets and on-premises ranges", () => {
    const m = good();
    const broken = {
      ...m,
      attachments: m.attachments.map((a) =>
        a.id === "prod" ? { ...a, cidr: "10.16.128.0/17" } : a,
      ),
      onPremises: ["172.16.0.0/16", "10.16.0.0/12"],
    };
    const found = messages(broken);
    assert.ok(
      found.includes(
        "no-overlap: VPC of dev (platform-dev/dev) 10.16.0.0/16 overlaps VPC of prod (platform-prod/prod) 10.16.128.0/17",
      ),
    );
    assert.ok(
      found.some((f) => f.startsWith("no-overlap: on-premises 10.16.0.0/12 overlaps VPC of dev")),
    );
  });

  it("catch a VPC route to on-premises without a route back", () => {
    const m = good();
    const broken = { ...m, staticRoutes: m.staticRoutes.filter((r) => r.attachment !== "dev") };
    const found = messages(broken);
    assert.ok(
      found.includes(
        "return-route: dev-private-a (platform-dev/dev) sends 172.16.0.0/16 to on-premises but the hybrid table (DX) has no route back to 10.16.0.0/16",
      ),
    );
    assert.ok(
      found.some((f) =>
        f.startsWith(
          "onprem-reachability@all-up: dev (10.16.0.0/16, platform-dev/dev) is unreachable from on-premises",
        ),
      ),
    );
  });
});
