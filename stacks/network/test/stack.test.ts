import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  describeAccountStack,
  expectConfigRejected,
  planStack,
  resourcesOfType,
  stackConfig,
} from "@platform/testing";

const c = { dir: path.resolve(__dirname, ".."), stack: "network" };
const file = "Pulumi.network.yaml";

describeAccountStack(c);

describe(`platform-network hub (${file})`, () => {
  it("creates the hub with a route table per configured segment and exports the spoke contract", async () => {
    const run = await planStack(c);
    const tables = resourcesOfType(run, "aws:ec2transitgateway/routeTable:RouteTable");
    assert.deepEqual(
      tables.map((t) => (t.inputs["tags"] as Record<string, string>)["Segment"]).sort(),
      ["hybrid", "nonprod", "prod", "shared"],
    );
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "accountId",
      "addressPlan",
      "amazonSideAsn",
      "hybridAlarmTopicArn",
      "onPremisesRouterConfig",
      "region",
      "segments",
      "transitGatewayArn",
      "transitGatewayId",
    ]);
    const tgw = resourcesOfType(run, "aws:ec2transitgateway/transitGateway:TransitGateway")[0]!;
    assert.equal(tgw.protect, true);
    assert.equal(
      resourcesOfType(run, "aws:ram/principalAssociation:PrincipalAssociation").length,
      3,
    );
  });

  const tgw = stackConfig(c, "transitGateway");
  const plan = stackConfig(c, "addressPlan") as {
    environments: Record<string, unknown>;
    onPremises: string[];
  };
  const segments = stackConfig(c, "segments");

  it("rejects an ASN outside the private ranges", () =>
    expectConfigRejected(
      c,
      { "platform-network:transitGateway": { ...tgw, amazonSideAsn: 7224 } },
      `${file}: platform-network:transitGateway.amazonSideAsn = 7224: is outside the private ASN ranges; use 64512-65534 or 4200000000-4294967294`,
    ));

  it("rejects overlapping ranges in the address plan, naming both", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:addressPlan": {
          ...plan,
          environments: { ...plan.environments, qa: { cidr: "10.17.0.0/16", segment: "nonprod" } },
        },
      },
      `${file}: platform-network:addressPlan.environments.qa.cidr = "10.17.0.0/16": overlaps addressPlan.environments.dev.cidr (10.16.0.0/14); every range in the address plan must be disjoint`,
    ));

  it("rejects a malformed CIDR", () =>
    expectConfigRejected(
      c,
      { "platform-network:addressPlan": { ...plan, onPremises: ["172.16.0.0/33"] } },
      `${file}: platform-network:addressPlan.onPremises[0] = "172.16.0.0/33": is not an IPv4 CIDR in a.b.c.d/n form`,
    ));

  it("rejects an environment in an unknown segment", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:addressPlan": {
          ...plan,
          environments: { ...plan.environments, qa: { cidr: "10.28.0.0/14", segment: "dmz" } },
        },
      },
      `${file}: platform-network:addressPlan.environments.qa.segment = "dmz": is not a segment; known segments: prod, nonprod, shared, hybrid`,
    ));

  it("rejects segments that let nonprod reach prod", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:segments": {
          ...segments,
          prod: { tier: "prod", reaches: ["shared", "hybrid", "nonprod"] },
          nonprod: { tier: "nonprod", reaches: ["shared", "hybrid", "prod"] },
        },
      },
      "segment prod (prod) may not reach nonprod (nonprod): prod and nonprod stay isolated",
    ));
});

describe(`platform-network hybrid connectivity (${file})`, () => {
  const hybrid = stackConfig(c, "hybrid") as { directConnect: Record<string, unknown> };

  it("creates DX, two VPNs, their alarms and the failover composite alarm, with no secret in the plan", async () => {
    const run = await planStack(c);
    assert.equal(
      resourcesOfType(run, "aws:directconnect/transitVirtualInterface:TransitVirtualInterface")
        .length,
      1,
    );
    assert.equal(resourcesOfType(run, "aws:ec2/vpnConnection:VpnConnection").length, 2);
    assert.equal(resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 8);
    assert.equal(resourcesOfType(run, "aws:cloudwatch/compositeAlarm:CompositeAlarm").length, 1);
    const vpn = resourcesOfType(run, "aws:ec2/vpnConnection:VpnConnection")[0]!;
    assert.equal(vpn.inputs["tunnel1PresharedKey"], "[secret]");
    assert.ok(!JSON.stringify(run).includes("OfflinePlanSecret0Placeholder"));
    const cfg = run.outputs["onPremisesRouterConfig"] as { prefixesAwsAdvertisesOverDx: string[] };
    assert.deepEqual(cfg.prefixesAwsAdvertisesOverDx, [
      "10.16.0.0/14",
      "10.20.0.0/14",
      "10.24.0.0/14",
      "10.8.0.0/16",
    ]);
  });

  it("rejects a VLAN out of range", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          directConnect: { ...hybrid.directConnect, vlan: 5000 },
        },
      },
      `${file}: platform-network:hybrid.directConnect.vlan = 5000: must be a VLAN id from 1 to 4094`,
    ));

  it("rejects a DX gateway ASN equal to the Transit Gateway's", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          directConnect: { ...hybrid.directConnect, gatewayAsn: 64512 },
        },
      },
      `${file}: platform-network:hybrid.directConnect.gatewayAsn = 64512: equals the Transit Gateway's ASN`,
    ));

  it("rejects a missing pre-shared key, naming the command that sets it", () =>
    expectConfigRejected(
      c,
      { "platform-network:vpnPsk-dc2-edge-2": undefined },
      `${file}: platform-network:vpnPsk-dc2-edge-2 is missing; expected a secret: pulumi config set --secret vpnPsk-dc2-edge-2 <value>`,
    ));

  it("rejects a pre-shared key stored in plain text", () =>
    expectConfigRejected(
      c,
      { "platform-network:vpnPsk-dc1-edge-1": "plaintextkey1" },
      `${file}: platform-network:vpnPsk-dc1-edge-1 is stored in plain text; expected a secret`,
    ));
});
