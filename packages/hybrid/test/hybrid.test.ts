import * as assert from "node:assert/strict";
import { alarmTimingProblems, metricPublication } from "@platform/core";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resourceNamed, resourcesOfType, runProgram, topicPublishing } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { HybridConnectivity } from "../src";
import type { HybridConnectivityArgs } from "../src";
import { CONFIG, PLAN, TGW_ASN } from "./fixtures";

function plan(overrides: Partial<HybridConnectivityArgs> = {}): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("network", { region: "eu-west-1" });
      const hybrid = new HybridConnectivity(
        "hybrid",
        {
          config: CONFIG,
          transitGatewayAsn: TGW_ASN,
          addressPlan: PLAN,
          attachedSharedVpcs: ["10.8.0.0/20"],
          hybridSummarises: true,
          transitGatewayId: "tgw-0hub",
          hybridRouteTableId: "tgw-rtb-hybrid",
          propagateRouteTableIds: {
            prod: "tgw-rtb-prod",
            nonprod: "tgw-rtb-nonprod",
            shared: "tgw-rtb-shared",
          },
          dxBgpAuthKey: pulumi.secret("dx-md5-key-value"),
          preSharedKeys: {
            "dc1-edge": [
              pulumi.secret("psk1.dc1.secretvalue"),
              pulumi.secret("psk2.dc1.secretvalue"),
            ],
            "dc2-edge": [
              pulumi.secret("psk1.dc2.secretvalue"),
              pulumi.secret("psk2.dc2.secretvalue"),
            ],
          },
          namePrefix: "network",
          accountId: "100000000001",
          region: "eu-west-1",
          protect: true,
          ...overrides,
        },
        { provider },
      );
      return { routerConfig: hybrid.routerConfig };
    },
    { project: "platform-network", stack: "network" },
  );
}

describe("HybridConnectivity", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan();
  });

  it("creates a protected DX gateway with its own ASN and a transit VIF on the existing connection", () => {
    const gw = resourceNamed(run, "aws:directconnect/gateway:Gateway", "hybrid-dxgw");
    assert.equal(gw.inputs["amazonSideAsn"], "64600");
    assert.equal(gw.protect, true);
    const vif = resourceNamed(
      run,
      "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
      "hybrid-vif",
    );
    assert.deepEqual(
      [
        vif.inputs["connectionId"],
        vif.inputs["vlan"],
        vif.inputs["bgpAsn"],
        vif.inputs["mtu"],
        vif.inputs["amazonAddress"],
        vif.inputs["customerAddress"],
        vif.inputs["bgpAuthKey"],
      ],
      ["dxcon-ffabc123", 101, 65010, 8500, "169.254.100.1/30", "169.254.100.2/30", "[secret]"],
    );
  });

  it("associates the DX gateway with the Transit Gateway, allowing the address plan's prefixes", () => {
    const assoc = resourceNamed(
      run,
      "aws:directconnect/gatewayAssociation:GatewayAssociation",
      "hybrid-dxgw-tgw",
    );
    assert.deepEqual(assoc.inputs["allowedPrefixes"], [
      "10.16.0.0/14",
      "10.24.0.0/14",
      "10.8.0.0/16",
    ]);
    assert.equal(assoc.inputs["associatedGatewayId"], "tgw-0hub");
  });

  it("advertises a shared-services range only while a VPC the hub attaches lies in it", async () => {
    // Nothing attached in 10.8.0.0/16: the hybrid table has no route for it, so neither DX nor the
    // router config may offer it to on-premises.
    const bare = await plan({ attachedSharedVpcs: [] });
    assert.deepEqual(
      resourceNamed(
        bare,
        "aws:directconnect/gatewayAssociation:GatewayAssociation",
        "hybrid-dxgw-tgw",
      ).inputs["allowedPrefixes"],
      ["10.16.0.0/14", "10.24.0.0/14"],
    );
    const cfg = bare.outputs["routerConfig"] as Record<string, string[]>;
    assert.deepEqual(cfg["prefixesAwsAdvertisesOverDx"], ["10.16.0.0/14", "10.24.0.0/14"]);
    assert.deepEqual(cfg["prefixesAwsAdvertisesOverVpn"], ["10.16.0.0/14", "10.24.0.0/14"]);
    await assert.rejects(
      plan({ attachedSharedVpcs: ["10.9.0.0/20"] }),
      /attached shared-services VPC 10.9.0.0\/20 lies in no shared-services range of the address plan \(10.8.0.0\/16\)/,
    );
  });

  it("creates a customer gateway and a BGP VPN per device with both tunnels pinned", () => {
    assert.deepEqual(
      resourcesOfType(run, "aws:ec2/customerGateway:CustomerGateway")
        .map((c) => c.inputs["ipAddress"])
        .sort(),
      ["198.51.100.10", "203.0.113.10"],
    );
    const vpn = resourceNamed(run, "aws:ec2/vpnConnection:VpnConnection", "hybrid-dc1-edge");
    assert.equal(vpn.inputs["staticRoutesOnly"], false);
    assert.equal(vpn.inputs["transitGatewayId"], "tgw-0hub");
    for (const t of ["tunnel1", "tunnel2"]) {
      assert.deepEqual(vpn.inputs[`${t}IkeVersions`], ["ikev2"]);
      assert.equal(vpn.inputs[`${t}DpdTimeoutAction`], "restart");
      assert.equal(vpn.inputs[`${t}StartupAction`], "start");
      assert.deepEqual(vpn.inputs[`${t}Phase2DhGroupNumbers`], [19, 20, 21]);
      assert.equal(vpn.inputs[`${t}PresharedKey`], "[secret]");
      assert.equal(
        (vpn.inputs[`${t}LogOptions`] as { cloudwatchLogOptions: { logEnabled: boolean } })
          .cloudwatchLogOptions.logEnabled,
        true,
      );
    }
    assert.deepEqual(
      [vpn.inputs["tunnel1InsideCidr"], vpn.inputs["tunnel2InsideCidr"]],
      ["169.254.10.0/30", "169.254.10.4/30"],
    );
  });

  it("associates DX and both VPNs with the hybrid table and propagates them into the segments that reach on-premises", () => {
    const associations = resourcesOfType(
      run,
      "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    );
    assert.deepEqual(associations.map((a) => a.name).sort(), [
      "hybrid-dc1-edge-associate-hybrid",
      "hybrid-dc2-edge-associate-hybrid",
      "hybrid-dx-associate-hybrid",
    ]);
    assert.ok(
      associations.every((a) => a.inputs["transitGatewayRouteTableId"] === "tgw-rtb-hybrid"),
    );
    const dx = associations.find((a) => a.name === "hybrid-dx-associate-hybrid")!;
    assert.match(String(dx.inputs["transitGatewayAttachmentId"]), /^tgw-attach-/);
    const propagations = resourcesOfType(
      run,
      "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    );
    assert.equal(propagations.length, 9);
    assert.deepEqual(
      [...new Set(propagations.map((p) => p.inputs["transitGatewayRouteTableId"]))].sort(),
      ["tgw-rtb-nonprod", "tgw-rtb-prod", "tgw-rtb-shared"],
    );
  });

  it("alarms on every tunnel, each VPN, the DX connection and the VIF's BGP session, to the topic", () => {
    const alarms = resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
    const byName = (n: string) => alarms.find((a) => a.inputs["name"] === n)!;
    assert.equal(alarms.length, 2 * 2 + 2 + 2);
    const tunnel = byName("network-dc1-edge-tunnel1-down");
    assert.deepEqual(
      [
        tunnel.inputs["namespace"],
        tunnel.inputs["metricName"],
        tunnel.inputs["statistic"],
        tunnel.inputs["threshold"],
      ],
      ["AWS/VPN", "TunnelState", "Maximum", 1],
    );
    assert.deepEqual(Object.keys(tunnel.inputs["dimensions"] as object).sort(), [
      "TunnelIpAddress",
      "VpnId",
    ]);
    const dx = byName("network-dx-connection-down");
    assert.deepEqual(
      [dx.inputs["namespace"], dx.inputs["metricName"], dx.inputs["dimensions"]],
      ["AWS/DX", "ConnectionState", { ConnectionId: "dxcon-ffabc123" }],
    );
    const bgp = byName("network-dx-bgp-down");
    assert.equal(bgp.inputs["metricName"], "VirtualInterfaceBgpStatus");
    assert.deepEqual(Object.keys(bgp.inputs["dimensions"] as object).sort(), [
      "ConnectionId",
      "VirtualInterfaceId",
    ]);
    const topic = resourceNamed(run, "aws:sns/topic:Topic", "hybrid-alarms").urn;
    assert.ok(alarms.every((a) => a.propertyDependencies["alarmActions"]?.includes(topic)));
    assert.equal(
      resourcesOfType(run, "aws:sns/topicSubscription:TopicSubscription")[0]?.inputs["endpoint"],
      "network-oncall@example.com",
    );
  });

  it("publishes to topics whose KMS key the publishing service may use", () => {
    const topics = topicPublishing(run).filter((t) => t.publishers.length > 0);
    assert.deepEqual(
      topics.map((t) => t.publishers),
      [["cloudwatch.amazonaws.com"]],
    );
    for (const t of topics) assert.deepEqual(t.problems, [], t.topic);
  });

  it("times every alarm to its metric's publication interval, without treating gaps as outages", () => {
    const alarms = resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
    for (const a of alarms) {
      const timing = {
        namespace: String(a.inputs["namespace"]),
        metricName: String(a.inputs["metricName"]),
        period: Number(a.inputs["period"]),
        treatMissingData: a.inputs["treatMissingData"] as string | undefined,
      };
      assert.ok(metricPublication(timing.namespace, timing.metricName), a.name);
      assert.deepEqual(alarmTimingProblems(timing), [], a.name);
    }
    const bgp = alarms.find((a) => a.inputs["metricName"] === "VirtualInterfaceBgpStatus")!;
    assert.deepEqual(
      [bgp.inputs["period"], bgp.inputs["evaluationPeriods"], bgp.inputs["treatMissingData"]],
      [300, 1, "missing"],
    );
  });

  it("raises 'traffic is on VPN' when DX is down and not every VPN is down", () => {
    const [composite] = resourcesOfType(run, "aws:cloudwatch/compositeAlarm:CompositeAlarm");
    assert.equal(
      composite?.inputs["alarmRule"],
      '(ALARM("network-dx-connection-down") OR ALARM("network-dx-bgp-down")) AND NOT (ALARM("network-dc1-edge-vpn-down") AND ALARM("network-dc2-edge-vpn-down"))',
    );
  });

  it("outputs what on-premises routers need, and no secret", () => {
    const cfg = run.outputs["routerConfig"] as {
      awsAsns: Record<string, number>;
      vpn: Array<{
        device: string;
        tunnels: Array<{
          outsideIp: string;
          insideCidr: string;
          awsInsideIp: string;
          customerInsideIp: string;
        }>;
      }>;
      prefixesAwsAdvertisesOverDx: string[];
      prefixesAwsAdvertisesOverVpn: string[];
      preference: { inbound: string };
    };
    assert.deepEqual(cfg.awsAsns, { transitGateway: 64512, directConnectGateway: 64600 });
    assert.deepEqual(cfg.vpn[0]!.tunnels[0]!.insideCidr, "169.254.10.0/30");
    assert.equal(cfg.vpn[0]!.tunnels[0]!.awsInsideIp, "169.254.10.1");
    assert.equal(cfg.vpn[0]!.tunnels[0]!.customerInsideIp, "169.254.10.2");
    assert.match(cfg.vpn[0]!.tunnels[0]!.outsideIp, /^3\.\d+\.\d+\.10$/);
    assert.deepEqual(cfg.prefixesAwsAdvertisesOverDx, cfg.prefixesAwsAdvertisesOverVpn);
    assert.match(cfg.preference.inbound, /local-preference 200 on the DX session/);
    const text = JSON.stringify(run);
    for (const secret of ["dx-md5-key-value", "psk1.dc1.secretvalue", "psk2.dc2.secretvalue"])
      assert.ok(!text.includes(secret), `${secret} leaked`);
  });

  it("refuses to create anything when the hybrid segment does not summarise", async () => {
    await assert.rejects(
      plan({ hybridSummarises: false }),
      /Set summarise: true on the hybrid segment/,
    );
  });
});
