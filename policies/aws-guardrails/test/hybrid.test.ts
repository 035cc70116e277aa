import * as assert from "node:assert/strict";
import { findings, res } from "./helpers";

const VPN = "aws:ec2/vpnConnection:VpnConnection";

/** Both tunnels configured as the platform requires. */
function strongTunnels(): Record<string, unknown> {
  const out: Record<string, unknown> = { transitGatewayId: "tgw-1" };
  for (const t of ["tunnel1", "tunnel2"]) {
    Object.assign(out, {
      [`${t}InsideCidr`]: t === "tunnel1" ? "169.254.10.0/30" : "169.254.10.4/30",
      [`${t}IkeVersions`]: ["ikev2"],
      [`${t}Phase1EncryptionAlgorithms`]: ["AES256"],
      [`${t}Phase2EncryptionAlgorithms`]: ["AES256-GCM-16"],
      [`${t}Phase1IntegrityAlgorithms`]: ["SHA2-256"],
      [`${t}Phase2IntegrityAlgorithms`]: ["SHA2-384"],
      [`${t}Phase1DhGroupNumbers`]: [20],
      [`${t}Phase2DhGroupNumbers`]: [19],
      [`${t}DpdTimeoutAction`]: "restart",
      [`${t}LogOptions`]: {
        cloudwatchLogOptions: {
          logEnabled: true,
          logGroupArn: "arn:aws:logs:eu-west-1:1:log-group:vpn",
        },
      },
    });
  }
  return out;
}

describe("hybrid policies", () => {
  it("vpn-tunnel-crypto: strong IKEv2 tunnels pass; IKEv1, weak algorithms and unpinned DPD fail", async () => {
    assert.deepEqual(await findings("vpn-tunnel-crypto", [res(VPN, strongTunnels())]), []);
    const weak = {
      ...strongTunnels(),
      tunnel2IkeVersions: ["ikev1", "ikev2"],
      tunnel2Phase1EncryptionAlgorithms: ["AES128"],
      tunnel2Phase2DhGroupNumbers: [2, 19],
      tunnel2DpdTimeoutAction: undefined,
    };
    assert.deepEqual(await findings("vpn-tunnel-crypto", [res(VPN, weak)]), [
      'tunnel2: IKE versions must be exactly ["ikev2"], got ["ikev1","ikev2"]',
      'tunnel2: phase1 encryption ["AES128"] is not within AES256, AES256-GCM-16',
      "tunnel2: phase2 DH groups [2,19] include groups below 19",
      "tunnel2: DPD timeout action is not pinned (the API documents two different defaults)",
    ]);
  });

  it("vpn-tunnel-logging", async () => {
    assert.deepEqual(await findings("vpn-tunnel-logging", [res(VPN, strongTunnels())]), []);
    assert.deepEqual(
      await findings("vpn-tunnel-logging", [
        res(VPN, { ...strongTunnels(), tunnel1LogOptions: undefined }),
      ]),
      ["tunnel1: tunnel logs are not sent to CloudWatch Logs"],
    );
  });

  it("hybrid-alarms: VPN and DX state alarms with actions", async () => {
    const vpn = res(VPN, strongTunnels(), { name: "vpn-a" });
    const vif = res(
      "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
      { connectionId: "dxcon-1" },
      { name: "vif" },
    );
    const vpnAlarm = res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      { namespace: "AWS/VPN", alarmActions: ["arn:sns"] },
      { deps: { dimensions: [vpn] } },
    );
    const dxAlarm = res("aws:cloudwatch/metricAlarm:MetricAlarm", {
      namespace: "AWS/DX",
      dimensions: { ConnectionId: "dxcon-1" },
      alarmActions: ["arn:sns"],
    });
    assert.deepEqual(await findings("hybrid-alarms", [vpn, vif, vpnAlarm, dxAlarm]), []);
    const silent = res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      { namespace: "AWS/VPN", alarmActions: [] },
      { deps: { dimensions: [vpn] } },
    );
    assert.deepEqual(await findings("hybrid-alarms", [vpn, vif, silent]), [
      "VPN connection vpn-a has no AWS/VPN state alarm with a notification action",
      "Direct Connect connection dxcon-1 (VIF vif) has no AWS/DX ConnectionState alarm with a notification action",
    ]);
  });

  it("dx-vpn-redundancy: a DX association needs a two-tunnel VPN and alarms", async () => {
    const assoc = res(
      "aws:directconnect/gatewayAssociation:GatewayAssociation",
      {},
      { name: "dx" },
    );
    const alarms = [
      res("aws:cloudwatch/metricAlarm:MetricAlarm", { namespace: "AWS/DX" }),
      res("aws:cloudwatch/metricAlarm:MetricAlarm", { namespace: "AWS/VPN" }),
    ];
    assert.deepEqual(
      await findings("dx-vpn-redundancy", [assoc, res(VPN, strongTunnels()), ...alarms]),
      [],
    );
    assert.deepEqual(await findings("dx-vpn-redundancy", [assoc]), [
      "Direct Connect association dx has no VPN failover with both tunnels configured",
      "Direct Connect association dx: DX and VPN alarms must both exist",
    ]);
  });
});
