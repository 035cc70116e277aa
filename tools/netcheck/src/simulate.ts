/**
 * Failover simulation and invariants over a NetworkModel: for each scenario, the effective route
 * tables, what on-premises learns over DX and over VPN, the path traffic takes between
 * on-premises and every VPC in both directions, between every pair of environments, and between
 * the deploy runner and every environment, and the invariants that must hold.
 */
import { cidrContains, cidrSize, findOverlaps } from "@platform/core";
import type { LabelledCidr } from "@platform/core";
import type { Attachment, NetworkModel, Scenario } from "./model";
import { attachmentUp, scenarios } from "./model";
import type { Decision } from "./routing";
import { addressOf, cidr, RouteTable } from "./routing";

export interface Path {
  readonly reachable: boolean;
  /** Human-readable hops, e.g. "DX > hybrid table > dev". */
  readonly text: string;
  /** The on-premises link used, when one is. */
  readonly link?: "dx" | "vpn";
}

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
}

export interface Violation {
  readonly invariant: string;
  readonly scenario?: string;
  readonly message: string;
}

export interface NetcheckReport {
  readonly scenarios: ScenarioResult[];
  readonly violations: Violation[];
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

function describe(decision: Decision): string {
  if (decision.kind === "none") return "no route";
  if (decision.kind === "blackhole") return `blackhole ${decision.prefix}`;
  return decision.attachments.map(label).join(" | ");
}

function label(a: Attachment): string {
  if (a.kind === "vpc") return a.environment ?? a.id;
  if (a.kind === "dx") return "DX";
  return `VPN ${a.device}`;
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

const tgwOnly: Path = { reachable: false, text: "TGW route only (no VPC route)" };

/** Whether a table forwards a VPC's address to that VPC, cached per table and destination. */
function pairDecision(
  cache: Map<string, Path>,
  table: RouteTable | undefined,
  to: Attachment,
): Path {
  const key = `${table?.segment}|${to.id}`;
  let path = cache.get(key);
  if (!path) {
    const decision = table ? table.lookup(addressOf(to.cidr!)) : ({ kind: "none" } as const);
    const reachable =
      decision.kind === "forward" && decision.attachments.some((a) => a.id === to.id);
    path = reachable
      ? { reachable: true, text: `${table!.segment} table > ${to.environment ?? to.id}` }
      : { reachable: false, text: `no TGW route (${describe(decision)})` };
    cache.set(key, path);
  }
  return path;
}

/** At most `n` prefixes for a message, then a count. */
function some(prefixes: readonly string[], n = 6): string {
  return prefixes.length <= n
    ? prefixes.join(", ")
    : `${prefixes.slice(0, n).join(", ")} and ${prefixes.length - n} more`;
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
        text: `${linkText} > ${ingress ?? "?"} table > ${describe(decision)}`,
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
        text: `VPC > ${vpc.associatedWith ?? "?"} table > ${describe(decision)}`,
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
  };
}

/** The VPC attachment whose VPC holds every subnet of the deploy runner. */
export function runnerAttachment(model: NetworkModel): Attachment | undefined {
  const cidrs = model.deployRunner?.cidrs ?? [];
  if (cidrs.length === 0) return undefined;
  return model.attachments.find(
    (a) => a.kind === "vpc" && a.cidr && cidrs.every((c) => cidrContains(cidr(a.cidr!), cidr(c))),
  );
}

/**
 * One direction between two VPCs for every address of `destination`: the source VPC routes it to
 * the Transit Gateway, and the source's table forwards all of it to the destination's attachment.
 */
function vpcToVpc(
  model: NetworkModel,
  tables: Map<string, RouteTable>,
  from: Attachment,
  to: Attachment,
  destination: string,
): Path {
  const range = cidr(destination);
  const vpcRoute = vpcRouteFor(model, from.id, range.base);
  if (!vpcRoute || !cidrContains(cidr(vpcRoute), range))
    return { reachable: false, text: `no VPC route from ${label(from)} to ${destination}` };
  const table = from.associatedWith ? tables.get(from.associatedWith) : undefined;
  const decision = table ? table.lookup(range.base) : ({ kind: "none" } as const);
  const reachable =
    decision.kind === "forward" &&
    decision.attachments.some((a) => a.id === to.id) &&
    cidrContains(cidr(decision.prefix), range);
  return {
    reachable,
    text: `${label(from)} VPC > ${from.associatedWith ?? "?"} table > ${describe(decision)}`,
  };
}

/** The deploy runner to every other VPC (its whole CIDR) and back to each runner subnet. */
function runnerPaths(
  model: NetworkModel,
  vpcs: readonly Attachment[],
  tables: Map<string, RouteTable>,
): { runnerToEnv: Record<string, Path>; envToRunner: Record<string, Path> } {
  const runnerToEnv: Record<string, Path> = {};
  const envToRunner: Record<string, Path> = {};
  const runner = runnerAttachment(model);
  if (!runner) return { runnerToEnv, envToRunner };
  for (const vpc of vpcs) {
    if (vpc.id === runner.id) continue;
    const env = vpc.environment ?? vpc.id;
    runnerToEnv[env] = vpcToVpc(model, tables, runner, vpc, vpc.cidr!);
    const back = model.deployRunner!.cidrs.map((c) => vpcToVpc(model, tables, vpc, runner, c));
    envToRunner[env] = back.find((p) => !p.reachable) ?? back[0]!;
  }
  return { runnerToEnv, envToRunner };
}

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

const routeIndex = new WeakMap<
  NetworkModel,
  Map<string, Array<{ base: number; size: number; length: number; prefix: string }>>
>();

/** The VPC route of an attachment's VPC covering an address (longest match), if any. */
function vpcRouteFor(model: NetworkModel, attachment: string, address: number): string | undefined {
  let index = routeIndex.get(model);
  if (!index) {
    index = new Map();
    for (const r of model.vpcRoutes) {
      const c = cidr(r.prefix);
      const list = index.get(r.attachment) ?? [];
      list.push({ base: c.base, size: 2 ** (32 - c.prefix), length: c.prefix, prefix: r.prefix });
      index.set(r.attachment, list);
    }
    routeIndex.set(model, index);
  }
  let best: { prefix: string; length: number } | undefined;
  for (const r of index.get(attachment) ?? []) {
    if (address >= r.base && address < r.base + r.size && (!best || r.length > best.length))
      best = r;
  }
  return best?.prefix;
}

const tierOf = (model: NetworkModel, segment?: string) =>
  segment ? model.segments[segment]?.tier : undefined;

export function check(model: NetworkModel): NetcheckReport {
  const violations: Violation[] = [];
  const vpcs = model.attachments.filter((a) => a.kind === "vpc" && a.cidr);

  // 1. No overlapping CIDRs across all stacks and on-premises. A VPC associated with a shared-tier
  // segment may lie inside a shared-services range: that is where the shared-services VPC lives.
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
  for (const [a, b] of findOverlaps(ranges)) {
    const [range, vpc] = sharedRanges.has(a) ? [a, b] : [b, a];
    if (
      sharedRanges.has(range) &&
      sharedVpcs.has(vpc) &&
      cidrContains(cidr(range.cidr), cidr(vpc.cidr))
    )
      continue;
    violations.push({
      invariant: "no-overlap",
      message: `${a.label} ${a.cidr} overlaps ${b.label} ${b.cidr}`,
    });
  }

  // 5. Allowed prefixes cover every environment range and stay within the quota.
  for (const v of vpcs) {
    if (!model.dxAllowedPrefixes.some((p) => cidrContains(cidr(p), cidr(v.cidr!)))) {
      violations.push({
        invariant: "allowed-prefixes",
        message: `VPC of ${v.environment} (${v.cidr}, ${v.stack}) is not covered by any Direct Connect allowed prefix (${some(model.dxAllowedPrefixes)}); on-premises cannot reach it over DX`,
      });
    }
  }
  if (model.dxAllowedPrefixes.length > model.allowedPrefixQuota) {
    violations.push({
      invariant: "allowed-prefixes",
      message: `${model.dxAllowedPrefixes.length} allowed prefixes exceed the quota of ${model.allowedPrefixQuota}`,
    });
  }

  const vpcsByTable = new Map<string, Attachment[]>();
  for (const v of vpcs)
    if (v.associatedWith)
      vpcsByTable.set(v.associatedWith, [...(vpcsByTable.get(v.associatedWith) ?? []), v]);
  let allUpTables: Map<string, RouteTable> | undefined;
  const results = scenarios(model).map((scenario) => {
    const { tables } = buildTables(model, scenario);
    if (scenario.name === "all-up") allUpTables = tables;
    const result = simulate(model, scenario, tables);
    const leavesPath =
      scenario.links.dx || Object.values(scenario.links.tunnelsUp).some((n) => n > 0);
    for (const v of vpcs) {
      const env = v.environment!;
      const inbound = result.onPremToEnv[env]!;
      const outbound = result.envToOnPrem[env]!;
      // 3. On-premises reaches every environment in both directions while any link is up.
      if (leavesPath && (!inbound.reachable || !outbound.reachable)) {
        violations.push({
          invariant: "onprem-reachability",
          scenario: scenario.name,
          message: `${env} (${v.cidr}, ${v.stack}) is unreachable ${!inbound.reachable ? `from on-premises: ${inbound.text}` : `towards on-premises: ${outbound.text}`}`,
        });
      }
      // 4. While DX is up it carries both directions (no asymmetric VPN path).
      if (
        scenario.links.dx &&
        inbound.reachable &&
        outbound.reachable &&
        (inbound.link !== "dx" || outbound.link !== "dx")
      ) {
        violations.push({
          invariant: "dx-primary",
          scenario: scenario.name,
          message: `DX is up but ${env} (${v.cidr}) uses ${inbound.link === "dx" ? "DX" : "VPN"} from on-premises and ${outbound.link === "dx" ? "DX" : "VPN"} back (on-premises learns ${some(result.learnedOverVpn)} over VPN vs ${some(result.learnedOverDx)} over DX)`,
        });
      }
    }
    // 2. Nonprod and prod never reach each other, at the Transit Gateway level: checked per
    // table and destination, then reported for each source VPC associated with that table.
    for (const [segment, table] of tables) {
      const ta = tierOf(model, segment);
      const sources = vpcsByTable.get(segment) ?? [];
      if ((ta !== "prod" && ta !== "nonprod") || sources.length === 0) continue;
      for (const b of vpcs) {
        const tb = tierOf(model, b.associatedWith);
        if (!((ta === "prod" && tb === "nonprod") || (ta === "nonprod" && tb === "prod"))) continue;
        const decision = table.lookup(addressOf(b.cidr!));
        if (decision.kind !== "forward" || !decision.attachments.some((x) => x.id === b.id))
          continue;
        for (const a of sources) {
          violations.push({
            invariant: "segment-isolation",
            scenario: scenario.name,
            message: `${a.environment} (${ta}, ${a.stack}) reaches ${b.environment} (${tb}, ${b.cidr}) through the ${segment} route table`,
          });
        }
      }
    }
    // 7. Direct Connect advertises only what the table it is associated with routes: on-premises
    // sends traffic for an allowed prefix to AWS, and without a route it is dropped there.
    const dx = model.attachments.find((a) => a.kind === "dx");
    if (dx && scenario.links.dx) {
      const table = dx.associatedWith ? tables.get(dx.associatedWith) : undefined;
      for (const prefix of model.dxAllowedPrefixes) {
        const missing = unroutedAddresses(table, prefix);
        if (missing === 0) continue;
        const size = cidrSize(cidr(prefix));
        violations.push({
          invariant: "advertised-routable",
          scenario: scenario.name,
          message:
            missing === size
              ? `Direct Connect advertises ${prefix} but the ${dx.associatedWith ?? "?"} table has no route for it: on-premises traffic to ${prefix} is dropped at the Transit Gateway; attach what lives there or stop advertising it`
              : `Direct Connect advertises ${prefix} but the ${dx.associatedWith ?? "?"} table routes only ${size - missing} of its ${size} addresses: traffic to the rest is dropped at the Transit Gateway`,
        });
      }
    }
    // 8. The deploy runner reaches every private Kubernetes API both ways.
    const privateApis = vpcs.filter((v) => v.kubernetesApi === "private");
    const runner = runnerAttachment(model);
    for (const v of privateApis) {
      if (v.id === runner?.id) continue;
      const where = `${v.environment}'s private Kubernetes API (${v.cidr}, ${v.stack})`;
      if (!runner) {
        violations.push({
          invariant: "deploy-runner-reach",
          scenario: scenario.name,
          message: model.deployRunner
            ? `the deploy runner's subnets (${model.deployRunner.cidrs.join(", ")}) lie in no attached VPC, so nothing routes ${where}`
            : `the hub exports no deploy runner, so nothing can reach ${where} to deploy it`,
        });
        continue;
      }
      const there = result.runnerToEnv[v.environment!]!;
      const back = result.envToRunner[v.environment!]!;
      if (!there.reachable || !back.reachable) {
        violations.push({
          invariant: "deploy-runner-reach",
          scenario: scenario.name,
          message: `the deploy runner ${model.deployRunner!.projectName} (${model.deployRunner!.cidrs.join(", ")}) cannot reach ${where}: ${there.reachable ? `the way back: ${back.text}` : there.text}`,
        });
      }
    }
    return result;
  });

  // 6. Every VPC route to on-premises has a matching route in the TGW and a route back.
  // The all-up tables, built by the first scenario above.
  const tables = allUpTables ?? buildTables(model, scenarios(model)[0]!).tables;
  const edge = model.attachments.filter((a) => a.kind !== "vpc" && a.associatedWith);
  const byId = new Map(model.attachments.map((a) => [a.id, a]));
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
      violations.push({
        invariant: "return-route",
        message: `${r.routeTable} (${vpc.stack}) routes ${r.prefix} to the Transit Gateway but the ${vpc.associatedWith} table has no route for it`,
      });
    }
    for (const e of edge) {
      const back = tables.get(e.associatedWith!)!.lookup(addressOf(vpc.cidr!));
      if (!(back.kind === "forward" && back.attachments.some((a) => a.id === vpc.id))) {
        violations.push({
          invariant: "return-route",
          message: `${r.routeTable} (${vpc.stack}) sends ${r.prefix} to on-premises but the ${e.associatedWith} table (${label(e)}) has no route back to ${vpc.cidr}`,
        });
      }
    }
  }
  return { scenarios: results, violations: dedupe(violations) };
}

function dedupe(list: Violation[]): Violation[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = `${v.invariant}|${v.scenario}|${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
