/**
 * What AWS advertises to on-premises over Direct Connect and over VPN, derived from the address
 * plan (never typed twice), and the rule that keeps Direct Connect primary: for every address,
 * the longest prefix on-premises learns over DX is at least as long as the one it learns over VPN.
 */
import { cidrContains, cidrSize, parseCidr } from "@platform/core";

export interface AddressPlan {
  readonly onPremises: readonly string[];
  readonly sharedServices: readonly string[];
  readonly environments: Readonly<
    Record<string, { readonly cidr: string; readonly segment: string }>
  >;
}

/** DX gateway association allowed prefixes: every environment allocation and shared range. */
export function dxAllowedPrefixes(plan: AddressPlan): string[] {
  return [...Object.values(plan.environments).map((e) => e.cidr), ...plan.sharedServices];
}

/**
 * What the hybrid route table holds, so what AWS advertises over VPN. With a summarising hybrid
 * segment, spokes install their allocation; the shared ranges are assumed to do the same.
 * Without summarising, spokes propagate their exact VPC CIDRs, which the hub cannot know.
 */
export function vpnAdvertisedPrefixes(
  plan: AddressPlan,
  hybridSummarises: boolean,
): string[] | undefined {
  return hybridSummarises ? dxAllowedPrefixes(plan) : undefined;
}

export function prefixProblems(
  dx: readonly string[],
  vpn: readonly string[] | undefined,
  quota: number,
): string[] {
  const quotaProblem = prefixQuotaProblem(dx, quota);
  return [...(quotaProblem ? [quotaProblem] : []), ...vpnPreferenceProblems(dx, vpn)];
}

/** Too many allowed prefixes for one DX gateway association. */
export function prefixQuotaProblem(dx: readonly string[], quota: number): string | undefined {
  return dx.length > quota
    ? `Direct Connect would advertise ${dx.length} allowed prefixes but the quota is ${quota} per association; summarise the address plan`
    : undefined;
}

/** Where VPN would advertise something more specific than DX, so on-premises would prefer VPN. */
export function vpnPreferenceProblems(
  dx: readonly string[],
  vpn: readonly string[] | undefined,
): string[] {
  if (!vpn) {
    return [
      "the hybrid segment does not summarise, so spokes propagate exact VPC CIDRs into it and VPN would advertise prefixes more specific than Direct Connect's allowed prefixes; on-premises would prefer VPN while DX is up. Set summarise: true on the hybrid segment",
    ];
  }
  const problems: string[] = [];
  for (const v of vpn) {
    const range = parseCidr(v);
    // Covered by DX prefixes at least as specific as v, inside v.
    const covered = dx
      .map(parseCidr)
      .filter((d) => d.prefix >= range.prefix && cidrContains(range, d))
      .reduce((sum, d) => sum + cidrSize(d), 0);
    if (covered < cidrSize(range)) {
      problems.push(
        `${v} is advertised over VPN but Direct Connect advertises no prefix as specific for all of it; on-premises would prefer VPN for part of ${v}`,
      );
    }
  }
  return problems;
}
