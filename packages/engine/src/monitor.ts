/**
 * A mock resource monitor that records each registration as the engine receives it: parent,
 * provider, dependencies, property dependencies and resource options come from the request
 * itself, so they are exactly what a real `pulumi preview` would send.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import type { Mocks } from "@pulumi/pulumi/runtime/mocks";
import type { CapturedResource } from "./types";
import { ROOT_STACK_TYPE, SECRET_PLACEHOLDER, UNKNOWN_PLACEHOLDER } from "./types";

// Protobuf request shapes: only the getters this monitor reads.
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getRemote(): boolean;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getObject(): unknown;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getIgnorechangesList(): string[];
}
interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}
type Callback = (err: unknown, response: unknown) => void;

/** Implemented by mocks that check how remote components are provided for. */
interface RemoteComponentChecks {
  checkRemoteComponent?(type: string, name: string, provider: string): void;
}

/** URN as the engine builds it: the root stack's type is not part of its children's type chain. */
export function engineUrn(
  stack: string,
  project: string,
  parent: string,
  type: string,
  name: string,
): string {
  let qualified = type;
  if (parent) {
    const parentType = parent.split("::")[2] ?? "";
    if (parentType !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

export class CapturingMonitor extends MockMonitor {
  readonly captured: CapturedResource[] = [];
  stackOutputs: Record<string, unknown> | undefined;

  constructor(mocks: Mocks) {
    super(mocks);
    // MockMonitor's own URN scheme prefixes children of the stack with the stack type; replace it
    // with the engine's so URNs in plans, policies and diffs match a real preview.
    const self = this as unknown as {
      newUrn: (parent: string, type: string, name: string) => string;
    };
    self.newUrn = (parent, type, name) => this.urnFor(parent, type, name);
  }

  private urnFor(parent: string, type: string, name: string): string {
    return engineUrn(pulumi.getStack(), pulumi.getProject(), parent, type, name);
  }

  override async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    // A remote (multi-language) component is constructed by its package's provider plugin, so it
    // needs a provider as a custom resource does; the mocks decide whether a default one is allowed.
    if (req.getRemote()) {
      const mocks = (this as unknown as { mocks: RemoteComponentChecks }).mocks;
      try {
        mocks.checkRemoteComponent?.(req.getType(), req.getName(), req.getProvider());
      } catch (err) {
        callback(err, undefined);
        return;
      }
    }
    return super.registerResource(req, (err: unknown, response: unknown) => {
      if (!err && response) this.record(req, response as { getUrn(): string; getId(): string });
      callback(err, response);
    });
  }

  override registerResourceOutputs(req: OutputsRequest, callback: Callback): void {
    const urn = req.getUrn();
    if (urn.split("::")[2] === ROOT_STACK_TYPE) {
      this.stackOutputs = sanitize(req.getOutputs()?.toJavaScript() ?? {}) as Record<
        string,
        unknown
      >;
    }
    super.registerResourceOutputs(req, callback);
  }

  private record(req: RegisterRequest, response: { getUrn(): string; getId(): string }): void {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, key) => {
      const urns = value.getUrnsList();
      if (urns.length > 0) propertyDependencies[key] = [...urns];
    });
    const provider = req.getProvider();
    this.captured.push({
      urn: response.getUrn(),
      type: req.getType(),
      name: req.getName(),
      parent: req.getParent() || undefined,
      custom: req.getCustom(),
      provider: provider ? provider.slice(0, provider.lastIndexOf("::")) : undefined,
      inputs: sanitize(
        pulumi.runtime.deserializeProperties(
          req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0],
        ),
      ) as Record<string, unknown>,
      dependencies: [...new Set(req.getDependenciesList())],
      propertyDependencies,
      protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true,
      ignoreChanges: req.getIgnorechangesList(),
      id: response.getId() || undefined,
    });
  }
}

const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;

/** Plain JSON: secrets masked, unknowns marked, resource references reduced to their URN. */
export function sanitize(value: unknown): unknown {
  if (
    value === pulumi.runtime.unknownValue ||
    value === (pulumi as { unknown?: unknown }).unknown
  ) {
    return UNKNOWN_PLACEHOLDER;
  }
  if (Array.isArray(value)) return value.map(sanitize);
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return SECRET_PLACEHOLDER;
    if (pulumi.Resource.isInstance(value)) return "[resource]";
    if (typeof record[SIG_KEY] === "string" && typeof record["urn"] === "string")
      return record["urn"];
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
      if (key === SIG_KEY) continue;
      out[key] = sanitize(item);
    }
    return out;
  }
  return value;
}
