import * as assert from "node:assert/strict";
import { check } from "../src";
import type { NetworkModel } from "../src";
import { good, withRunner } from "./fixtures";

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

  it("hold with the shared-services VPC and the deploy runner, which reaches every private API both ways", () => {
    const report = check(withRunner());
    assert.deepEqual(report.violations, []);
    for (const s of report.scenarios) {
      assert.equal(s.runnerToEnv["dev"]!.text, "shared-services VPC > shared table > dev");
      assert.equal(s.envToRunner["prod"]!.text, "prod VPC > prod table > shared-services");
    }
  });

  it("catch a prefix Direct Connect advertises that nothing routes (a shared range with nothing attached)", () => {
    // What the hub did before the shared-services VPC: 10.8.0.0/16 advertised, no route for it.
    const broken = { ...good(), dxAllowedPrefixes: [...good().dxAllowedPrefixes, "10.8.0.0/16"] };
    const found = messages(broken);
    for (const scenario of ["all-up", "vpn-dc1-down", "tunnel-dc1-1-down"])
      assert.ok(
        found.includes(
          `advertised-routable@${scenario}: Direct Connect advertises 10.8.0.0/16 but the hybrid table has no route for it: on-premises traffic to 10.8.0.0/16 is dropped at the Transit Gateway; attach what lives there or stop advertising it`,
        ),
        found.join("\n"),
      );
    // While DX is down it advertises nothing.
    assert.ok(!found.some((f) => f.startsWith("advertised-routable@dx-down")));
  });

  it("catch an advertised prefix only partly routed, and a blackholed one", () => {
    const m = good();
    const partly = {
      ...m,
      staticRoutes: [
        ...m.staticRoutes.filter((r) => r.attachment !== "dev"),
        { table: "hybrid", prefix: "10.16.0.0/16", attachment: "dev", origin: "static" as const },
      ],
    };
    assert.ok(
      messages(partly).includes(
        "advertised-routable@all-up: Direct Connect advertises 10.16.0.0/14 but the hybrid table routes only 65536 of its 262144 addresses: traffic to the rest is dropped at the Transit Gateway",
      ),
    );
    const blackholed = {
      ...m,
      staticRoutes: [
        ...m.staticRoutes.filter((r) => r.attachment !== "prod"),
        { table: "hybrid", prefix: "10.24.0.0/14", origin: "static" as const, blackhole: true },
      ],
    };
    assert.ok(
      messages(blackholed).some((f) =>
        f.startsWith(
          "advertised-routable@all-up: Direct Connect advertises 10.24.0.0/14 but the hybrid table has no route",
        ),
      ),
    );
  });

  it("catch a runner that cannot reach a private API, or that the API cannot answer", () => {
    const m = withRunner();
    // dev is no longer propagated into the shared table: the runner has no route to dev.
    const noWayThere = {
      ...m,
      propagations: m.propagations.filter((p) => !(p.attachment === "dev" && p.table === "shared")),
    };
    assert.ok(
      messages(noWayThere).includes(
        "deploy-runner-reach@all-up: the deploy runner deploy (10.8.0.0/20, 10.8.32.0/20) cannot reach dev's private Kubernetes API (10.16.0.0/16, platform-dev/dev): shared-services VPC > shared table > no route",
      ),
    );
    // prod's VPC does not route the runner's range back to the Transit Gateway.
    const noWayBack = {
      ...m,
      vpcRoutes: m.vpcRoutes.filter(
        (r) => !(r.attachment === "prod" && r.prefix === "10.8.0.0/16"),
      ),
    };
    assert.ok(
      messages(noWayBack).includes(
        "deploy-runner-reach@dx-down: the deploy runner deploy (10.8.0.0/20, 10.8.32.0/20) cannot reach prod's private Kubernetes API (10.24.0.0/16, platform-prod/prod): the way back: no VPC route from prod to 10.8.0.0/20",
      ),
    );
    // No runner at all while the APIs are private.
    const none = { ...m, deployRunner: undefined };
    assert.ok(
      messages(none).includes(
        "deploy-runner-reach@all-up: the hub exports no deploy runner, so nothing can reach dev's private Kubernetes API (10.16.0.0/16, platform-dev/dev) to deploy it",
      ),
    );
  });

  it("let the shared-services VPC live in its range, but no environment VPC", () => {
    const m = withRunner();
    const intruder = {
      ...m,
      attachments: m.attachments.map((a) => (a.id === "dev" ? { ...a, cidr: "10.8.64.0/18" } : a)),
    };
    assert.ok(
      messages(intruder).includes(
        "no-overlap: shared services 10.8.0.0/16 overlaps VPC of dev (platform-dev/dev) 10.8.64.0/18",
      ),
    );
  });
});
