/**
 * Validators for hybrid connectivity, at least the rules AWS Landing Zone Accelerator checks:
 * ASN collisions, VLAN range, DPD timeout, IKE lifetimes, rekey margin, startup action only with
 * IKEv2, inside CIDRs (a /30 in 169.254.0.0/16, not reserved, unique), plus MTU and BGP peer
 * addresses of the transit VIF. Each problem names the path, the value and the fix.
 */
import { cidrContains, cidrProblem, isPrivateAsn, parseCidr } from "@platform/core";
import type { HybridSpec, Problem, TunnelOptions } from "./spec";

/** /30s inside 169.254.0.0/16 that AWS reserves and rejects as tunnel inside CIDRs. */
export const RESERVED_INSIDE_CIDRS = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];

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
  const seenInside = new Map<string, string>();
  spec.vpn.devices.forEach((device, d) => {
    if ([spec.transitGatewayAsn, dx?.gatewayAsn].includes(device.bgpAsn)) {
      problems.push({
        path: ["vpn", "devices", d, "bgpAsn"],
        value: device.bgpAsn,
        message: "equals an Amazon-side ASN; the customer gateway needs its own ASN",
      });
    }
    device.tunnelInsideCidrs.forEach((cidr, t) => {
      const path = ["vpn", "devices", d, "tunnelInsideCidrs", t];
      const problem = insideCidrProblem(cidr);
      if (problem) problems.push({ path, value: cidr, message: problem });
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
  const names = spec.vpn.devices.map((d) => d.name);
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i)
      problems.push({
        path: ["vpn", "devices", i, "name"],
        value: n,
        message: "is used by another device; device names must be unique",
      });
  });
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

/** The transit VIF's BGP peers: host addresses in the same /30 or /31, not the same address. */
function peerAddressProblems(amazon: string, customer: string): Problem[] {
  const problems: Problem[] = [];
  const parse = (value: string) => {
    const m = /^(\d+\.\d+\.\d+\.\d+)\/(30|31)$/.exec(value);
    if (!m) return undefined;
    const net = parseCidr(`${networkOf(m[1]!, Number(m[2]))}/${m[2]}`);
    return { address: m[1]!, net };
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
