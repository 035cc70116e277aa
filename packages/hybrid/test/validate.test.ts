import * as assert from "node:assert/strict";
import { hybridProblems } from "../src";
import type { HybridChecked } from "../src";
import { CONFIG, TGW_ASN } from "./fixtures";

const lines = (config: HybridChecked) =>
  hybridProblems(config, TGW_ASN).map(
    (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`,
  );
const dx = (change: Partial<NonNullable<HybridChecked["directConnect"]>>): HybridChecked => ({
  ...CONFIG,
  directConnect: { ...CONFIG.directConnect!, ...change },
});
const tunnel = (change: Partial<HybridChecked["vpn"]["tunnel"]>): HybridChecked => ({
  ...CONFIG,
  vpn: { ...CONFIG.vpn, tunnel: { ...CONFIG.vpn.tunnel, ...change } },
});
const device = (change: Partial<HybridChecked["vpn"]["devices"][number]>): HybridChecked => ({
  ...CONFIG,
  vpn: {
    ...CONFIG.vpn,
    devices: [{ ...CONFIG.vpn.devices[0]!, ...change }, CONFIG.vpn.devices[1]!],
  },
});

describe("hybridProblems", () => {
  it("accepts the example config", () => assert.deepEqual(lines(CONFIG), []));

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
  it("rejects customer ASNs the API fields do not take, and AWS's own", () => {
    assert.deepEqual(lines(dx({ customerAsn: 4200000000 })), [
      "directConnect.customerAsn = 4200000000: must be an ASN from 1 to 2147483646; a private one (64512-65534) if you have none",
    ]);
    assert.deepEqual(lines(device({ bgpAsn: 0 })), [
      "vpn.devices.0.bgpAsn = 0: must be an ASN from 1 to 2147483647; a private one (64512-65534) if you have none",
    ]);
    assert.deepEqual(lines(device({ bgpAsn: 9059 })), [
      "vpn.devices.0.bgpAsn = 9059: is reserved by AWS (7224 in us-east-1, 9059 in eu-west-1); use your own ASN or a private one (64512-65534)",
    ]);
    assert.deepEqual(lines(dx({ customerAsn: 65000 })), []);
  });

  it("rejects a device address that is not a public IPv4 address", () => {
    assert.deepEqual(lines(device({ ipAddress: "10.1.2.3" })), [
      'vpn.devices.0.ipAddress = "10.1.2.3": is a private (RFC 1918) address, not a public one; use the device\'s static public IPv4 address',
    ]);
    assert.deepEqual(lines(device({ ipAddress: "203.0.113.300" })), [
      'vpn.devices.0.ipAddress = "203.0.113.300": is not an IPv4 address in a.b.c.d form; use the device\'s static public IPv4 address',
    ]);
  });

  it("rejects two devices with one address", () =>
    assert.deepEqual(lines(device({ ipAddress: CONFIG.vpn.devices[1]!.ipAddress })), [
      `vpn.devices.1.ipAddress = "${CONFIG.vpn.devices[1]!.ipAddress}": is also the address of device dc1-edge; each device needs its own public address`,
    ]));

  it("rejects two devices with one name", () =>
    assert.deepEqual(lines(device({ name: "dc2-edge" })), [
      'vpn.devices.1.name = "dc2-edge": is used by another device; device names must be unique',
    ]));

  it("rejects BGP peer addresses that are the network or broadcast address of their /30", () => {
    assert.deepEqual(
      lines(dx({ amazonAddress: "169.254.100.0/30", customerAddress: "169.254.100.3/30" })),
      [
        'directConnect.amazonAddress = "169.254.100.0/30": is the network or broadcast address of its /30; use one of the two host addresses',
        'directConnect.customerAddress = "169.254.100.3/30": is the network or broadcast address of its /30; use one of the two host addresses',
      ],
    );
    assert.deepEqual(
      lines(dx({ amazonAddress: "10.255.0.0/31", customerAddress: "10.255.0.1/31" })),
      [],
    );
    assert.deepEqual(lines(dx({ customerAddress: "169.254.100.1/30" })), [
      'directConnect.customerAddress = "169.254.100.1/30": must be the other address of amazonAddress\'s subnet (169.254.100.1/30)',
    ]);
  });

  it("rejects a tunnel inside CIDR in the Direct Connect peer subnet", () =>
    assert.deepEqual(
      lines(device({ tunnelInsideCidrs: ["169.254.100.0/30", "169.254.10.4/30"] })),
      [
        'vpn.devices.0.tunnelInsideCidrs.0 = "169.254.100.0/30": overlaps the Direct Connect BGP peer subnet 169.254.100.0/30; the on-premises router would have two interfaces in one subnet',
      ],
    ));

  it("rejects tunnel algorithms and DH groups AWS does not accept", () => {
    assert.deepEqual(
      lines(tunnel({ phase1EncryptionAlgorithms: ["AES256", "3DES"], phase2DhGroupNumbers: [] })),
      [
        'vpn.tunnel.phase1EncryptionAlgorithms = ["AES256","3DES"]: "3DES" is not a value AWS accepts; use one or more of AES128, AES256, AES128-GCM-16, AES256-GCM-16',
        "vpn.tunnel.phase2DhGroupNumbers = []: is empty; use one or more of 2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24",
      ],
    );
    assert.deepEqual(lines(tunnel({ phase1DhGroupNumbers: [5] })), [
      "vpn.tunnel.phase1DhGroupNumbers = [5]: 5 is not a value AWS accepts; use one or more of 2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24",
    ]);
  });
});
