import { evaluatePack } from "@platform/policy-runner";
import type { CapturedResource, Finding } from "@platform/policy-runner";
import { PACK } from "../src/policies";

let counter = 0;

/** A captured resource; `deps` maps an input property to the resources it came from. */
export function res(
  type: string,
  inputs: Record<string, unknown> = {},
  extra: { name?: string; deps?: Record<string, CapturedResource[]>; protect?: boolean } = {},
): CapturedResource {
  const name = extra.name ?? `r${++counter}`;
  const propertyDependencies = Object.fromEntries(
    Object.entries(extra.deps ?? {}).map(([k, v]) => [k, v.map((r) => r.urn)]),
  );
  return {
    urn: `urn:pulumi:dev::p::${type}::${name}`,
    type,
    name,
    inputs,
    dependencies: Object.values(propertyDependencies).flat(),
    propertyDependencies,
    protect: extra.protect ?? false,
  };
}

/** Findings of one policy, enabled as mandatory, with optional knobs. */
export async function findings(
  policy: string,
  resources: CapturedResource[],
  knobs: Record<string, unknown> = {},
): Promise<string[]> {
  const all: Finding[] = await evaluatePack(PACK, resources, {
    all: "disabled",
    [policy]: { enforcementLevel: "mandatory", ...knobs },
  });
  return all.map((f) => f.message);
}
