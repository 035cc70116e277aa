/**
 * Route selection as AWS documents it for Transit Gateway: longest prefix first; for the same
 * prefix, static over VPC-propagated over Direct Connect-propagated over VPN-propagated routes
 * (see shared/reference/aws-network-facts.md). Blackhole routes drop. Equal VPN routes are ECMP
 * (vpnEcmpSupport on). Tables are indexed by prefix length so a lookup checks only the lengths
 * present, longest first.
 */
import { parseCidr } from "@platform/core/cidr";
import type { Cidr } from "@platform/core/cidr";

const parsedCidrs = new Map<string, Cidr>();

/** parseCidr with a cache: the same prefixes recur across tables and scenarios. */
export function cidr(text: string): Cidr {
  let c = parsedCidrs.get(text);
  if (!c) parsedCidrs.set(text, (c = parseCidr(text)));
  return c;
}
import type { Attachment, AttachmentKind, RouteOrigin } from "./model";

export interface ActiveRoute {
  readonly prefix: string;
  readonly origin: RouteOrigin;
  readonly attachment?: Attachment;
  readonly blackhole?: boolean;
}

/** Lower is preferred, for routes with the same prefix. */
export function preference(route: {
  origin: RouteOrigin;
  attachment?: { kind: AttachmentKind };
}): number {
  if (route.origin === "static") return 0;
  switch (route.attachment?.kind) {
    case "vpc":
      return 1;
    case "dx":
      return 2;
    case "vpn":
      return 3;
    default:
      return 4;
  }
}

export type Decision =
  | { readonly kind: "none" }
  | { readonly kind: "blackhole"; readonly prefix: string }
  | {
      readonly kind: "forward";
      readonly prefix: string;
      readonly attachments: readonly Attachment[];
      readonly origin: RouteOrigin;
    };

export class RouteTable {
  private readonly byLength = new Map<number, Map<number, ActiveRoute[]>>();
  private lengths: number[] = [];

  constructor(readonly segment: string) {}

  add(route: ActiveRoute): void {
    const { base, prefix } = cidr(route.prefix);
    let bucket = this.byLength.get(prefix);
    if (!bucket) {
      bucket = new Map();
      this.byLength.set(prefix, bucket);
      this.lengths = [...this.byLength.keys()].sort((a, b) => b - a);
    }
    const list = bucket.get(base);
    if (list) list.push(route);
    else bucket.set(base, [route]);
  }

  /** Every route, for reporting. */
  routes(): ActiveRoute[] {
    return [...this.byLength.values()].flatMap((b) => [...b.values()].flat());
  }

  /** The decision for a destination address (an integer IPv4 address). */
  lookup(address: number): Decision {
    for (const length of this.lengths) {
      const size = 2 ** (32 - length);
      const candidates = this.byLength.get(length)!.get(address - (address % size));
      if (!candidates?.length) continue;
      const best = Math.min(...candidates.map(preference));
      const chosen = candidates.filter((c) => preference(c) === best);
      const prefix = chosen[0]!.prefix;
      if (chosen.some((c) => c.blackhole)) return { kind: "blackhole", prefix };
      return {
        kind: "forward",
        prefix,
        attachments: chosen.map((c) => c.attachment!),
        origin: chosen[0]!.origin,
      };
    }
    return { kind: "none" };
  }
}

export function addressOf(text: string): number {
  return cidr(text).base;
}
