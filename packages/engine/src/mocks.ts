/**
 * Mocks for the data sources and computed attributes the platform's code reads. Values are
 * realistic (AZ names per region, ARNs in the provider's account and region, EC2-style ids) and
 * deterministic (hashes of the URN), so plans are stable across runs. Any call token not listed
 * here throws: a new data source needs a deliberate mock, not a silent empty answer.
 */
import { createHash } from "node:crypto";
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

/** EC2-style id prefixes for the types whose ids users recognise in a preview. */
const ID_PREFIX: Record<string, string> = {
  "aws:ec2/vpc:Vpc": "vpc-",
  "aws:ec2/subnet:Subnet": "subnet-",
  "aws:ec2/routeTable:RouteTable": "rtb-",
  "aws:ec2/internetGateway:InternetGateway": "igw-",
  "aws:ec2/natGateway:NatGateway": "nat-",
  "aws:ec2/eip:Eip": "eipalloc-",
  "aws:ec2/securityGroup:SecurityGroup": "sg-",
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": "sg-",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": "acl-",
  "aws:ec2/vpcEndpoint:VpcEndpoint": "vpce-",
  "aws:ec2/flowLog:FlowLog": "fl-",
  "aws:ec2transitgateway/transitGateway:TransitGateway": "tgw-",
  "aws:ec2transitgateway/routeTable:RouteTable": "tgw-rtb-",
  "aws:ec2transitgateway/vpcAttachment:VpcAttachment": "tgw-attach-",
  "aws:ec2/customerGateway:CustomerGateway": "cgw-",
  "aws:ec2/vpnConnection:VpnConnection": "vpn-",
  "aws:ec2/launchTemplate:LaunchTemplate": "lt-",
  "aws:directconnect/gateway:Gateway": "",
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

export function hashOf(text: string, length = 17): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

interface ProviderFacts {
  region: string;
  accountId: string;
  roleName?: string;
}

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

/** Attributes AWS computes that the platform's code reads back (ARNs, names, addresses). */
function computedState(
  args: MockResourceArgs,
  id: string,
  facts: ProviderFacts,
): Record<string, unknown> {
  const [pkg, modulePart] = args.type.split(":");
  if (pkg !== "aws" || !modulePart) return {};
  const service = modulePart.split("/")[0] ?? "aws";
  const resourceType = (args.type.split(":")[2] ?? "").replace(/^./, (c) => c.toLowerCase());
  const name = typeof args.inputs["name"] === "string" ? (args.inputs["name"] as string) : id;
  const state: Record<string, unknown> = {
    arn: `arn:aws:${service}:${facts.region}:${facts.accountId}:${resourceType}/${id}`,
  };
  switch (args.type) {
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket = (args.inputs["bucket"] as string | undefined) ?? id;
      Object.assign(state, {
        bucket,
        arn: `arn:aws:s3:::${bucket}`,
        bucketRegionalDomainName: `${bucket}.s3.${facts.region}.amazonaws.com`,
      });
      break;
    }
    case "aws:iam/role:Role":
    case "aws:iam/policy:Policy":
      Object.assign(state, {
        name,
        arn: `arn:aws:iam::${facts.accountId}:${resourceType}/${name}`,
        uniqueId: `AROA${hashOf(id).toUpperCase()}`,
      });
      break;
    case "aws:kms/key:Key":
      Object.assign(state, {
        keyId: hashUuid(id),
        arn: `arn:aws:kms:${facts.region}:${facts.accountId}:key/${hashUuid(id)}`,
      });
      break;
    case "aws:cloudwatch/logGroup:LogGroup":
      Object.assign(state, {
        name,
        arn: `arn:aws:logs:${facts.region}:${facts.accountId}:log-group:${name}`,
      });
      break;
    case "aws:sns/topic:Topic":
      Object.assign(state, { name, arn: `arn:aws:sns:${facts.region}:${facts.accountId}:${name}` });
      break;
    case "aws:ec2/vpc:Vpc":
      Object.assign(state, {
        defaultSecurityGroupId: `sg-${hashOf(`${id}-default-sg`)}`,
        defaultNetworkAclId: `acl-${hashOf(`${id}-default-acl`)}`,
        mainRouteTableId: `rtb-${hashOf(`${id}-main`)}`,
        ownerId: facts.accountId,
      });
      break;
    case "aws:ec2/vpnConnection:VpnConnection": {
      // Outside addresses are AWS public IPs; inside, AWS takes .1 and the customer .2 of each /30.
      const inside = (n: number) =>
        String(args.inputs[`tunnel${n}InsideCidr`] ?? "169.254.0.0/30")
          .split("/")[0]!
          .split(".");
      const host = (n: number, h: number) =>
        [...inside(n).slice(0, 3), String(Number(inside(n)[3]) + h)].join(".");
      const outside = (n: number) =>
        `3.${parseInt(hashOf(`${id}-${n}`, 2), 16)}.${parseInt(hashOf(`${id}-${n}-b`, 2), 16)}.${n * 10}`;
      Object.assign(state, {
        transitGatewayAttachmentId: `tgw-attach-${hashOf(`${id}-attachment`)}`,
        tunnel1Address: outside(1),
        tunnel2Address: outside(2),
        tunnel1VgwInsideAddress: host(1, 1),
        tunnel1CgwInsideAddress: host(1, 2),
        tunnel2VgwInsideAddress: host(2, 1),
        tunnel2CgwInsideAddress: host(2, 2),
      });
      break;
    }
    case "aws:eks/cluster:Cluster":
      Object.assign(state, {
        // EKS creates the cluster security group and attaches it to the control-plane interfaces.
        vpcConfig: {
          ...((args.inputs["vpcConfig"] as Record<string, unknown> | undefined) ?? {}),
          clusterSecurityGroupId: `sg-${hashOf(`${id}-cluster-sg`)}`,
        },
        name,
        endpoint: `https://${hashOf(id, 32).toUpperCase()}.gr7.${facts.region}.eks.amazonaws.com`,
        certificateAuthority: { data: Buffer.from(`mock-ca-${id}`).toString("base64") },
        arn: `arn:aws:eks:${facts.region}:${facts.accountId}:cluster/${name}`,
      });
      break;
    case "aws:ecr/repository:Repository":
      Object.assign(state, {
        name,
        registryId: facts.accountId,
        arn: `arn:aws:ecr:${facts.region}:${facts.accountId}:repository/${name}`,
        repositoryUrl: `${facts.accountId}.dkr.ecr.${facts.region}.amazonaws.com/${name}`,
      });
      break;
    case "aws:ec2/launchTemplate:LaunchTemplate":
      Object.assign(state, { latestVersion: 1, defaultVersion: 1 });
      break;
    case "aws:ec2transitgateway/transitGateway:TransitGateway":
      Object.assign(state, { ownerId: facts.accountId });
      break;
    default:
      break;
  }
  return state;
}

function hashUuid(seed: string): string {
  const h = hashOf(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function parseJsonish(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The SDK rethrows mock failures as `new Error(err.details)`; give it the message there. */
function mockError(message: string): Error {
  return Object.assign(new Error(message), { details: message });
}
