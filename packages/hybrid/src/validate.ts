/**
 * Validators for hybrid connectivity, at least the rules AWS Landing Zone Accelerator checks:
 * ASN collisions, VLAN range, DPD timeout, IKE lifetimes, rekey margin, startup action only with
 * IKEv2, inside CIDRs (a /30 in 169.254.0.0/16, not reserved, unique), plus MTU and BGP peer
 * addresses of the transit VIF, the ASN ranges the API fields the component uses accept, device
 * addresses and names that must be unique, and the tunnel algorithm values AWS accepts. Each
 * problem names the path, the value and the fix. The addressing rules are in validate-addresses.ts,
 * the tunnel options' in validate-tunnel.ts; `hybridProblems` runs them all.
 */
import {
  cidrsOverlap,
  duplicates,
  isPrivateAsn,
  parseCidr,
  publicIpv4Problem,
} from "@platform/core";
import type { Problem } from "@platform/core";
import type { HybridConnectivityArgs } from "./args";
import {
  dxAllowedPrefixes,
  prefixProblems,
  unplannedSharedVpcs,
  vpnAdvertisedPrefixes,
} from "./prefixes";
import type { HybridConfig } from "./schema";
import { insideCidrProblem, peerAddressProblems, peerSubnetOf } from "./validate-addresses";
import { tunnelProblems } from "./validate-tunnel";

export * from "./validate-addresses";
export * from "./validate-tunnel";

/** What the rules read of a hybrid section (the stack passes the whole validated section). */
export type HybridChecked = Pick<HybridConfig, "directConnect" | "vpn">;

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

/**
 * Every problem of a hybrid section: `transitGatewayAsn` is the hub's Amazon-side ASN (the stack's
 * transitGateway.amazonSideAsn), which the DX gateway and on-premises ASNs must not reuse. Paths are
 * relative to the hybrid section.
 */
export function hybridProblems(config: HybridChecked, transitGatewayAsn: number): Problem[] {
  const problems: Problem[] = [];
  const dx = config.directConnect;
  if (dx) {
    if (dx.gatewayAsn === transitGatewayAsn) {
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
    if ([transitGatewayAsn, dx.gatewayAsn].includes(dx.customerAsn)) {
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
  config.vpn.devices.forEach((device, d) => {
    if ([transitGatewayAsn, dx?.gatewayAsn].includes(device.bgpAsn)) {
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
  const devices = config.vpn.devices;
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
    ...tunnelProblems(config.vpn.tunnel).map((p) => ({ ...p, path: ["vpn", "tunnel", ...p.path] })),
  );
  return problems;
}

/**
 * What the component checks before it creates anything, one line each: the section's rules, the
 * prefixes DX and VPN would advertise, the shared-services VPCs it would route, and the secrets.
 */
export function connectivityProblems(args: HybridConnectivityArgs): string[] {
  const { config } = args;
  const problems = [
    ...hybridProblems(config, args.transitGatewayAsn).map(
      (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`,
    ),
    ...prefixProblems(
      dxAllowedPrefixes(args.addressPlan, args.attachedSharedVpcs),
      vpnAdvertisedPrefixes(args.addressPlan, args.hybridSummarises, args.attachedSharedVpcs),
      config.allowedPrefixQuota,
    ),
    ...unplannedSharedVpcs(args.addressPlan, args.attachedSharedVpcs).map(
      (vpc) =>
        `attached shared-services VPC ${vpc} lies in no shared-services range of the address plan (${args.addressPlan.sharedServices.join(", ")})`,
    ),
  ];
  for (const device of config.vpn.devices) {
    if (!args.preSharedKeys[device.name])
      problems.push(`no pre-shared keys for VPN device ${device.name}`);
  }
  if (config.directConnect && !args.dxBgpAuthKey)
    problems.push("directConnect needs a BGP auth key (a secret)");
  return problems;
}
