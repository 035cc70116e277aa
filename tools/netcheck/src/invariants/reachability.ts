/**
 * Invariants of who reaches whom: nonprod and prod never reach each other, on-premises reaches
 * every environment both ways while a link is up, Direct Connect carries both directions while it
 * is up, and every VPC route to on-premises has a Transit Gateway route out and a route back.
 */
import { crossesProdBoundary } from "@platform/contracts";
import { cidrContains } from "@platform/core/cidr";
import type { Attachment } from "../model";
import { label } from "../paths";
import { addressOf, cidr } from "../routing";
import type { Finding, Invariant } from "./invariant";
import { perScenario, some, tierOf } from "./invariant";

export const segmentIsolation: Invariant = {
  name: "segment-isolation",
  description:
    "Nonprod and prod VPCs never reach each other at the Transit Gateway, in any scenario: no prod-tier table forwards to a nonprod VPC, and no nonprod-tier table to a prod VPC.",
  // Checked per table and destination, then reported for each source VPC associated with that table.
  check: perScenario(({ tables }, { model, vpcs }) => {
    const vpcsByTable = new Map<string, Attachment[]>();
    for (const v of vpcs)
      if (v.associatedWith)
        vpcsByTable.set(v.associatedWith, [...(vpcsByTable.get(v.associatedWith) ?? []), v]);
    const found: string[] = [];
    for (const [segment, table] of tables) {
      const ta = tierOf(model, segment);
      const sources = vpcsByTable.get(segment) ?? [];
      if ((ta !== "prod" && ta !== "nonprod") || sources.length === 0) continue;
      for (const b of vpcs) {
        const tb = tierOf(model, b.associatedWith);
        if (!tb || !crossesProdBoundary(ta, tb)) continue;
        const decision = table.lookup(addressOf(b.cidr!));
        if (decision.kind !== "forward" || !decision.attachments.some((x) => x.id === b.id))
          continue;
        for (const a of sources)
          found.push(
            `${a.environment} (${ta}, ${a.stack}) reaches ${b.environment} (${tb}, ${b.cidr}) through the ${segment} route table`,
          );
      }
    }
    return found;
  }),
};

export const onpremReachability: Invariant = {
  name: "onprem-reachability",
  description:
    "On-premises reaches every VPC and every VPC reaches on-premises in every scenario that leaves a link (DX or a VPN tunnel) up.",
  check: perScenario(({ scenario, result }, { vpcs }) => {
    const leavesPath =
      scenario.links.dx || Object.values(scenario.links.tunnelsUp).some((n) => n > 0);
    if (!leavesPath) return [];
    return vpcs.flatMap((v) => {
      const inbound = result.onPremToEnv[v.environment!]!;
      const outbound = result.envToOnPrem[v.environment!]!;
      if (inbound.reachable && outbound.reachable) return [];
      return [
        `${v.environment} (${v.cidr}, ${v.stack}) is unreachable ${!inbound.reachable ? `from on-premises: ${inbound.text}` : `towards on-premises: ${outbound.text}`}`,
      ];
    });
  }),
};

export const dxPrimary: Invariant = {
  name: "dx-primary",
  description:
    "While Direct Connect is up it carries both directions between on-premises and every reachable VPC: no asymmetric path over VPN.",
  check: perScenario(({ scenario, result }, { vpcs }) => {
    if (!scenario.links.dx) return [];
    return vpcs.flatMap((v) => {
      const inbound = result.onPremToEnv[v.environment!]!;
      const outbound = result.envToOnPrem[v.environment!]!;
      if (!inbound.reachable || !outbound.reachable) return [];
      if (inbound.link === "dx" && outbound.link === "dx") return [];
      return [
        `DX is up but ${v.environment} (${v.cidr}) uses ${inbound.link === "dx" ? "DX" : "VPN"} from on-premises and ${outbound.link === "dx" ? "DX" : "VPN"} back (on-premises learns ${some(result.learnedOverVpn)} over VPN vs ${some(result.learnedOverDx)} over DX)`,
      ];
    });
  }),
};

export const returnRoute: Invariant = {
  name: "return-route",
  description:
    "Every VPC route to on-premises has a Transit Gateway route out in the VPC's table, and the table of every on-premises link routes the VPC's CIDR back to it (with every link up).",
  check({ model, runs }) {
    // The all-up tables: scenarios(model) starts with every link up.
    const tables = runs.find((r) => r.scenario.name === "all-up")?.tables;
    if (!tables) return [];
    const edge = model.attachments.filter((a) => a.kind !== "vpc" && a.associatedWith);
    const byId = new Map(model.attachments.map((a) => [a.id, a]));
    const found: Finding[] = [];
    for (const r of model.vpcRoutes) {
      if (
        !model.onPremises.some(
          (p) => cidrContains(cidr(p), cidr(r.prefix)) || cidrContains(cidr(r.prefix), cidr(p)),
        )
      )
        continue;
      const vpc = byId.get(r.attachment);
      if (!vpc?.associatedWith) continue;
      const out = tables.get(vpc.associatedWith)!.lookup(addressOf(r.prefix));
      if (out.kind !== "forward") {
        found.push({
          message: `${r.routeTable} (${vpc.stack}) routes ${r.prefix} to the Transit Gateway but the ${vpc.associatedWith} table has no route for it`,
        });
      }
      for (const e of edge) {
        const back = tables.get(e.associatedWith!)!.lookup(addressOf(vpc.cidr!));
        if (!(back.kind === "forward" && back.attachments.some((a) => a.id === vpc.id))) {
          found.push({
            message: `${r.routeTable} (${vpc.stack}) sends ${r.prefix} to on-premises but the ${e.associatedWith} table (${label(e)}) has no route back to ${vpc.cidr}`,
          });
        }
      }
    }
    return found;
  },
};
