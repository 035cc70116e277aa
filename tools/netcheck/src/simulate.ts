/**
 * The routing simulation of one scenario over a NetworkModel: the effective Transit Gateway route
 * tables with the scenario's links, what on-premises learns over DX and over VPN, and the path
 * traffic takes between on-premises and every VPC in both directions, between every pair of
 * environments, and between the deploy runner and every environment. The invariants judge these
 * results (invariants/); the scenarios are in scenarios.ts.
 */
import type { Attachment, NetworkModel } from "./model";
import type { Path } from "./paths";
import { describeDecision, pairDecision, runnerPaths, tgwOnly, vpcRouteFor } from "./paths";
import { addressOf, cidr, RouteTable } from "./routing";
import type { Scenario } from "./scenarios";
import { attachmentUp } from "./scenarios";

export interface ScenarioResult {
  readonly scenario: string;
  readonly description: string;
  readonly onPremToEnv: Record<string, Path>;
  readonly envToOnPrem: Record<string, Path>;
  /** envToEnv[from][to] for every ordered pair of environments. */
  readonly envToEnv: Record<string, Record<string, Path>>;
  /** The deploy runner to each other VPC, and back (when the hub has a runner). */
  readonly runnerToEnv: Record<string, Path>;
  readonly envToRunner: Record<string, Path>;
  readonly learnedOverDx: readonly string[];
  readonly learnedOverVpn: readonly string[];
  /**
   * Hybrid DNS (when the hub has it): on-premises resolvers to the inbound endpoint's VPC, and
   * the outbound endpoint's VPC (the same) to on-premises.
   */
  readonly dns?: { readonly inbound: Path; readonly outbound: Path };
}

interface Built {
  readonly tables: Map<string, RouteTable>;
  readonly byId: Map<string, Attachment>;
}

/** The effective Transit Gateway route tables with the links of a scenario. */
export function buildTables(model: NetworkModel, scenario: Scenario): Built {
  const byId = new Map(model.attachments.map((a) => [a.id, a]));
  const tables = new Map(Object.keys(model.segments).map((s) => [s, new RouteTable(s)]));
  const table = (s: string) => {
    let t = tables.get(s);
    if (!t) tables.set(s, (t = new RouteTable(s)));
    return t;
  };
  for (const r of model.staticRoutes) {
    const target = r.attachment ? byId.get(r.attachment) : undefined;
    if (!r.blackhole && (!target || !attachmentUp(target, scenario.links))) continue;
    table(r.table).add({
      prefix: r.prefix,
      origin: "static",
      attachment: target,
      blackhole: r.blackhole,
    });
  }
  for (const p of model.propagations) {
    const a = byId.get(p.attachment);
    if (!a || !attachmentUp(a, scenario.links)) continue;
    const prefixes = a.kind === "vpc" ? (a.cidr ? [a.cidr] : []) : model.onPremises;
    for (const prefix of prefixes)
      table(p.table).add({ prefix, origin: "propagated", attachment: a });
  }
  return { tables, byId };
}

/** Longest match over a list of prefixes (what on-premises learnt from one link). */
function longest(
  prefixes: ReadonlyArray<{ base: number; prefix: number }>,
  address: number,
): number {
  let best = -1;
  for (const c of prefixes) {
    if (c.prefix > best && address >= c.base && address < c.base + 2 ** (32 - c.prefix))
      best = c.prefix;
  }
  return best;
}

/** Paths in one scenario; `tables` lets a caller that already built them avoid doing it again. */
export function simulate(
  model: NetworkModel,
  scenario: Scenario,
  tables = buildTables(model, scenario).tables,
): ScenarioResult {
  const vpcs = model.attachments.filter((a) => a.kind === "vpc" && a.cidr);
  const dx = model.attachments.find((a) => a.kind === "dx");
  const vpns = model.attachments.filter((a) => a.kind === "vpn" && attachmentUp(a, scenario.links));
  const dxUp = !!dx && scenario.links.dx;

  const learnedOverDx = dxUp ? [...model.dxAllowedPrefixes] : [];
  // Over VPN, AWS advertises the forward routes of the table the VPN attachments are associated with.
  const vpnTable = vpns[0]?.associatedWith ? tables.get(vpns[0].associatedWith) : undefined;
  const learnedOverVpn =
    vpns.length && vpnTable
      ? [
          ...new Set(
            vpnTable
              .routes()
              .filter((r) => !r.blackhole)
              .map((r) => r.prefix),
          ),
        ]
      : [];

  const dxLearned = learnedOverDx.map(cidr);
  const vpnLearned = learnedOverVpn.map(cidr);
  const onPremToEnv: Record<string, Path> = {};
  const envToOnPrem: Record<string, Path> = {};
  const envToEnv: Record<string, Record<string, Path>> = {};
  const pairCache = new Map<string, Path>();
  const onPremTarget = addressOf(model.onPremises[0] ?? "0.0.0.0/32");

  for (const vpc of vpcs) {
    const env = vpc.environment ?? vpc.id;
    const address = addressOf(vpc.cidr!);
    // On-premises chooses by longest prefix, DX on a tie (local preference).
    const overDx = longest(dxLearned, address);
    const overVpn = longest(vpnLearned, address);
    if (overDx < 0 && overVpn < 0) {
      onPremToEnv[env] = { reachable: false, text: "on-premises has no route" };
    } else {
      const viaDx = overDx >= overVpn;
      const entries = viaDx ? [dx!] : vpns;
      const ingress = entries[0]!.associatedWith;
      const decision = ingress ? tables.get(ingress)!.lookup(address) : ({ kind: "none" } as const);
      const reachable =
        decision.kind === "forward" && decision.attachments.some((a) => a.id === vpc.id);
      const linkText = viaDx
        ? "DX"
        : `VPN ${vpns.map((v) => v.device).join("+")}${vpns.length > 1 ? " (ECMP)" : ""}`;
      onPremToEnv[env] = {
        reachable,
        link: viaDx ? "dx" : "vpn",
        text: `${linkText} > ${ingress ?? "?"} table > ${describeDecision(decision)}`,
      };
    }

    const vpcRoute = vpcRouteFor(model, vpc.id, onPremTarget);
    if (!vpcRoute) {
      envToOnPrem[env] = { reachable: false, text: "no VPC route to on-premises" };
    } else {
      const decision = vpc.associatedWith
        ? tables.get(vpc.associatedWith)!.lookup(onPremTarget)
        : ({ kind: "none" } as const);
      const egress = decision.kind === "forward" ? decision.attachments : [];
      const link = egress.some((a) => a.kind === "dx")
        ? "dx"
        : egress.some((a) => a.kind === "vpn")
          ? "vpn"
          : undefined;
      envToOnPrem[env] = {
        reachable: !!link,
        link,
        text: `VPC > ${vpc.associatedWith ?? "?"} table > ${describeDecision(decision)}`,
      };
    }

    // Pairs: the TGW decision depends only on the source's table and the destination, so it is
    // computed once per (table, destination) and the Path objects are shared.
    const row: Record<string, Path> = (envToEnv[env] = {});
    const fromTable = vpc.associatedWith ? tables.get(vpc.associatedWith) : undefined;
    for (const other of vpcs) {
      if (other === vpc) continue;
      const tgw = pairDecision(pairCache, fromTable, other);
      const hasVpcRoute = !!vpcRouteFor(model, vpc.id, addressOf(other.cidr!));
      row[other.environment ?? other.id] = tgw.reachable && !hasVpcRoute ? tgwOnly : tgw;
    }
  }
  const { runnerToEnv, envToRunner } = runnerPaths(model, vpcs, tables);
  const dnsVpc = model.dns && vpcs.find((v) => v.id === model.dns!.attachment);
  const dnsEnd = dnsVpc && (dnsVpc.environment ?? dnsVpc.id);
  const noVpc: Path = { reachable: false, text: "the Resolver endpoints are in no attached VPC" };
  return {
    scenario: scenario.name,
    description: scenario.description,
    onPremToEnv,
    envToOnPrem,
    envToEnv,
    runnerToEnv,
    envToRunner,
    learnedOverDx,
    learnedOverVpn,
    ...(model.dns
      ? {
          dns: {
            inbound: dnsEnd ? onPremToEnv[dnsEnd]! : noVpc,
            outbound: dnsEnd ? envToOnPrem[dnsEnd]! : noVpc,
          },
        }
      : {}),
  };
}
