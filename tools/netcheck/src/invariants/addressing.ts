/**
 * Invariants of the address plan and of what Direct Connect advertises: no overlapping ranges,
 * allowed prefixes that cover every VPC within the quota, and every advertised prefix routed.
 */
import { cidrContains, cidrSize, findOverlaps } from "@platform/core/cidr";
import type { LabelledCidr } from "@platform/core/cidr";
import type { RouteTable } from "../routing";
import { cidr } from "../routing";
import type { Invariant } from "./invariant";
import { perScenario, some, tierOf } from "./invariant";

export const noOverlap: Invariant = {
  name: "no-overlap",
  description:
    "No two CIDRs overlap across the stacks' VPCs, on-premises and the shared-services ranges; only a VPC associated with a shared-tier segment may lie inside a shared-services range.",
  check({ model, vpcs }) {
    // A VPC associated with a shared-tier segment may lie inside a shared-services range: that is
    // where the shared-services VPC lives.
    const sharedVpcs = new Set<LabelledCidr>();
    const sharedRanges = new Set<LabelledCidr>();
    const ranges = [
      ...vpcs.map((v) => {
        const entry = { label: `VPC of ${v.environment} (${v.stack})`, cidr: v.cidr! };
        if (tierOf(model, v.associatedWith) === "shared") sharedVpcs.add(entry);
        return entry;
      }),
      ...model.onPremises.map((c) => ({ label: "on-premises", cidr: c })),
      ...model.sharedServices.map((c) => {
        const entry = { label: "shared services", cidr: c };
        sharedRanges.add(entry);
        return entry;
      }),
    ];
    return findOverlaps(ranges)
      .filter(([a, b]) => {
        const [range, vpc] = sharedRanges.has(a) ? [a, b] : [b, a];
        return !(
          sharedRanges.has(range) &&
          sharedVpcs.has(vpc) &&
          cidrContains(cidr(range.cidr), cidr(vpc.cidr))
        );
      })
      .map(([a, b]) => ({ message: `${a.label} ${a.cidr} overlaps ${b.label} ${b.cidr}` }));
  },
};

export const allowedPrefixes: Invariant = {
  name: "allowed-prefixes",
  description:
    "The Direct Connect gateway association's allowed prefixes cover every VPC and number no more than the allowed-prefix quota.",
  check({ model, vpcs }) {
    const found = vpcs
      .filter((v) => !model.dxAllowedPrefixes.some((p) => cidrContains(cidr(p), cidr(v.cidr!))))
      .map((v) => ({
        message: `VPC of ${v.environment} (${v.cidr}, ${v.stack}) is not covered by any Direct Connect allowed prefix (${some(model.dxAllowedPrefixes)}); on-premises cannot reach it over DX`,
      }));
    if (model.dxAllowedPrefixes.length > model.allowedPrefixQuota) {
      found.push({
        message: `${model.dxAllowedPrefixes.length} allowed prefixes exceed the quota of ${model.allowedPrefixQuota}`,
      });
    }
    return found;
  },
};

/**
 * How much of `prefix` a table forwards (not blackholed) to an attachment: a route containing it,
 * or the union of the routes inside it. Returns the addresses left without a route.
 */
function unroutedAddresses(table: RouteTable | undefined, prefix: string): number {
  const range = cidr(prefix);
  const size = cidrSize(range);
  if (!table) return size;
  const routes = table.routes().filter((r) => !r.blackhole && r.attachment);
  if (routes.some((r) => cidrContains(cidr(r.prefix), range))) return 0;
  // Routes inside the prefix: merge their intervals (a /24 inside a /20 counts once).
  const inside = routes
    .map((r) => cidr(r.prefix))
    .filter((r) => cidrContains(range, r))
    .sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  let covered = 0;
  let end = range.base;
  for (const r of inside) {
    const rEnd = r.base + cidrSize(r);
    if (rEnd <= end) continue;
    covered += rEnd - Math.max(r.base, end);
    end = rEnd;
  }
  return size - covered;
}

export const advertisedRoutable: Invariant = {
  name: "advertised-routable",
  description:
    "While Direct Connect is up, the route table it is associated with routes every prefix it advertises, wholly and not to a blackhole: on-premises sends that traffic to AWS, and without a route it is dropped at the Transit Gateway.",
  check: perScenario(({ scenario, tables }, { model }) => {
    const dx = model.attachments.find((a) => a.kind === "dx");
    if (!dx || !scenario.links.dx) return [];
    const table = dx.associatedWith ? tables.get(dx.associatedWith) : undefined;
    return model.dxAllowedPrefixes.flatMap((prefix) => {
      const missing = unroutedAddresses(table, prefix);
      if (missing === 0) return [];
      const size = cidrSize(cidr(prefix));
      return [
        missing === size
          ? `Direct Connect advertises ${prefix} but the ${dx.associatedWith ?? "?"} table has no route for it: on-premises traffic to ${prefix} is dropped at the Transit Gateway; attach what lives there or stop advertising it`
          : `Direct Connect advertises ${prefix} but the ${dx.associatedWith ?? "?"} table routes only ${size - missing} of its ${size} addresses: traffic to the rest is dropped at the Transit Gateway`,
      ];
    });
  }),
};
