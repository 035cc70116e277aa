/**
 * IPv4 CIDR arithmetic. Parsing and formatting go through ipaddr.js; this module only adds the
 * integer range arithmetic that planners and overlap checks need.
 */
import ipaddr from "ipaddr.js";

/** An IPv4 block as an integer range: `base` is the network address, `prefix` the mask length. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
}

/** Why a string is not an acceptable IPv4 network, or undefined when it is one. */
export function cidrProblem(text: string): string | undefined {
  if (typeof text !== "string" || !ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) {
    return "is not an IPv4 CIDR in a.b.c.d/n form";
  }
  const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  if (network.toString() !== address.toString()) {
    return `has host bits set (the network is ${network.toString()}/${prefix})`;
  }
  return undefined;
}

/**
 * /30s inside 169.254.0.0/16 that AWS reserves and rejects as Site-to-Site VPN tunnel inside CIDRs.
 * Checked against the EC2 API reference, VpnTunnelOptionsSpecification.TunnelInsideCidr, which
 * lists exactly these.
 */
export const RESERVED_TUNNEL_INSIDE_CIDRS: readonly string[] = [
  "169.254.0.0/30",
  "169.254.1.0/30",
  "169.254.2.0/30",
  "169.254.3.0/30",
  "169.254.4.0/30",
  "169.254.5.0/30",
  "169.254.169.252/30",
];

/** Address ranges no internet peer can use: private (RFC 1918), shared (RFC 6598) and special. */
const NOT_ON_THE_INTERNET: Record<string, string> = {
  private: "a private (RFC 1918)",
  carrierGradeNat: "a shared carrier-grade NAT (RFC 6598)",
  loopback: "a loopback",
  linkLocal: "a link-local",
  multicast: "a multicast",
  unspecified: "an unspecified",
  broadcast: "the broadcast",
};

/**
 * Why a string is not a public IPv4 address (one an internet peer can reach), or undefined.
 * Documentation ranges (RFC 5737) pass, so examples can use them.
 */
export function publicIpv4Problem(text: string): string | undefined {
  if (typeof text !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return "is not an IPv4 address in a.b.c.d form";
  }
  const kind = NOT_ON_THE_INTERNET[ipaddr.IPv4.parse(text).range()];
  return kind ? `is ${kind} address, not a public one` : undefined;
}

/** Parses a network CIDR; throws when the text is not one (see {@link cidrProblem}). */
export function parseCidr(text: string): Cidr {
  const problem = cidrProblem(text);
  if (problem) throw new Error(`"${text}" ${problem}`);
  const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
  return { base: toInt(address.toByteArray()), prefix };
}

export function formatCidr(cidr: Cidr): string {
  return `${fromInt(cidr.base)}/${cidr.prefix}`;
}

/** Number of addresses in the block. */
export function cidrSize(cidr: Cidr): number {
  return 2 ** (32 - cidr.prefix);
}

/** Last address of the block, as an integer. */
export function cidrEnd(cidr: Cidr): number {
  return cidr.base + cidrSize(cidr) - 1;
}

/** True when `inner` lies entirely inside `outer` (equal blocks contain each other). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return (
    outer.prefix <= inner.prefix && inner.base >= outer.base && cidrEnd(inner) <= cidrEnd(outer)
  );
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base <= cidrEnd(b) && b.base <= cidrEnd(a);
}

/** A CIDR with a label saying where it came from (a config key, a stack, a VPC). */
export interface LabelledCidr {
  readonly label: string;
  readonly cidr: string;
}

/**
 * Every overlapping pair in the list, found by sorting on the start address: O(n log n + pairs),
 * so address registries with thousands of entries stay cheap.
 */
export function findOverlaps(
  entries: readonly LabelledCidr[],
): Array<[LabelledCidr, LabelledCidr]> {
  const parsed = entries
    .map((entry) => ({ entry, range: parseCidr(entry.cidr) }))
    .sort((x, y) => x.range.base - y.range.base || x.range.prefix - y.range.prefix);
  const pairs: Array<[LabelledCidr, LabelledCidr]> = [];
  const open: typeof parsed = [];
  for (const current of parsed) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (cidrEnd(open[i]!.range) < current.range.base) open.splice(i, 1);
    }
    for (const earlier of open) pairs.push([earlier.entry, current.entry]);
    open.push(current);
  }
  return pairs;
}

function toInt(bytes: number[]): number {
  return bytes.reduce((acc, byte) => acc * 256 + byte, 0);
}

function fromInt(value: number): string {
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return ipaddr.fromByteArray(bytes).toString();
}
