import * as assert from "node:assert/strict";
import { hybridProblems } from "../src";
import type { HybridSpec } from "../src";
import { SPEC } from "./fixtures";

const lines = (spec: HybridSpec) =>
  hybridProblems(spec).map((p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`);
const dx = (change: Partial<NonNullable<HybridSpec["directConnect"]>>): HybridSpec => ({
  ...SPEC,
  directConnect: { ...SPEC.directConnect!, ...change },
});
const tunnel = (change: Partial<HybridSpec["vpn"]["tunnel"]>): HybridSpec => ({
  ...SPEC,
  vpn: { ...SPEC.vpn, tunnel: { ...SPEC.vpn.tunnel, ...change } },
});
const device = (change: Partial<HybridSpec["vpn"]["devices"][number]>): HybridSpec => ({
  ...SPEC,
  vpn: { ...SPEC.vpn, devices: [{ ...SPEC.vpn.devices[0]!, ...change }, SPEC.vpn.devices[1]!] },
});

describe("hybrid validation", () => {
  it("accepts the example spec", () => assert.deepEqual(lines(SPEC), []));

  it("rejects a DX gateway ASN equal to the Transit Gateway's", () =>
    assert.deepEqual(lines(dx({ gatewayAsn: 64512 })), [
      "directConnect.gatewayAsn = 64512: equals the Transit Gateway's ASN; the DX gateway association fails unless they differ",
    ]));

  it("rejects a public DX gateway ASN", () =>
    assert.deepEqual(lines(dx({ gatewayAsn: 7224 })), [
      "directConnect.gatewayAsn = 7224: is outside the private ASN ranges; use 64512-65534 or 4200000000-4294967294",
    ]));

  it("rejects a customer ASN equal to an Amazon ASN", () => {
    assert.deepEqual(lines(dx({ customerAsn: 64600 })), [
      "directConnect.customerAsn = 64600: equals an Amazon-side ASN; the on-premises router needs its own ASN",
    ]);
    assert.deepEqual(lines(device({ bgpAsn: 64512 })), [
      "vpn.devices.0.bgpAsn = 64512: equals an Amazon-side ASN; the customer gateway needs its own ASN",
    ]);
  });

  it("rejects a VLAN outside 1-4094", () => {
    assert.deepEqual(lines(dx({ vlan: 0 })), [
      "directConnect.vlan = 0: must be a VLAN id from 1 to 4094",
    ]);
    assert.deepEqual(lines(dx({ vlan: 4095 })), [
      "directConnect.vlan = 4095: must be a VLAN id from 1 to 4094",
    ]);
  });

  it("rejects an MTU a transit VIF does not support", () =>
    assert.deepEqual(lines(dx({ mtu: 9001 })), [
      "directConnect.mtu = 9001: a transit virtual interface supports an MTU of 1500 or 8500",
    ]));

  it("rejects BGP peer addresses not in one /30", () =>
    assert.deepEqual(lines(dx({ customerAddress: "169.254.101.2/30" })), [
      'directConnect.customerAddress = "169.254.101.2/30": must be the other address of amazonAddress\'s subnet (169.254.100.1/30)',
    ]));

  it("rejects a DPD timeout under 30 seconds", () =>
    assert.deepEqual(lines(tunnel({ dpdTimeoutSeconds: 10 })), [
      "vpn.tunnel.dpdTimeoutSeconds = 10: must be at least 30 seconds",
    ]));

  it("rejects phase 1 and phase 2 lifetimes out of range", () => {
    assert.deepEqual(lines(tunnel({ phase1LifetimeSeconds: 30000 })), [
      "vpn.tunnel.phase1LifetimeSeconds = 30000: must be 900 to 28800 seconds",
    ]);
    assert.deepEqual(lines(tunnel({ phase2LifetimeSeconds: 600, rekeyMarginTimeSeconds: 60 })), [
      "vpn.tunnel.phase2LifetimeSeconds = 600: must be 900 to 3600 seconds",
    ]);
  });

  it("rejects a rekey margin over half the phase 2 lifetime", () =>
    assert.deepEqual(lines(tunnel({ rekeyMarginTimeSeconds: 1900 })), [
      "vpn.tunnel.rekeyMarginTimeSeconds = 1900: must be 60 to half the phase 2 lifetime (1800 seconds)",
    ]));

  it("allows startup action start only with IKEv2 only", () =>
    assert.deepEqual(lines(tunnel({ ikeVersions: ["ikev1", "ikev2"] })), [
      'vpn.tunnel.ikeVersions = ["ikev1","ikev2"]: use ["ikev2"] only; IKEv1 is weaker and AWS cannot initiate it',
      'vpn.tunnel.startupAction = "start": start (AWS initiates) is only allowed with IKEv2 only; use add or set ikeVersions to ["ikev2"]',
    ]));

  it("rejects inside CIDRs that are not /30s in 169.254.0.0/16, reserved, or reused", () => {
    assert.deepEqual(lines(device({ tunnelInsideCidrs: ["169.254.10.0/29", "10.0.0.0/30"] })), [
      'vpn.devices.0.tunnelInsideCidrs.0 = "169.254.10.0/29": must be a /30 inside 169.254.0.0/16',
      'vpn.devices.0.tunnelInsideCidrs.1 = "10.0.0.0/30": must be a /30 inside 169.254.0.0/16',
    ]);
    assert.match(
      lines(device({ tunnelInsideCidrs: ["169.254.169.252/30", "169.254.10.4/30"] }))[0]!,
      /= "169.254.169.252\/30": is reserved by AWS/,
    );
    assert.deepEqual(lines(device({ tunnelInsideCidrs: ["169.254.11.0/30", "169.254.10.4/30"] })), [
      'vpn.devices.1.tunnelInsideCidrs.0 = "169.254.11.0/30": is already used by dc1-edge tunnel 1; every tunnel needs its own inside CIDR',
    ]);
  });
});
