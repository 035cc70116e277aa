/**
 * What AWS would compute for a resource the mocks create: EC2-style ids for the types users
 * recognise in a preview, and the attributes the platform's code reads back (ARNs, names,
 * addresses), in the provider's account and region. Deterministic (hashes of the URN).
 */
import { createHash } from "node:crypto";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";

/** EC2-style id prefixes for the types whose ids users recognise in a preview. */
export const ID_PREFIX: Record<string, string> = {
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

export function hashOf(text: string, length = 17): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** The account and region (and assumed role) a provider stands for. */
export interface ProviderFacts {
  region: string;
  accountId: string;
  roleName?: string;
}

/** Attributes AWS computes that the platform's code reads back (ARNs, names, addresses). */
export function computedState(
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

export function parseJsonish(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The SDK rethrows mock failures as `new Error(err.details)`; give it the message there. */
