/**
 * What every rule reads, indexed once per plan so that rules stay linear in the plan's size:
 * resources by URN and by type, children by parent, the resources a property's value came from,
 * each resource's provider (region, account, default tags) and the stack's root resource.
 */
import type {
  DeployLocation,
  PlanResource,
  PreflightInput,
  StackPlan,
  StackPreflightConfig,
} from "./types";

const UNKNOWN = "[unknown]";
const SECRET = "[secret]";

export class Context {
  readonly plan: StackPlan;
  readonly resources: readonly PlanResource[];
  readonly otherPlans: readonly StackPlan[];
  readonly config: StackPreflightConfig;
  readonly deployLocation?: DeployLocation;
  readonly today: Date;
  /** URN used for stack-wide findings: the root stack resource, or a synthetic one. */
  readonly stackUrn: string;
  private readonly byUrn = new Map<string, PlanResource>();
  private readonly byType = new Map<string, PlanResource[]>();
  private readonly children = new Map<string, PlanResource[]>();
  private readonly parsed = new Map<string, unknown>();

  constructor(input: PreflightInput) {
    this.plan = input.plan;
    this.resources = input.plan.resources;
    this.otherPlans = input.otherPlans ?? [];
    this.config = input.config ?? {};
    this.deployLocation = input.deployLocation;
    this.today = input.today ?? new Date();
    for (const r of this.resources) {
      this.byUrn.set(r.urn, r);
      let list = this.byType.get(r.type);
      if (!list) this.byType.set(r.type, (list = []));
      list.push(r);
      if (r.parent) {
        let kids = this.children.get(r.parent);
        if (!kids) this.children.set(r.parent, (kids = []));
        kids.push(r);
      }
    }
    this.stackUrn =
      this.ofType("pulumi:pulumi:Stack")[0]?.urn ??
      `urn:pulumi:${input.plan.stack}::${input.plan.project}::pulumi:pulumi:Stack::${input.plan.project}-${input.plan.stack}`;
  }

  get(urn: string | undefined): PlanResource | undefined {
    return urn ? this.byUrn.get(urn) : undefined;
  }

  ofType(...types: string[]): readonly PlanResource[] {
    if (types.length === 1) return this.byType.get(types[0]!) ?? [];
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Types present in the plan. */
  types(): string[] {
    return [...this.byType.keys()];
  }

  childrenOf(urn: string): readonly PlanResource[] {
    return this.children.get(urn) ?? [];
  }

  /** The resources the value of `property` came from (its property dependencies). */
  refs(resource: PlanResource, property: string): PlanResource[] {
    return (resource.propertyDependencies?.[property] ?? [])
      .map((u) => this.byUrn.get(u))
      .filter((r): r is PlanResource => r !== undefined);
  }

  /** The first resource of `type` that `property` came from. */
  ref(resource: PlanResource, property: string, type: string): PlanResource | undefined {
    return this.refs(resource, property).find((r) => r.type === type);
  }

  /** Resources of `type` whose `property` came from `target` (reverse of {@link ref}). */
  referrers(target: PlanResource, type: string, property: string): PlanResource[] {
    return this.ofType(type).filter((r) =>
      (r.propertyDependencies?.[property] ?? []).includes(target.urn),
    );
  }

  /** A JSON document held in a string input (policies, kubeconfig), parsed once; undefined if unreadable. */
  json(resource: PlanResource, property: string): unknown {
    const key = `${resource.urn}#${property}`;
    if (this.parsed.has(key)) return this.parsed.get(key);
    const raw = resource.inputs[property];
    let value: unknown;
    if (typeof raw === "string" && raw !== UNKNOWN && raw !== SECRET) {
      try {
        value = JSON.parse(raw);
      } catch {
        value = undefined;
      }
    } else if (raw && typeof raw === "object") {
      value = raw;
    }
    this.parsed.set(key, value);
    return value;
  }

  provider(resource: PlanResource): PlanResource | undefined {
    return this.get(resource.provider);
  }

  /** The region the resource is created in (its provider's `region`). */
  region(resource: PlanResource): string | undefined {
    const region = this.provider(resource)?.inputs["region"];
    return typeof region === "string" && known(region) ? region : undefined;
  }

  /** The account the resource is created in (its provider's single allowed account). */
  accountId(resource: PlanResource): string | undefined {
    const provider = this.provider(resource);
    if (!provider) return undefined;
    const allowed = this.json(provider, "allowedAccountIds");
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === "string")
      return allowed[0];
    return undefined;
  }

  /** The provider's default tags, which AWS receives merged with the resource's own. */
  defaultTags(resource: PlanResource): Record<string, string> {
    const provider = this.provider(resource);
    if (!provider) return {};
    const tags = (this.json(provider, "defaultTags") as { tags?: Record<string, string> })?.tags;
    return tags ?? {};
  }

  /** Every URN the resource waits for: its dependencies, transitively, components expanded. */
  waitsFor(resource: PlanResource): Set<string> {
    const seen = new Set<string>();
    const stack = [...resource.dependencies];
    while (stack.length) {
      const urn = stack.pop()!;
      if (seen.has(urn)) continue;
      seen.add(urn);
      const r = this.byUrn.get(urn);
      if (!r) continue;
      stack.push(...r.dependencies);
      // Depending on a component resource waits for all of its children.
      if (r.custom === false) for (const c of this.childrenOf(urn)) stack.push(c.urn);
    }
    return seen;
  }
}

/** A value that is present and neither unknown nor secret. */
export function known(value: unknown): value is string | number | boolean {
  return (
    value !== undefined &&
    value !== null &&
    value !== UNKNOWN &&
    value !== SECRET &&
    typeof value !== "object"
  );
}

/** A number input that may arrive as a string (Pulumi passes some provider fields as strings). */
export function num(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)))
    return Number(value);
  return undefined;
}

export function asArray<T = unknown>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
