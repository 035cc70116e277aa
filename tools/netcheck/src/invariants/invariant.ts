/**
 * What an invariant is: a name (how violations, the report and the README call it), one sentence
 * of what must hold, and a check over the simulation of every scenario. Like the policy packs'
 * policies, each invariant is one object; invariants/index.ts lists them in the order they run.
 */
import type { Attachment, NetworkModel } from "../model";
import type { RouteTable } from "../routing";
import type { Scenario } from "../scenarios";
import type { ScenarioResult } from "../simulate";

/** One scenario simulated: its effective Transit Gateway route tables and the paths found. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly tables: Map<string, RouteTable>;
  readonly result: ScenarioResult;
}

/** What every invariant is checked against. */
export interface Simulation {
  readonly model: NetworkModel;
  /** The VPC attachments that have a CIDR. */
  readonly vpcs: readonly Attachment[];
  /** Every scenario of scenarios(model), in order: all-up first. */
  readonly runs: readonly ScenarioRun[];
}

/** One way an invariant is broken; `scenario` when it is broken in one scenario only. */
export interface Finding {
  readonly scenario?: string;
  readonly message: string;
}

export interface Invariant {
  /** Unique, kebab-case: the name violations carry and the README documents. */
  readonly name: string;
  /** What must hold, in one sentence. */
  readonly description: string;
  /** Every way the simulation breaks it (none when it holds); messages name stacks, prefixes and tables. */
  check(simulation: Simulation): Finding[];
}

/** A check run in every scenario, its messages tagged with the scenario's name. */
export function perScenario(
  check: (run: ScenarioRun, simulation: Simulation) => string[],
): (simulation: Simulation) => Finding[] {
  return (simulation) =>
    simulation.runs.flatMap((run) =>
      check(run, simulation).map((message) => ({ scenario: run.scenario.name, message })),
    );
}

/** The tier of a segment (prod, nonprod, shared), if the segment is known. */
export const tierOf = (model: NetworkModel, segment?: string): string | undefined =>
  segment ? model.segments[segment]?.tier : undefined;

/** At most `n` prefixes for a message, then a count. */
export function some(prefixes: readonly string[], n = 6): string {
  return prefixes.length <= n
    ? prefixes.join(", ")
    : `${prefixes.slice(0, n).join(", ")} and ${prefixes.length - n} more`;
}
