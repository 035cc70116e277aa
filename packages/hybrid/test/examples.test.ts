import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { CapturedResource, ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import simple from "../examples/simple";

const PSKS = {
  "example:vpnPsk-dc1-edge-1": "psk1.dc1.example",
  "example:vpnPsk-dc1-edge-2": "psk2.dc1.example",
  "example:vpnPsk-dc2-edge-1": "psk1.dc2.example",
  "example:vpnPsk-dc2-edge-2": "psk2.dc2.example",
};
const VPN = "aws:ec2/vpnConnection:VpnConnection";
/** Registration order follows output resolution, so lists are compared sorted. */
const names = (run: ProgramRun, type: string) =>
  resourcesOfType(run, type)
    .map((r) => r.name)
    .sort();
const alarmNames = (run: ProgramRun) =>
  resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm")
    .map((a) => String(a.inputs["name"]))
    .sort();

function assertNoSecretIn(run: ProgramRun, secrets: readonly string[]) {
  const text = JSON.stringify(run);
  for (const secret of secrets) assert.ok(!text.includes(secret), `${secret} leaked`);
}

describe("hybrid examples", () => {
  describe("simple (VPN only)", () => {
    let run: ProgramRun;
    let component: CapturedResource;
    before(async () => {
      run = await planExample(simple, { config: PSKS });
      component = resourceNamed(run, "platform:network:HybridConnectivity", "hybrid");
    });

    it("creates a customer gateway and a BGP VPN per device under the component, and no DX", () => {
      assert.deepEqual(names(run, "aws:ec2/customerGateway:CustomerGateway"), [
        "hybrid-dc1-edge",
        "hybrid-dc2-edge",
      ]);
      const vpns = resourcesOfType(run, VPN);
      assert.deepEqual(vpns.map((v) => [v.name, v.parent, v.inputs["staticRoutesOnly"]]).sort(), [
        ["hybrid-dc1-edge", component.urn, false],
        ["hybrid-dc2-edge", component.urn, false],
      ]);
      assert.equal(resourcesOfType(run, "aws:directconnect/gateway:Gateway").length, 0);
      assert.equal(resourcesOfType(run, "aws:cloudwatch/compositeAlarm:CompositeAlarm").length, 0);
    });

    it("pins both tunnels to the schema's strong defaults, keys as secrets, logs on", () => {
      const vpn = resourceNamed(run, VPN, "hybrid-dc2-edge");
      for (const t of ["tunnel1", "tunnel2"]) {
        assert.deepEqual(vpn.inputs[`${t}IkeVersions`], ["ikev2"]);
        assert.deepEqual(vpn.inputs[`${t}Phase1EncryptionAlgorithms`], ["AES256", "AES256-GCM-16"]);
        assert.deepEqual(vpn.inputs[`${t}Phase1DhGroupNumbers`], [19, 20, 21]);
        assert.equal(vpn.inputs[`${t}Phase2LifetimeSeconds`], 3600);
        assert.equal(vpn.inputs[`${t}DpdTimeoutAction`], "restart");
        assert.equal(vpn.inputs[`${t}StartupAction`], "start");
        assert.equal(vpn.inputs[`${t}PresharedKey`], "[secret]");
      }
      assert.deepEqual(
        [vpn.inputs["tunnel1InsideCidr"], vpn.inputs["tunnel2InsideCidr"]],
        ["169.254.11.0/30", "169.254.11.4/30"],
      );
      assertNoSecretIn(run, Object.values(PSKS));
    });

    it("associates each VPN with the hybrid table and propagates it into prod and nonprod", () => {
      const associations = resourcesOfType(
        run,
        "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
      );
      assert.deepEqual(
        associations.map((a) => [a.name, a.inputs["transitGatewayRouteTableId"]]).sort(),
        [
          ["hybrid-dc1-edge-associate-hybrid", "tgw-rtb-0hybrid"],
          ["hybrid-dc2-edge-associate-hybrid", "tgw-rtb-0hybrid"],
        ],
      );
      assert.deepEqual(
        names(run, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation"),
        [
          "hybrid-dc1-edge-propagate-nonprod",
          "hybrid-dc1-edge-propagate-prod",
          "hybrid-dc2-edge-propagate-nonprod",
          "hybrid-dc2-edge-propagate-prod",
        ],
      );
    });

    it("alarms on each tunnel and each connection, and tells on-premises what to configure", () => {
      assert.deepEqual(alarmNames(run), [
        "network-dc1-edge-tunnel1-down",
        "network-dc1-edge-tunnel2-down",
        "network-dc1-edge-vpn-down",
        "network-dc2-edge-tunnel1-down",
        "network-dc2-edge-tunnel2-down",
        "network-dc2-edge-vpn-down",
      ]);
      const cfg = run.outputs["routerConfig"] as {
        directConnect?: unknown;
        vpn: Array<{ device: string; awsAsn: number }>;
        prefixesAwsAdvertisesOverVpn: string[];
      };
      assert.equal(cfg.directConnect, undefined);
      assert.deepEqual(
        cfg.vpn.map((v) => [v.device, v.awsAsn]),
        [
          ["dc1-edge", 64512],
          ["dc2-edge", 64512],
        ],
      );
      // No VPC attached in the shared-services range: only the environments are advertised.
      assert.deepEqual(cfg.prefixesAwsAdvertisesOverVpn, ["10.16.0.0/14", "10.24.0.0/14"]);
    });
  });

  describe("complete (DX primary, VPN failover)", () => {
    const secrets = { ...PSKS, "example:dxBgpAuthKey": "dx-md5-example" };
    let run: ProgramRun;
    before(async () => {
      run = await planExample(complete, { config: secrets });
    });

    it("creates a protected DX gateway and transit VIF, associated with the Transit Gateway", () => {
      const gateway = resourceNamed(run, "aws:directconnect/gateway:Gateway", "hybrid-dxgw");
      assert.deepEqual([gateway.inputs["amazonSideAsn"], gateway.protect], ["64600", true]);
      const vif = resourceNamed(
        run,
        "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
        "hybrid-vif",
      );
      assert.deepEqual(
        [vif.inputs["vlan"], vif.inputs["bgpAsn"], vif.inputs["mtu"], vif.inputs["bgpAuthKey"]],
        [101, 65010, 8500, "[secret]"],
      );
      assert.equal(vif.protect, true);
      const association = resourceNamed(
        run,
        "aws:directconnect/gatewayAssociation:GatewayAssociation",
        "hybrid-dxgw-tgw",
      );
      assert.deepEqual(association.inputs["allowedPrefixes"], [
        "10.16.0.0/14",
        "10.24.0.0/14",
        "10.8.0.0/16",
      ]);
      assert.ok(
        names(run, "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation").includes(
          "hybrid-dx-associate-hybrid",
        ),
      );
    });

    it("applies the tunnel options given and keeps the defaults of the others", () => {
      const vpn = resourceNamed(run, VPN, "hybrid-dc1-edge");
      for (const t of ["tunnel1", "tunnel2"]) {
        assert.deepEqual(vpn.inputs[`${t}Phase1EncryptionAlgorithms`], ["AES256-GCM-16"]);
        assert.deepEqual(vpn.inputs[`${t}Phase2DhGroupNumbers`], [20]);
        assert.equal(vpn.inputs[`${t}DpdTimeoutSeconds`], 40);
        assert.equal(vpn.inputs[`${t}StartupAction`], "add");
        assert.deepEqual(vpn.inputs[`${t}IkeVersions`], ["ikev2"]);
        assert.equal(vpn.inputs[`${t}Phase1LifetimeSeconds`], 28800);
      }
      const logs = resourcesOfType(run, "aws:cloudwatch/logGroup:LogGroup");
      assert.deepEqual(logs.map((l) => [l.inputs["name"], l.inputs["retentionInDays"]]).sort(), [
        ["/platform/network/vpn/dc1-edge", 731],
        ["/platform/network/vpn/dc2-edge", 731],
      ]);
    });

    it("raises 'traffic is on VPN' when DX is down and a VPN is up, to every address", () => {
      const [composite] = resourcesOfType(run, "aws:cloudwatch/compositeAlarm:CompositeAlarm");
      assert.equal(
        composite?.inputs["alarmRule"],
        '(ALARM("network-dx-connection-down") OR ALARM("network-dx-bgp-down")) AND NOT (ALARM("network-dc1-edge-vpn-down") AND ALARM("network-dc2-edge-vpn-down"))',
      );
      assert.deepEqual(
        resourcesOfType(run, "aws:sns/topicSubscription:TopicSubscription")
          .map((s) => String(s.inputs["endpoint"]))
          .sort(),
        ["network-oncall@example.com", "noc@example.com"],
      );
      assertNoSecretIn(run, Object.values(secrets));
    });
  });
});
