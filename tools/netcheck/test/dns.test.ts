import * as assert from "node:assert/strict";
import { check, reportMarkdown } from "../src";
import type { NetworkModel } from "../src";
import { withRunner } from "./fixtures";

/** The runner's hub with hybrid DNS in its shared-services VPC. */
const withDns = (): NetworkModel => ({
  ...withRunner(),
  dns: {
    attachment: "shared",
    inboundAddresses: ["10.8.0.53", "10.8.32.53"],
    forwardTargets: ["172.16.0.10"],
  },
});
const messages = (m: NetworkModel) =>
  check(m)
    .violations.filter((v) => v.invariant === "hybrid-dns-reach")
    .map((v) => `${v.scenario ? `${v.scenario}: ` : ""}${v.message}`);

describe("hybrid DNS in the network verification", () => {
  it("holds in every failover scenario and answers with a report row per scenario", () => {
    const report = check(withDns());
    assert.deepEqual(messages(withDns()), []);
    const dxDown = report.scenarios.find((s) => s.scenario === "dx-down")!;
    assert.deepEqual(dxDown.dns, {
      inbound: {
        reachable: true,
        link: "vpn",
        text: "VPN dc1+dc2 (ECMP) > hybrid table > shared-services",
      },
      outbound: dxDown.envToOnPrem["shared-services"],
    });
    assert.ok(dxDown.dns!.outbound.reachable);
    assert.match(
      reportMarkdown(report),
      /\| on-premises resolvers → Resolver inbound endpoint \| VPN dc1\+dc2 \(ECMP\) > hybrid table > shared-services \|/,
    );
  });

  it("fails when on-premises loses the way to the inbound endpoint", () => {
    const m = withDns();
    const broken = {
      ...m,
      staticRoutes: m.staticRoutes.filter((r) => r.attachment !== "shared"),
    };
    assert.ok(
      messages(broken).some((x) =>
        /^all-up: on-premises resolvers cannot reach the Resolver inbound endpoint/.test(x),
      ),
      messages(broken).join("\n"),
    );
  });

  it("fails on addresses outside the endpoints' VPC and targets outside on-premises", () => {
    const m = withDns();
    assert.deepEqual(
      messages({
        ...m,
        dns: {
          attachment: "shared",
          inboundAddresses: ["10.16.0.53"],
          forwardTargets: ["10.99.0.10"],
        },
      }).filter((x) => x.startsWith("all-up")),
      [
        "all-up: the inbound endpoint address 10.16.0.53 lies in no attached VPC holding the Resolver endpoints",
        "all-up: the forwarding target 10.99.0.10 is outside the on-premises ranges (172.16.0.0/16): nothing routes DNS queries to it",
      ],
    );
  });

  it("says nothing about a hub without hybrid DNS", () => {
    assert.equal(check(withRunner()).scenarios[0]!.dns, undefined);
  });
});
