/**
 * Paths through the effective Transit Gateway route tables of one scenario: how a decision reads
 * in a report, which VPC route a VPC has for an address, whether a table forwards a VPC's address
 * to it, and the deploy runner's paths to every other VPC and back.
 */
import { cidrContains } from "@platform/core/cidr";
import type { Attachment, NetworkModel } from "./model";
import type { Decision, RouteTable } from "./routing";
import { addressOf, cidr } from "./routing";

export interface Path {
  readonly reachable: boolean;
  /** Human-readable hops, e.g. "DX > hybrid table > dev". */
  readonly text: string;
  /** The on-premises link used, when one is. */
  readonly link?: "dx" | "vpn";
}

export function describeDecision(decision: Decision): string {
  if (decision.kind === "none") return "no route";
  if (decision.kind === "blackhole") return `blackhole ${decision.prefix}`;
  return decision.attachments.map(label).join(" | ");
}

export function label(a: Attachment): string {
  if (a.kind === "vpc") return a.environment ?? a.id;
  if (a.kind === "dx") return "DX";
  return `VPN ${a.device}`;
}

export const tgwOnly: Path = { reachable: false, text: "TGW route only (no VPC route)" };

/** Whether a table forwards a VPC's address to that VPC, cached per table and destination. */
export function pairDecision(
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
      : { reachable: false, text: `no TGW route (${describeDecision(decision)})` };
    cache.set(key, path);
  }
  return path;
}

const routeIndex = new WeakMap<
  NetworkModel,
  Map<string, Array<{ base: number; size: number; length: number; prefix: string }>>
>();

/** The VPC route of an attachment's VPC covering an address (longest match), if any. */
export function vpcRouteFor(
  model: NetworkModel,
  attachment: string,
  address: number,
): string | undefined {
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
    text: `${label(from)} VPC > ${from.associatedWith ?? "?"} table > ${describeDecision(decision)}`,
  };
}

/** The deploy runner to every other VPC (its whole CIDR) and back to each runner subnet. */
export function runnerPaths(
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
