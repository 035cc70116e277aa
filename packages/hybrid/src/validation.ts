/**
 * Validators for hybrid connectivity, at least the rules AWS Landing Zone Accelerator checks:
 * ASN collisions, VLAN range, DPD timeout, IKE lifetimes, rekey margin, startup action only with
 * IKEv2, inside CIDRs (a /30 in 169.254.0.0/16, not reserved, unique), plus MTU and BGP peer
 * addresses of the transit VIF, the ASN ranges the API fields the component uses accept, device
 * addresses and names that must be unique, and the tunnel algorithm values AWS accepts. Each
 * problem names the path, the value and the fix.
 */
import {
  cidrContains,
  cidrProblem,
  cidrsOverlap,
  duplicates,
  isPrivateAsn,
  parseCidr,
  publicIpv4Problem,
} from "@platform/core";
import type { HybridSpec, Problem, TunnelOptions } from "./spec";

/**
 * /30s inside 169.254.0.0/16 that AWS reserves and rejects as tunnel inside CIDRs. Checked against
 * the EC2 API reference, VpnTunnelOptionsSpecification.TunnelInsideCidr, which lists exactly these.
 */
export const RESERVED_INSIDE_CIDRS = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];

/** Tunnel option values the EC2 API accepts (VpnTunnelOptionsSpecification). */
export const TUNNEL_ENCRYPTION_ALGORITHMS = ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"];
export const TUNNEL_INTEGRITY_ALGORITHMS = ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"];
export const PHASE1_DH_GROUPS = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
export const PHASE2_DH_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

/**
 * Largest ASN each API field the component fills accepts: the transit VIF's `bgpAsn` (Direct
 * Connect `asn`: 1-2147483646) and the customer gateway's `bgpAsn` (1-2147483647); larger
 * 4-byte ASNs need the `*Long`/`*Extended` fields, which the component does not use.
 */
export const MAX_DX_CUSTOMER_ASN = 2147483646;
export const MAX_CUSTOMER_GATEWAY_ASN = 2147483647;
/** ASNs AWS reserves for itself (EC2 CreateCustomerGateway: 7224 in us-east-1, 9059 in eu-west-1). */
export const AWS_RESERVED_ASNS = [7224, 9059];

function customerAsnProblem(asn: number, max: number): string | undefined {
  if (!Number.isInteger(asn) || asn < 1 || asn > max)
    return `must be an ASN from 1 to ${max}; a private one (64512-65534) if you have none`;
  if (AWS_RESERVED_ASNS.includes(asn))
    return "is reserved by AWS (7224 in us-east-1, 9059 in eu-west-1); use your own ASN or a private one (64512-65534)";
  return undefined;
}

export function hybridProblems(spec: HybridSpec): Problem[] {
  const problems: Problem[] = [];
  const dx = spec.directConnect;
  if (dx) {
    if (dx.gatewayAsn === spec.transitGatewayAsn) {
      problems.push({
        path: ["directConnect", "gatewayAsn"],
        value: dx.gatewayAsn,
        message: `equals the Transit Gateway's ASN; the DX gateway association fails unless they differ`,
      });
    }
    if (!isPrivateAsn(dx.gatewayAsn)) {
      problems.push({
        path: ["directConnect", "gatewayAsn"],
        value: dx.gatewayAsn,
        message: "is outside the private ASN ranges; use 64512-65534 or 4200000000-4294967294",
      });
    }
    if ([spec.transitGatewayAsn, dx.gatewayAsn].includes(dx.customerAsn)) {
      problems.push({
        path: ["directConnect", "customerAsn"],
        value: dx.customerAsn,
        message: "equals an Amazon-side ASN; the on-premises router needs its own ASN",
      });
    }
    const customerAsn = customerAsnProblem(dx.customerAsn, MAX_DX_CUSTOMER_ASN);
    if (customerAsn) {
      problems.push({
        path: ["directConnect", "customerAsn"],
        value: dx.customerAsn,
        message: customerAsn,
      });
    }
    if (!Number.isInteger(dx.vlan) || dx.vlan < 1 || dx.vlan > 4094) {
      problems.push({
        path: ["directConnect", "vlan"],
        value: dx.vlan,
        message: "must be a VLAN id from 1 to 4094",
      });
    }
    if (dx.mtu !== 1500 && dx.mtu !== 8500) {
      problems.push({
        path: ["directConnect", "mtu"],
        value: dx.mtu,
        message: "a transit virtual interface supports an MTU of 1500 or 8500",
      });
    }
    problems.push(...peerAddressProblems(dx.amazonAddress, dx.customerAddress));
  }
  const peerSubnet = dx ? peerSubnetOf(dx.amazonAddress) : undefined;
  const seenInside = new Map<string, string>();
  spec.vpn.devices.forEach((device, d) => {
    if ([spec.transitGatewayAsn, dx?.gatewayAsn].includes(device.bgpAsn)) {
      problems.push({
        path: ["vpn", "devices", d, "bgpAsn"],
        value: device.bgpAsn,
        message: "equals an Amazon-side ASN; the customer gateway needs its own ASN",
      });
    }
    const asn = customerAsnProblem(device.bgpAsn, MAX_CUSTOMER_GATEWAY_ASN);
    if (asn)
      problems.push({ path: ["vpn", "devices", d, "bgpAsn"], value: device.bgpAsn, message: asn });
    // Customer gateway outside IP: a static public address for a VPN over the internet
    // (EC2 CreateCustomerGateway, IpAddress with OutsideIpAddressType PublicIpv4).
    const address = publicIpv4Problem(device.ipAddress);
    if (address) {
      problems.push({
        path: ["vpn", "devices", d, "ipAddress"],
        value: device.ipAddress,
        message: `${address}; use the device's static public IPv4 address`,
      });
    }
    device.tunnelInsideCidrs.forEach((cidr, t) => {
      const path = ["vpn", "devices", d, "tunnelInsideCidrs", t];
      const problem = insideCidrProblem(cidr);
      if (problem) problems.push({ path, value: cidr, message: problem });
      else if (peerSubnet && cidrsOverlap(parseCidr(cidr), parseCidr(peerSubnet))) {
        problems.push({
          path,
          value: cidr,
          message: `overlaps the Direct Connect BGP peer subnet ${peerSubnet}; the on-premises router would have two interfaces in one subnet`,
        });
      }
      const other = seenInside.get(cidr);
      if (other)
        problems.push({
          path,
          value: cidr,
          message: `is already used by ${other}; every tunnel needs its own inside CIDR`,
        });
      seenInside.set(cidr, `${device.name} tunnel ${t + 1}`);
    });
  });
  const devices = spec.vpn.devices;
  for (const { index, value } of duplicates(devices, (d) => d.name)) {
    problems.push({
      path: ["vpn", "devices", index, "name"],
      value: value.name,
      message: "is used by another device; device names must be unique",
    });
  }
  // AWS returns the existing customer gateway for a second one with the same type, IP address and
  // ASN (EC2 CreateCustomerGateway), so two devices with one address would share one gateway.
  for (const { index, first, value } of duplicates(devices, (d) => d.ipAddress)) {
    problems.push({
      path: ["vpn", "devices", index, "ipAddress"],
      value: value.ipAddress,
      message: `is also the address of device ${devices[first]!.name}; each device needs its own public address`,
    });
  }
  problems.push(
    ...tunnelProblems(spec.vpn.tunnel).map((p) => ({ ...p, path: ["vpn", "tunnel", ...p.path] })),
  );
  return problems;
}

export function insideCidrProblem(cidr: string): string | undefined {
  const problem = cidrProblem(cidr);
  if (problem) return problem;
  const parsed = parseCidr(cidr);
  if (parsed.prefix !== 30 || !cidrContains(parseCidr("169.254.0.0/16"), parsed))
    return "must be a /30 inside 169.254.0.0/16";
  if (RESERVED_INSIDE_CIDRS.includes(cidr))
    return `is reserved by AWS (${RESERVED_INSIDE_CIDRS.join(", ")}); pick another /30`;
  return undefined;
}

export function tunnelProblems(t: TunnelOptions): Problem[] {
  const problems: Problem[] = [];
  const ikev2Only = t.ikeVersions.length === 1 && t.ikeVersions[0] === "ikev2";
  if (!ikev2Only)
    problems.push({
      path: ["ikeVersions"],
      value: t.ikeVersions,
      message: 'use ["ikev2"] only; IKEv1 is weaker and AWS cannot initiate it',
    });
  if (t.startupAction === "start" && !ikev2Only) {
    problems.push({
      path: ["startupAction"],
      value: t.startupAction,
      message:
        'start (AWS initiates) is only allowed with IKEv2 only; use add or set ikeVersions to ["ikev2"]',
    });
  }
  const allowed: Array<[keyof TunnelOptions, readonly (string | number)[]]> = [
    ["phase1EncryptionAlgorithms", TUNNEL_ENCRYPTION_ALGORITHMS],
    ["phase2EncryptionAlgorithms", TUNNEL_ENCRYPTION_ALGORITHMS],
    ["phase1IntegrityAlgorithms", TUNNEL_INTEGRITY_ALGORITHMS],
    ["phase2IntegrityAlgorithms", TUNNEL_INTEGRITY_ALGORITHMS],
    ["phase1DhGroupNumbers", PHASE1_DH_GROUPS],
    ["phase2DhGroupNumbers", PHASE2_DH_GROUPS],
  ];
  for (const [key, values] of allowed) {
    const list = t[key] as readonly (string | number)[];
    const unknown = list.filter((v) => !values.includes(v));
    if (list.length === 0 || unknown.length > 0) {
      problems.push({
        path: [key],
        value: list,
        message: `${list.length === 0 ? "is empty" : `${unknown.map((v) => JSON.stringify(v)).join(", ")} is not a value AWS accepts`}; use one or more of ${values.join(", ")}`,
      });
    }
  }
  if (t.dpdTimeoutSeconds < 30)
    problems.push({
      path: ["dpdTimeoutSeconds"],
      value: t.dpdTimeoutSeconds,
      message: "must be at least 30 seconds",
    });
  if (t.phase1LifetimeSeconds < 900 || t.phase1LifetimeSeconds > 28800) {
    problems.push({
      path: ["phase1LifetimeSeconds"],
      value: t.phase1LifetimeSeconds,
      message: "must be 900 to 28800 seconds",
    });
  }
  if (t.phase2LifetimeSeconds < 900 || t.phase2LifetimeSeconds > 3600) {
    problems.push({
      path: ["phase2LifetimeSeconds"],
      value: t.phase2LifetimeSeconds,
      message: "must be 900 to 3600 seconds",
    });
  }
  if (t.rekeyMarginTimeSeconds < 60 || t.rekeyMarginTimeSeconds > t.phase2LifetimeSeconds / 2) {
    problems.push({
      path: ["rekeyMarginTimeSeconds"],
      value: t.rekeyMarginTimeSeconds,
      message: `must be 60 to half the phase 2 lifetime (${t.phase2LifetimeSeconds / 2} seconds)`,
    });
  }
  return problems;
}

/** The subnet of a BGP peer address such as 169.254.100.1/30, when it is one. */
export function peerSubnetOf(value: string): string | undefined {
  const m = /^(\d+\.\d+\.\d+\.\d+)\/(30|31)$/.exec(value);
  if (!m || m[1]!.split(".").some((o) => Number(o) > 255)) return undefined;
  return `${networkOf(m[1]!, Number(m[2]))}/${m[2]}`;
}

/**
 * The transit VIF's BGP peers: host addresses in the same /30 or /31, not the same address. In a
 * /30 the first and last addresses are the network and broadcast addresses, so only the middle
 * two are hosts; a /31 has two host addresses (RFC 3021).
 */
function peerAddressProblems(amazon: string, customer: string): Problem[] {
  const problems: Problem[] = [];
  const parse = (value: string) => {
    const subnet = peerSubnetOf(value);
    if (!subnet) return undefined;
    const address = value.split("/")[0]!;
    const net = parseCidr(subnet);
    const offset = address.split(".").reduce((acc, o) => acc * 256 + Number(o), 0) - net.base;
    return { address, net, host: net.prefix === 31 || offset === 1 || offset === 2 };
  };
  const a = parse(amazon);
  const c = parse(customer);
  if (!a)
    problems.push({
      path: ["directConnect", "amazonAddress"],
      value: amazon,
      message: "expected a host address with a /30 or /31, e.g. 169.254.100.1/30",
    });
  if (!c)
    problems.push({
      path: ["directConnect", "customerAddress"],
      value: customer,
      message: "expected a host address with a /30 or /31, e.g. 169.254.100.2/30",
    });
  for (const [key, parsed, value] of [
    ["amazonAddress", a, amazon],
    ["customerAddress", c, customer],
  ] as const) {
    if (parsed && !parsed.host) {
      problems.push({
        path: ["directConnect", key],
        value,
        message:
          "is the network or broadcast address of its /30; use one of the two host addresses",
      });
    }
  }
  if (
    a &&
    c &&
    (a.net.base !== c.net.base || a.net.prefix !== c.net.prefix || a.address === c.address)
  ) {
    problems.push({
      path: ["directConnect", "customerAddress"],
      value: customer,
      message: `must be the other address of amazonAddress's subnet (${amazon})`,
    });
  }
  return problems;
}

function networkOf(address: string, prefix: number): string {
  const n = address.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - prefix);
  const base = n - (n % size);
  return [24, 16, 8, 0].map((s) => Math.floor(base / 2 ** s) % 256).join(".");
}
