/**
 * The failover scenarios netcheck simulates, derived from the model's Direct Connect and VPN
 * devices: every link up, DX down, the first VPN connection down, DX and that VPN down, and one
 * of its tunnels down. A VPN connection is up while at least one of its tunnels is.
 */
import type { Attachment, NetworkModel } from "./model";

/** Which links are up. A VPN connection is up while at least one of its tunnels is. */
export interface LinkState {
  readonly dx: boolean;
  /** Per VPN device: tunnels up. */
  readonly tunnelsUp: Readonly<Record<string, number>>;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly links: LinkState;
}

/** The failure scenarios the issue names, for the model's DX and VPN devices. */
export function scenarios(model: NetworkModel): Scenario[] {
  const vpns = model.attachments.filter((a) => a.kind === "vpn");
  const full = Object.fromEntries(vpns.map((v) => [v.device!, v.tunnels ?? 2]));
  const hasDx = model.attachments.some((a) => a.kind === "dx");
  const out: Scenario[] = [
    { name: "all-up", description: "every link up", links: { dx: hasDx, tunnelsUp: full } },
  ];
  if (hasDx)
    out.push({
      name: "dx-down",
      description: "Direct Connect down",
      links: { dx: false, tunnelsUp: full },
    });
  const first = vpns[0]?.device;
  if (first) {
    out.push({
      name: `vpn-${first}-down`,
      description: `VPN ${first} down`,
      links: { dx: hasDx, tunnelsUp: { ...full, [first]: 0 } },
    });
    if (hasDx)
      out.push({
        name: `dx-and-vpn-${first}-down`,
        description: `Direct Connect and VPN ${first} down`,
        links: { dx: false, tunnelsUp: { ...full, [first]: 0 } },
      });
    out.push({
      name: `tunnel-${first}-1-down`,
      description: `one tunnel of VPN ${first} down`,
      links: { dx: hasDx, tunnelsUp: { ...full, [first]: (full[first] ?? 2) - 1 } },
    });
  }
  return out;
}

export function attachmentUp(a: Attachment, links: LinkState): boolean {
  if (a.kind === "dx") return links.dx;
  if (a.kind === "vpn") return (links.tunnelsUp[a.device!] ?? 0) > 0;
  return true;
}
