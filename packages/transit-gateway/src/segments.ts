/**
 * Segment routing policy, pure. Each segment has a Transit Gateway route table. An attachment in
 * segment S is associated with S's table (its traffic is routed by S's routes) and propagates
 * its prefixes into the table of every segment allowed to reach S, and into S's own unless S is
 * isolated. So the routes in a table are exactly the destinations its segment may reach, and a
 * segment that may not reach another has no route to it.
 */
import { crossesProdBoundary } from "@platform/contracts";
import type { SegmentConfig } from "./schema";
export { SEGMENT_TIERS } from "@platform/contracts";
export type { SegmentTier } from "@platform/contracts";
export { crossesProdBoundary } from "@platform/contracts";

/** One segment of the map, as `segmentSchema` defines it (see there for each key). */
export type SegmentSpec = Readonly<SegmentConfig>;

export type Segments = Readonly<Record<string, SegmentSpec>>;

export interface SegmentRouting {
  /** The segment whose route table the attachment is associated with. */
  readonly associateWith: string;
  /** Segments whose route tables receive the attachment's propagated prefixes, sorted. */
  readonly propagateTo: readonly string[];
  /** Segments whose route tables get a static route for the attachment's allocation, sorted. */
  readonly summariseInto: readonly string[];
}

/** Problems with a segment map; each names the segment and the fix. */
export function segmentProblems(segments: Segments): string[] {
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(segments)) {
    for (const other of spec.reaches) {
      const target = segments[other];
      if (!target) {
        problems.push(
          `segment ${name} reaches unknown segment "${other}"; known segments: ${Object.keys(segments).join(", ")}`,
        );
        continue;
      }
      if (other === name)
        problems.push(
          `segment ${name} lists itself in reaches; use isolated: false for traffic within a segment`,
        );
      if (!target.reaches.includes(name)) {
        problems.push(
          `segment ${name} reaches ${other} but ${other} does not reach ${name}; add ${name} to ${other}.reaches (routing must be two-way)`,
        );
      }
      if (crossesProdBoundary(spec.tier, target.tier)) {
        problems.push(
          `segment ${name} (${spec.tier}) may not reach ${other} (${target.tier}): prod and nonprod stay isolated`,
        );
      }
    }
  }
  return problems;
}

export function routingFor(segments: Segments, segment: string): SegmentRouting {
  const spec = segments[segment];
  if (!spec) {
    throw new Error(
      `unknown segment "${segment}"; known segments: ${Object.keys(segments).join(", ")}`,
    );
  }
  const receivers = Object.entries(segments).filter(([name, other]) =>
    name === segment ? !spec.isolated : other.reaches.includes(segment),
  );
  const propagateTo = receivers
    .filter(([, other]) => !other.summarise)
    .map(([name]) => name)
    .sort();
  const summariseInto = receivers
    .filter(([, other]) => other.summarise)
    .map(([name]) => name)
    .sort();
  return { associateWith: segment, propagateTo, summariseInto };
}
