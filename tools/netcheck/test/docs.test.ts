import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { INVARIANTS, simulateAll } from "../src";
import type { NetworkModel } from "../src";
import { good, withRunner } from "./fixtures";

const readme = fs.readFileSync(path.resolve(__dirname, "..", "README.md"), "utf8");

/** The README's invariant table (prettier pads its cells): name -> description. */
const documented = new Map(
  [...readme.matchAll(/^\| `([a-z0-9-]+)` +\| (.+?) *\|$/gm)].map((m) => [m[1]!, m[2]!]),
);

/** For each invariant, a model that breaks it (and holds the others as far as possible). */
const broken: Record<string, () => NetworkModel> = {
  "no-overlap": () => ({ ...good(), onPremises: ["172.16.0.0/16", "10.16.0.0/12"] }),
  "segment-isolation": () => ({
    ...good(),
    propagations: [...good().propagations, { attachment: "prod", table: "nonprod" }],
  }),
  "onprem-reachability": () => ({
    ...good(),
    propagations: good().propagations.filter((p) => p.table !== "prod"),
  }),
  "dx-primary": () => ({
    ...good(),
    staticRoutes: [],
    propagations: [
      ...good().propagations,
      { attachment: "dev", table: "hybrid" },
      { attachment: "prod", table: "hybrid" },
    ],
  }),
  "allowed-prefixes": () => ({ ...good(), allowedPrefixQuota: 1 }),
  "return-route": () => ({
    ...good(),
    staticRoutes: good().staticRoutes.filter((r) => r.attachment !== "dev"),
  }),
  "advertised-routable": () => ({
    ...good(),
    dxAllowedPrefixes: [...good().dxAllowedPrefixes, "10.8.0.0/16"],
  }),
  "deploy-runner-reach": () => ({ ...withRunner(), deployRunner: undefined }),
  "hybrid-dns-reach": () => ({
    ...withRunner(),
    dns: { attachment: "shared", inboundAddresses: ["10.8.0.53"], forwardTargets: ["10.99.0.10"] },
  }),
};

describe("the invariants", () => {
  it("each have a unique kebab-case name and a unique description", () => {
    const names = INVARIANTS.map((i) => i.name);
    assert.deepEqual([...new Set(names)], names);
    for (const name of names) assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    const descriptions = INVARIANTS.map((i) => i.description);
    assert.deepEqual([...new Set(descriptions)], descriptions);
    for (const d of descriptions) assert.ok(d.length > 20 && d.endsWith("."), d);
  });

  it("are documented in the README's table, in order, with their descriptions", () => {
    assert.deepEqual(
      [...documented.entries()],
      INVARIANTS.map((i) => [i.name, i.description]),
    );
  });

  for (const invariant of INVARIANTS) {
    it(`${invariant.name}: holds on the correct hubs and fails on a broken one`, () => {
      assert.deepEqual(invariant.check(simulateAll(good())), []);
      assert.deepEqual(invariant.check(simulateAll(withRunner())), []);
      const model = broken[invariant.name];
      assert.ok(model, `no broken model for ${invariant.name} in this test`);
      assert.notDeepEqual(invariant.check(simulateAll(model())), []);
    });
  }

  it("reports the allowed-prefix quota it exceeds", () => {
    const findings = INVARIANTS.find((i) => i.name === "allowed-prefixes")!.check(
      simulateAll({ ...good(), allowedPrefixQuota: 1 }),
    );
    assert.deepEqual(findings, [{ message: "2 allowed prefixes exceed the quota of 1" }]);
  });
});
