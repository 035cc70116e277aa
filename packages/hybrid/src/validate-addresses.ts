/**
 * Addressing rules of hybrid connectivity: VPN tunnel inside CIDRs (a /30 in 169.254.0.0/16, not
 * reserved by AWS) and the transit VIF's BGP peer addresses (the two hosts of one /30 or /31).
 */
import { cidrContains, cidrProblem, parseCidr, RESERVED_TUNNEL_INSIDE_CIDRS } from "@platform/core";
import type { Problem } from "@platform/core";

export function insideCidrProblem(cidr: string): string | undefined {
  const problem = cidrProblem(cidr);
  if (problem) return problem;
  const parsed = parseCidr(cidr);
  if (parsed.prefix !== 30 || !cidrContains(parseCidr("169.254.0.0/16"), parsed))
    return "must be a /30 inside 169.254.0.0/16";
  if (RESERVED_TUNNEL_INSIDE_CIDRS.includes(cidr))
    return `is reserved by AWS (${RESERVED_TUNNEL_INSIDE_CIDRS.join(", ")}); pick another /30`;
  return undefined;
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
export function peerAddressProblems(amazon: string, customer: string): Problem[] {
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
