/**
 * Every rule on the hub's config beyond single values, run by the schema in config.ts so the
 * problems are reported with the file before any resource exists. One validator per area
 * (segments, Transit Gateway, hybrid connectivity, address plan), aggregated here, plus the rules
 * that span areas.
 */
import {
  cidrContains,
  cidrProblem,
  cidrsOverlap,
  duplicates,
  findOverlaps,
  parseCidr,
  under,
} from "@platform/core";
import type { Problem } from "@platform/core";
import {
  dxAllowedPrefixes,
  hybridProblems,
  peerSubnetOf,
  prefixQuotaProblem,
  vpnAdvertisedPrefixes,
  vpnPreferenceProblems,
} from "@platform/hybrid";
import type { NetworkStackShape } from "./config";

export function networkProblems(cfg: NetworkStackShape): Problem[] {
  // The segment map's and the Transit Gateway's own checks run in their schemas (validate.ts of
  // @platform/transit-gateway); these are the rules across areas.
  return [
    ...addressPlanProblems(cfg),
    ...(cfg.hybrid ? hybridConfigProblems(cfg, cfg.hybrid) : []),
    ...(cfg.sharedServices ? sharedServicesProblems(cfg, cfg.sharedServices) : []),
  ];
}

/** The CIDRs of the VPCs the hub attaches in shared-services ranges (what it routes there). */
export function attachedSharedVpcs(cfg: NetworkStackShape): string[] {
  return cfg.sharedServices ? [cfg.sharedServices.vpc.cidr] : [];
}

/** The shared-services VPC's place in the segments and the address plan; the runner's needs. */
function sharedServicesProblems(
  cfg: NetworkStackShape,
  shared: NonNullable<NetworkStackShape["sharedServices"]>,
): Problem[] {
  const problems: Problem[] = [];
  const segment = cfg.segments[shared.segment];
  if (!segment) {
    problems.push({
      path: ["sharedServices", "segment"],
      value: shared.segment,
      message: `is not a segment; ${knownSegments(cfg)}`,
    });
  } else if (segment.tier !== "shared") {
    problems.push({
      path: ["sharedServices", "segment"],
      value: shared.segment,
      message: `is a ${segment.tier} segment; the shared-services VPC joins a shared-tier segment (it reaches prod and nonprod)`,
    });
  }
  const ranges = cfg.addressPlan.sharedServices.filter((r) => !cidrProblem(r));
  if (
    !cidrProblem(shared.vpc.cidr) &&
    !ranges.some((r) => cidrContains(parseCidr(r), parseCidr(shared.vpc.cidr)))
  ) {
    problems.push({
      path: ["sharedServices", "vpc", "cidr"],
      value: shared.vpc.cidr,
      message: `is outside addressPlan.sharedServices (${cfg.addressPlan.sharedServices.join(", ") || "empty"}); use a block inside one of them`,
    });
  }
  const tiers = shared.vpc.tiers.map((t) => t.name);
  if (!tiers.includes("transit"))
    problems.push({
      path: ["sharedServices", "vpc", "tiers"],
      value: tiers,
      message: "needs a transit tier for the Transit Gateway attachment",
    });
  if (shared.deployRunner) {
    if (!tiers.includes("private"))
      problems.push({
        path: ["sharedServices", "vpc", "tiers"],
        value: tiers,
        message: "needs a private tier: the deploy runner's builds run there",
      });
    if (shared.vpc.natStrategy === "none")
      problems.push({
        path: ["sharedServices", "vpc", "natStrategy"],
        value: "none",
        message:
          "the deploy runner needs a NAT path to GitHub and the AWS APIs (CodeBuild gives VPC builds no public IP); use single or perAz",
      });
  }
  return problems;
}

function knownSegments(cfg: NetworkStackShape): string {
  return `known segments: ${Object.keys(cfg.segments).join(", ")}`;
}

function addressPlanProblems(cfg: NetworkStackShape): Problem[] {
  const problems: Problem[] = [];
  const plan = cfg.addressPlan;
  for (const [env, allocation] of Object.entries(plan.environments)) {
    const path = ["addressPlan", "environments", env, "segment"];
    const segment = cfg.segments[allocation.segment];
    if (!segment) {
      problems.push({
        path,
        value: allocation.segment,
        message: `is not a segment; ${knownSegments(cfg)}`,
      });
    } else if (cfg.hybrid && allocation.segment === cfg.hybrid.segment) {
      problems.push({
        path,
        value: allocation.segment,
        message:
          "is the hybrid segment, where Direct Connect and VPN attach; a VPC there could not reach on-premises (the segment is isolated) and would bypass segment isolation. Use a prod, nonprod or shared segment",
      });
    }
  }
  const entries = [
    ...plan.onPremises.map((cidr, i) => ({ path: ["onPremises", i], cidr })),
    ...plan.sharedServices.map((cidr, i) => ({ path: ["sharedServices", i], cidr })),
    ...Object.entries(plan.environments).map(([env, a]) => ({
      path: ["environments", env, "cidr"],
      cidr: a.cidr,
    })),
  ]
    .filter((e) => !cidrProblem(e.cidr))
    .map((e) => ({ ...e, label: `addressPlan.${dotted(e.path)}` }));
  for (const [a, b] of findOverlaps(entries)) {
    const later = entries.find((e) => e.label === b.label)!;
    problems.push({
      path: ["addressPlan", ...later.path],
      value: b.cidr,
      message: `overlaps ${a.label} (${a.cidr}); every range in the address plan must be disjoint`,
    });
  }
  return problems;
}

function hybridConfigProblems(
  cfg: NetworkStackShape,
  hybrid: NonNullable<NetworkStackShape["hybrid"]>,
): Problem[] {
  const problems = under(["hybrid"], hybridProblems(hybrid, cfg.transitGateway.amazonSideAsn));
  const segment = cfg.segments[hybrid.segment];
  if (!segment) {
    problems.push({
      path: ["hybrid", "segment"],
      value: hybrid.segment,
      message: `is not a segment; ${knownSegments(cfg)}`,
    });
  }
  // What DX and VPN advertise is derived from the address plan; the component used to find these
  // only after the hub was created.
  const dx = dxAllowedPrefixes(cfg.addressPlan, attachedSharedVpcs(cfg));
  const quota = prefixQuotaProblem(dx, hybrid.allowedPrefixQuota);
  if (quota) {
    problems.push({
      path: ["hybrid", "allowedPrefixQuota"],
      value: hybrid.allowedPrefixQuota,
      message: quota,
    });
  }
  if (segment) {
    for (const message of vpnPreferenceProblems(
      dx,
      vpnAdvertisedPrefixes(cfg.addressPlan, segment.summarise === true, attachedSharedVpcs(cfg)),
    )) {
      problems.push({ path: ["segments", hybrid.segment], value: segment, message });
    }
  }
  for (const { index, value } of duplicates(hybrid.alarmEmails)) {
    problems.push({
      path: ["hybrid", "alarmEmails", index],
      value,
      message: "is listed twice; SNS keeps one subscription per address",
    });
  }
  // The BGP peer subnet is an interface of the on-premises router: it must not collide with a
  // range the router also routes (on-premises, shared services, an environment).
  const peer = hybrid.directConnect?.amazonAddress;
  const peerSubnet = peer ? peerSubnetOf(peer) : undefined;
  if (peerSubnet) {
    const ranges = [
      ...cfg.addressPlan.onPremises.map((cidr, i) => [`addressPlan.onPremises[${i}]`, cidr]),
      ...cfg.addressPlan.sharedServices.map((cidr, i) => [
        `addressPlan.sharedServices[${i}]`,
        cidr,
      ]),
      ...Object.entries(cfg.addressPlan.environments).map(([env, a]) => [
        `addressPlan.environments.${env}.cidr`,
        a.cidr,
      ]),
    ].filter(([, cidr]) => !cidrProblem(cidr!));
    for (const [label, cidr] of ranges) {
      if (cidrsOverlap(parseCidr(peerSubnet), parseCidr(cidr!))) {
        problems.push({
          path: ["hybrid", "directConnect", "amazonAddress"],
          value: peer,
          message: `its subnet ${peerSubnet} overlaps ${label} (${cidr}); use peer addresses outside the address plan, e.g. in 169.254.0.0/16`,
        });
      }
    }
  }
  return problems;
}

function dotted(path: ReadonlyArray<string | number>): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i ? `.${p}` : p)).join("");
}
