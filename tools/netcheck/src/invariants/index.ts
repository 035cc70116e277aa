/**
 * Every invariant netcheck checks, in the order its report lists their violations. Each is
 * documented by name in the README (test/docs.test.ts checks it).
 */
import { advertisedRoutable, allowedPrefixes, noOverlap } from "./addressing";
import { deployRunnerReach } from "./deploy-runner";
import { hybridDnsReach } from "./dns";
import type { Invariant } from "./invariant";
import { dxPrimary, onpremReachability, returnRoute, segmentIsolation } from "./reachability";

export type { Finding, Invariant, ScenarioRun, Simulation } from "./invariant";

export const INVARIANTS: readonly Invariant[] = [
  noOverlap,
  segmentIsolation,
  onpremReachability,
  dxPrimary,
  allowedPrefixes,
  returnRoute,
  advertisedRoutable,
  deployRunnerReach,
  hybridDnsReach,
];
