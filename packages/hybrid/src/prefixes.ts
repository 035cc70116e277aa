/**
 * What AWS advertises to on-premises over Direct Connect and over VPN, derived from the address
 * plan (never typed twice) and from what the hub really routes, and the rule that keeps Direct
 * Connect primary: for every address, the longest prefix on-premises learns over DX is at least as
 * long as the one it learns over VPN.
 *
 * Advertise only what is routable: for a Transit Gateway association, Direct Connect advertises
 * the allowed prefixes as given, whatever the Transit Gateway routes (Direct Connect User Guide,
 * "Allowed prefixes interactions"), so an allowed prefix with no route in the hybrid table draws
 * on-premises traffic into a black hole.
 */
import { cidrContains, cidrSize, parseCidr } from "@platform/core";

export interface AddressPlan {
  readonly onPremises: readonly string[];
  readonly sharedServices: readonly string[];
  readonly environments: Readonly<
    Record<string, { readonly cidr: string; readonly segment: string }>
  >;
}

/**
 * DX gateway association allowed prefixes: what the hybrid table routes. Every environment
 * allocation (each environment stack attaches its VPC and routes its allocation into the hybrid
 * table; the cross-stack network check verifies it), and each shared-services range that holds a
 * VPC the hub itself attaches (`attachedSharedVpcs`, whose spoke routes the range). A
 * shared-services range with nothing attached is not advertised.
 */
export function dxAllowedPrefixes(
  plan: AddressPlan,
  attachedSharedVpcs: readonly string[],
): string[] {
  const routedShared = plan.sharedServices.filter((range) =>
    attachedSharedVpcs.some((vpc) => cidrContains(parseCidr(range), parseCidr(vpc))),
  );
  return [...Object.values(plan.environments).map((e) => e.cidr), ...routedShared];
}

/**
 * What the hybrid route table holds, so what AWS advertises over VPN. With a summarising hybrid
 * segment, every attachment installs its allocation: the same prefixes as over DX. Without
 * summarising, spokes propagate their exact VPC CIDRs, which the hub cannot know.
 */
export function vpnAdvertisedPrefixes(
  plan: AddressPlan,
  hybridSummarises: boolean,
  attachedSharedVpcs: readonly string[],
): string[] | undefined {
  return hybridSummarises ? dxAllowedPrefixes(plan, attachedSharedVpcs) : undefined;
}

/** Attached shared-services VPCs that lie in no shared-services range (they would not be routed). */
export function unplannedSharedVpcs(
  plan: AddressPlan,
  attachedSharedVpcs: readonly string[],
): string[] {
  return attachedSharedVpcs.filter(
    (vpc) => !plan.sharedServices.some((range) => cidrContains(parseCidr(range), parseCidr(vpc))),
  );
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
