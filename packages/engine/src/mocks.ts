/**
 * Mocks for the data sources and computed attributes the platform's code reads. Values are
 * realistic (AZ names per region, ARNs in the provider's account and region, EC2-style ids) and
 * deterministic (hashes of the URN), so plans are stable across runs. Any call token not listed
 * here throws: a new data source needs a deliberate mock, not a silent empty answer.
 */
import { createHash } from "node:crypto";
import { computedState, hashOf, ID_PREFIX, parseJsonish } from "./computed";
import type { ProviderFacts } from "./computed";
import type { MockCallArgs, MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime/mocks";

export interface MockWorld {
  /** Region and account used when a resource has no explicit provider. */
  readonly defaultRegion: string;
  readonly defaultAccountId: string;
  /** Outputs of other stacks, by fully qualified stack name, for StackReference. */
  readonly stackOutputs: Readonly<Record<string, Record<string, unknown>>>;
  /** Packages whose default provider is disabled (`pulumi:disable-default-providers`), "*" for all. */
  readonly disabledDefaultProviders?: readonly string[];
}

/** AZ letters per region; regions not listed get three. */
const AZ_LETTERS: Record<string, string> = {
  "us-east-1": "abcdef",
  "us-west-2": "abcd",
  "ap-northeast-1": "acd",
  "us-west-1": "ac",
};

/**
 * Outputs of the remote (multi-language) components the platform uses. Under the mock runtime a
 * remote component is one resource: its plugin never runs, so nothing it would create is
 * registered, and its outputs are whatever the mocks answer. Each entry answers what the real
 * component returns, derived from its inputs.
 */
const REMOTE_COMPONENTS: Record<string, (args: MockResourceArgs) => Record<string, unknown>> = {
  // awsx.ecr.Image builds and pushes, then returns the repository URL with the pushed digest
  // (pulumi-awsx awsx/ecr/image.ts): a digest of the build inputs here, so a changed tag (the
  // platform tags by content) gives a changed URI.
  "awsx:ecr:Image": ({ inputs }) => {
    const repositoryUrl = inputs["repositoryUrl"];
    if (typeof repositoryUrl !== "string") return {};
    const build = JSON.stringify([repositoryUrl, inputs["imageTag"], inputs["platform"]]);
    return {
      imageUri: `${repositoryUrl}@sha256:${createHash("sha256").update(build).digest("hex")}`,
    };
  },
};

export { hashOf } from "./computed";

export class PlatformMocks implements Mocks {
  /** Provider URN to the region and account it acts in (from its own inputs). */
  private readonly providers = new Map<string, ProviderFacts>();

  constructor(private readonly world: MockWorld) {}

  newResource(args: MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const urn = `${args.type}::${args.name}`;
    if (args.type === "pulumi:pulumi:StackReference") return this.stackReference(args);
    if (args.type.startsWith("pulumi:providers:")) {
      this.providers.set(this.providerUrn(args), this.factsFromProviderInputs(args.inputs));
      return { id: hashOf(urn, 8), state: args.inputs };
    }
    this.checkDefaultProvider(args);
    const component = REMOTE_COMPONENTS[args.type];
    if (component) return { id: "", state: component(args) };
    const facts = this.factsFor(args.provider);
    const id = this.idFor(args, urn);
    return { id, state: { ...args.inputs, ...computedState(args, id, facts) } };
  }

  call(args: MockCallArgs): Record<string, unknown> {
    const facts = this.factsFor(args.provider);
    switch (args.token) {
      case "aws:index/getAvailabilityZones:getAvailabilityZones": {
        const letters = AZ_LETTERS[facts.region] ?? "abc";
        const short = facts.region.replace(/^(\w\w)-(\w)\w*-(\d)$/, "$1$2$3");
        return {
          id: facts.region,
          names: [...letters].map((l) => `${facts.region}${l}`),
          zoneIds: [...letters].map((_, i) => `${short}-az${i + 1}`),
          state: "available",
          groupNames: [facts.region],
        };
      }
      case "aws:index/getCallerIdentity:getCallerIdentity": {
        const role = facts.roleName ?? "platform-deployer";
        return {
          id: facts.accountId,
          accountId: facts.accountId,
          arn: `arn:aws:sts::${facts.accountId}:assumed-role/${role}/pulumi`,
          userId: `AROA${hashOf(facts.accountId, 17).toUpperCase()}:pulumi`,
        };
      }
      case "aws:index/getRegion:getRegion":
        return {
          id: facts.region,
          name: facts.region,
          region: facts.region,
          endpoint: `ec2.${facts.region}.amazonaws.com`,
          description: facts.region,
        };
      case "aws:ec2transitgateway/getDirectConnectGatewayAttachment:getDirectConnectGatewayAttachment": {
        const dxGatewayId = String(args.inputs["dxGatewayId"] ?? "");
        return {
          id: `tgw-attach-${hashOf(`dx-${dxGatewayId}`)}`,
          dxGatewayId,
          transitGatewayId: args.inputs["transitGatewayId"],
          tags: {},
        };
      }
      case "aws:index/getPartition:getPartition":
        return {
          id: "aws",
          partition: "aws",
          dnsSuffix: "amazonaws.com",
          reverseDnsPrefix: "com.amazonaws",
        };
      default:
        throw mockError(
          `unmocked data source ${args.token}: add a realistic answer for it to @platform/testing's PlatformMocks`,
        );
    }
  }

  /** The engine refuses a default provider once it is disabled; so do the mocks. */
  private checkDefaultProvider(args: MockResourceArgs): void {
    if (args.provider || !args.custom) return;
    this.refuseDisabledDefault(args.type, args.name);
  }

  /**
   * A remote component (e.g. awsx's) is constructed by its package's plugin, which the engine
   * reaches through a provider: the default one unless the component was given one.
   */
  checkRemoteComponent(type: string, name: string, provider: string): void {
    if (!provider) this.refuseDisabledDefault(type, name);
  }

  private refuseDisabledDefault(type: string, name: string): void {
    const pkg = type.split(":")[0] ?? "";
    if (pkg === "pulumi") return;
    const disabled = this.world.disabledDefaultProviders ?? [];
    if (disabled.includes("*") || disabled.includes(pkg)) {
      throw mockError(
        `Default provider for '${pkg}' disabled. '${type}::${name}' must use an explicit provider ` +
          "(pass { provider } or { providers } from the stack's account provider)",
      );
    }
  }

  private stackReference(args: MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const name = String(args.inputs["name"] ?? args.name);
    const outputs = this.world.stackOutputs[name];
    if (!outputs) {
      const known = Object.keys(this.world.stackOutputs);
      throw mockError(
        `StackReference "${name}" has no outputs in this offline run; plan that stack first ` +
          `(known: ${known.length ? known.join(", ") : "none"})`,
      );
    }
    return { id: name, state: { name, outputs, secretOutputNames: [] } };
  }

  private providerUrn(args: MockResourceArgs): string {
    // MockResourceArgs carries no URN; providers are keyed by type and name, which the provider
    // reference of each resource also contains (`urn:...::<type>::<name>::<id>`).
    return `${args.type}::${args.name}`;
  }

  private factsFromProviderInputs(inputs: Record<string, unknown>): ProviderFacts {
    const region =
      typeof inputs["region"] === "string" ? inputs["region"] : this.world.defaultRegion;
    // Providers receive nested config as JSON strings.
    const roles = parseJsonish(inputs["assumeRoles"]);
    const roleArn = Array.isArray(roles)
      ? (roles[0] as { roleArn?: string } | undefined)?.roleArn
      : undefined;
    const allowed = parseJsonish(inputs["allowedAccountIds"]);
    const fromRole = roleArn ? /::(\d{12}):role\/(.+)$/.exec(roleArn) : null;
    const accountId =
      fromRole?.[1] ??
      (Array.isArray(allowed) && typeof allowed[0] === "string"
        ? allowed[0]
        : this.world.defaultAccountId);
    return { region, accountId, roleName: fromRole?.[2]?.split("/").pop() };
  }

  private factsFor(providerRef: string | undefined): ProviderFacts {
    if (providerRef) {
      // `urn:pulumi:<stack>::<project>::<type>::<name>::<id>`
      const parts = providerRef.split("::");
      const key = `${(parts[2] ?? "").split("$").pop()}::${parts[3]}`;
      const facts = this.providers.get(key);
      if (facts) return facts;
    }
    return { region: this.world.defaultRegion, accountId: this.world.defaultAccountId };
  }

  private idFor(args: MockResourceArgs, urn: string): string {
    const prefix = ID_PREFIX[args.type];
    if (prefix !== undefined) return `${prefix}${hashOf(urn)}`;
    const named = args.inputs["name"] ?? args.inputs["bucket"];
    return typeof named === "string" ? named : `${args.name}-${hashOf(urn, 7)}`;
  }
}

function mockError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}
