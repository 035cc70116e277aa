/**
 * Runs CrossGuard policy objects offline over captured resources with the engine's semantics:
 *   - enforcement level: per-policy config > `all` > the policy's own level > the pack default;
 *   - config: `configSchema` defaults filled (the CLI does this, the SDK's getConfig does not);
 *     config naming a policy the pack does not have is an error (a typo would disable nothing);
 *   - resource policies get props through the SDK's own unknown-checking proxy, and reading an
 *     unknown value turns the result into an advisory "can't run during preview" message;
 *   - `notApplicable()` ends that policy for that resource without a finding;
 *   - stack policies get PolicyResource objects with parent, dependencies and property
 *     dependencies linked to each other, as the engine builds them.
 */
import { UNKNOWN_PLACEHOLDER } from "@platform/contracts";
import type {
  EnforcementLevel,
  Policies,
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";

// The SDK's own unknown-checking proxy (exported by its proxy module, marked internal in typings),
// so policies see exactly the behaviour they get from the CLI.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkProxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
  unknownStringValue: string;
  UnknownValueError: new (...args: unknown[]) => Error;
};
const { unknownCheckingProxy, unknownStringValue, UnknownValueError } = sdkProxy;

/** A resource as the offline plan captured it: the plan contract's reader view. */
export type { PlanResourceView as CapturedResource } from "@platform/contracts";
import type { PlanResourceView as CapturedResource } from "@platform/contracts";

export interface PackDefinition {
  readonly name: string;
  readonly policies: Policies;
  /** The pack's default level (PolicyPackArgs.enforcementLevel). Default advisory. */
  readonly enforcementLevel?: EnforcementLevel;
}

/** The `--policy-pack-config` file: `all`, and per policy a level or an object with knobs. */
export type PackConfig = Readonly<
  Record<string, EnforcementLevel | Readonly<Record<string, unknown>>>
>;

export interface Finding {
  readonly pack: string;
  readonly policy: string;
  readonly level: EnforcementLevel;
  readonly message: string;
  readonly urn?: string;
}

/** The placeholder the plan writes for unknown values (the plan contract's, from the harness). */
export { UNKNOWN_PLACEHOLDER };

/** Thrown by notApplicable(); a constant, not an Error, so skipping costs no stack capture. */
const NOT_APPLICABLE = Symbol("not applicable");

// The type a validateResourceOfType function was made for (the SDK tags it; exported at run time).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { getPulumiType } = require("@pulumi/policy/policy") as {
  getPulumiType(fn: unknown): string | undefined;
};

interface ResolvedPolicy {
  readonly policy: ResourceValidationPolicy | StackValidationPolicy;
  readonly level: EnforcementLevel;
  readonly config: Record<string, unknown>;
}

/** Levels and config per policy after precedence and schema defaults; throws on unknown names. */
export function resolvePack(pack: PackDefinition, config: PackConfig = {}): ResolvedPolicy[] {
  const names = new Set(pack.policies.map((p) => p.name));
  const unknown = Object.keys(config).filter((k) => k !== "all" && !names.has(k));
  if (unknown.length) {
    throw new Error(
      `policy pack config for ${pack.name} names policies the pack does not have: ${unknown.join(", ")}`,
    );
  }
  const all = typeof config["all"] === "string" ? (config["all"] as EnforcementLevel) : undefined;
  return pack.policies.map((policy) => {
    const entry = config[policy.name];
    const own = typeof entry === "string" ? { enforcementLevel: entry } : (entry ?? {});
    const { enforcementLevel, ...knobs } = own as { enforcementLevel?: EnforcementLevel } & Record<
      string,
      unknown
    >;
    const level =
      enforcementLevel ?? all ?? policy.enforcementLevel ?? pack.enforcementLevel ?? "advisory";
    const defaults: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      if ((schema as { default?: unknown }).default !== undefined)
        defaults[key] = (schema as { default?: unknown }).default;
    }
    const merged = { ...defaults, ...knobs };
    const missing = (policy.configSchema?.required ?? []).filter((k) => merged[k] === undefined);
    if (missing.length && level !== "disabled") {
      throw new Error(
        `policy ${pack.name}/${policy.name} needs config ${missing.join(", ")} in its pack config`,
      );
    }
    return { policy, level, config: merged };
  });
}

/** Evaluates every enabled policy of the pack over the resources; returns the findings. */
export async function evaluatePack(
  pack: PackDefinition,
  resources: readonly CapturedResource[],
  config: PackConfig = {},
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const resolved = resolvePack(pack, config).filter((r) => r.level !== "disabled");
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  // Prepared once per resource and shared by all policies: props behind the SDK's proxy.
  const prepared = resources.map((resource) => ({
    resource,
    props: unknownCheckingProxy(withUnknowns(resource.inputs)) as Record<string, unknown>,
    provider: resource.provider ? byUrn.get(resource.provider) : undefined,
  }));
  let linked: PolicyResource[] | undefined;
  for (const r of resolved) {
    const level: EnforcementLevel = r.level === "remediate" ? "mandatory" : r.level;
    const report = (urn?: string) => (message: string, violationUrn?: string) =>
      findings.push({
        pack: pack.name,
        policy: r.policy.name,
        level,
        message,
        urn: violationUrn ?? urn,
      });
    if ("validateResource" in r.policy && r.policy.validateResource) {
      const validations = Array.isArray(r.policy.validateResource)
        ? r.policy.validateResource
        : [r.policy.validateResource];
      // As the SDK's analyzer: a validation made for one type is not applicable to others.
      const typed = validations.map((validate) => ({ validate, type: getPulumiType(validate) }));
      for (const { resource, props, provider } of prepared) {
        for (const { validate, type } of typed) {
          if (type && type !== resource.type) continue;
          try {
            await validate(resourceArgs(resource, props, provider, r.config), report(resource.urn));
          } catch (err) {
            if (err === NOT_APPLICABLE) continue;
            if (err instanceof UnknownValueError) {
              findings.push(unknownFinding(pack.name, r.policy.name, err, resource.urn));
              continue;
            }
            throw new Error(
              `policy ${pack.name}/${r.policy.name} failed on ${resource.urn}: ${(err as Error).message}`,
            );
          }
        }
      }
    } else if ("validateStack" in r.policy && r.policy.validateStack) {
      linked ??= linkResources(resources);
      try {
        await r.policy.validateStack(
          { resources: linked, getConfig: <T>() => r.config as T } as Parameters<
            StackValidationPolicy["validateStack"]
          >[0],
          report(),
        );
      } catch (err) {
        if (err === NOT_APPLICABLE) continue;
        if (err instanceof UnknownValueError) {
          findings.push(unknownFinding(pack.name, r.policy.name, err));
          continue;
        }
        throw new Error(`policy ${pack.name}/${r.policy.name} failed: ${(err as Error).message}`);
      }
    }
  }
  return findings;
}

function unknownFinding(pack: string, policy: string, err: Error, urn?: string): Finding {
  return {
    pack,
    policy,
    level: "advisory",
    message: `can't run policy '${policy}' during preview: ${err.message}`,
    urn,
  };
}

function resourceArgs(
  resource: CapturedResource,
  props: Record<string, unknown>,
  provider: CapturedResource | undefined,
  config: Record<string, unknown>,
): ResourceValidationArgs {
  const isType = (cls: { __pulumiType?: string; isInstance?: unknown }) =>
    (cls as { __pulumiType?: string }).__pulumiType === resource.type;
  return {
    type: resource.type,
    props,
    urn: resource.urn,
    name: resource.name,
    opts: policyOptions(resource),
    provider: provider
      ? { type: provider.type, props: provider.inputs, urn: provider.urn, name: provider.name }
      : undefined,
    isType,
    asType: (cls: { __pulumiType?: string }) => (isType(cls) ? props : undefined),
    getConfig: <T>() => config as T,
    notApplicable: () => {
      throw NOT_APPLICABLE;
    },
  } as unknown as ResourceValidationArgs;
}

function policyOptions(resource: CapturedResource) {
  return {
    protect: resource.protect === true,
    ignoreChanges: [...(resource.ignoreChanges ?? [])],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    parent: resource.parent,
  };
}

/** PolicyResource objects linked to each other by URN, in one pass (no nested scans). */
export function linkResources(resources: readonly CapturedResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const out = resources.map((r) => {
    const props = unknownCheckingProxy(withUnknowns(r.inputs)) as Record<string, unknown>;
    const isType = (cls: { __pulumiType?: string }) => cls.__pulumiType === r.type;
    const resource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: policyOptions(r),
      dependencies: [] as PolicyResource[],
      propertyDependencies: {} as Record<string, PolicyResource[]>,
      isType,
      asType: (cls: { __pulumiType?: string }) => (isType(cls) ? props : undefined),
    } as unknown as PolicyResource;
    byUrn.set(r.urn, resource);
    return resource;
  });
  resources.forEach((r, i) => {
    const resource = out[i] as {
      parent?: PolicyResource;
      dependencies: PolicyResource[];
      propertyDependencies: Record<string, PolicyResource[]>;
      provider?: unknown;
    };
    if (r.parent) resource.parent = byUrn.get(r.parent);
    resource.dependencies = r.dependencies
      .map((u) => byUrn.get(u))
      .filter((x): x is PolicyResource => !!x);
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
      resource.propertyDependencies[key] = urns
        .map((u) => byUrn.get(u))
        .filter((x): x is PolicyResource => !!x);
    }
    const provider = r.provider ? byUrn.get(r.provider) : undefined;
    if (provider)
      resource.provider = {
        type: provider.type,
        props: provider.props,
        urn: provider.urn,
        name: provider.name,
      };
  });
  return out;
}

/** Maps the plan's "[unknown]" placeholders back to the SDK's unknown value. */
function withUnknowns(value: unknown): unknown {
  if (value === UNKNOWN_PLACEHOLDER) return unknownStringValue;
  if (Array.isArray(value)) return value.map(withUnknowns);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = withUnknowns(v);
    return out;
  }
  return value;
}
