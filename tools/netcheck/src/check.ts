/**
 * The verification: simulate every scenario once, then check every invariant against the
 * simulations. Violations are listed invariant by invariant (in the order of INVARIANTS), each
 * named by its invariant and, when it holds in some scenarios only, the scenario it breaks in.
 */
import type { Invariant, Simulation } from "./invariants";
import { INVARIANTS } from "./invariants";
import type { NetworkModel } from "./model";
import { scenarios } from "./scenarios";
import type { ScenarioResult } from "./simulate";
import { buildTables, simulate } from "./simulate";

export interface Violation {
  /** The name of the invariant broken (see INVARIANTS). */
  readonly invariant: string;
  readonly scenario?: string;
  readonly message: string;
}

export interface NetcheckReport {
  readonly scenarios: ScenarioResult[];
  readonly violations: Violation[];
  /** The names of the invariants checked, in order. */
  readonly invariants: readonly string[];
}

/** The model simulated in every scenario, ready for the invariants. */
export function simulateAll(model: NetworkModel): Simulation {
  const runs = scenarios(model).map((scenario) => {
    const { tables } = buildTables(model, scenario);
    return { scenario, tables, result: simulate(model, scenario, tables) };
  });
  return { model, vpcs: model.attachments.filter((a) => a.kind === "vpc" && a.cidr), runs };
}

export function check(
  model: NetworkModel,
  invariants: readonly Invariant[] = INVARIANTS,
): NetcheckReport {
  const simulation = simulateAll(model);
  const violations = invariants.flatMap((invariant) =>
    invariant.check(simulation).map((finding) => ({ invariant: invariant.name, ...finding })),
  );
  return {
    scenarios: simulation.runs.map((r) => r.result),
    violations: dedupe(violations),
    invariants: invariants.map((i) => i.name),
  };
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
