/**
 * The one shape every config validator returns, and the helpers that carry problems into the
 * config report. Validators are pure functions of plain values (one per area, as AWS Landing Zone
 * Accelerator splits its config validators); the stack's schema aggregates them, so every problem
 * reaches the user through {@link loadStackConfig} in the same one-line format, before any
 * resource exists.
 */
import type { z } from "zod";

/** A config problem: where (relative to the block the validator was given), the value, the fix. */
export interface Problem {
  readonly path: ReadonlyArray<string | number>;
  readonly value: unknown;
  readonly message: string;
}

/** Reports problems from a zod `superRefine`, their paths under `prefix`. */
export function addProblems(
  ctx: z.RefinementCtx,
  problems: Iterable<Problem>,
  prefix: ReadonlyArray<string | number> = [],
): void {
  for (const p of problems) {
    ctx.addIssue({
      code: "custom",
      path: [...prefix, ...p.path],
      input: p.value,
      message: p.message,
    });
  }
}

/** The same problems with their paths under `prefix`. */
export function under(
  prefix: ReadonlyArray<string | number>,
  problems: Iterable<Problem>,
): Problem[] {
  return [...problems].map((p) => ({ ...p, path: [...prefix, ...p.path] }));
}

/**
 * Every entry whose key repeats an earlier entry's: the index of the repeat and of the first one.
 * Used for identities that must be unique (names, addresses, principals).
 */
export function duplicates<T>(
  values: readonly T[],
  key: (value: T) => unknown = (value) => value,
): Array<{ readonly index: number; readonly first: number; readonly value: T }> {
  const seen = new Map<unknown, number>();
  const repeats: Array<{ index: number; first: number; value: T }> = [];
  values.forEach((value, index) => {
    const k = key(value);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else repeats.push({ index, first, value });
  });
  return repeats;
}
