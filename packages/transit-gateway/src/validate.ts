/** Validators for the hub's own settings (the segment map has segmentProblems). */
import { duplicates } from "@platform/core";
import type { Problem } from "@platform/core";

/**
 * RAM principals: each one once. A repeated principal would be a second PrincipalAssociation with
 * the same child name (`<hub>-share-<label>`), which the engine rejects as a duplicate URN after
 * the Transit Gateway was created.
 */
export function shareProblems(shareWith: readonly string[]): Problem[] {
  return duplicates(shareWith).map(({ index, first, value }) => ({
    path: ["shareWith", index],
    value,
    message: `is already listed at shareWith[${first}]; list each account or OU once`,
  }));
}
