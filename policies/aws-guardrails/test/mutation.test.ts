/**
 * Mutation test: for each mandatory policy that guards resources the real stacks create, take
 * the compliant resources from the prod, network and log-archive plans, break the one property the policy
 * guards, and show the plan now fails with that policy's mandatory finding. Each plan is evaluated
 * with the config its stack runs with: the prod profile plus the settings derived from the stack's
 * files (tools/plan's pack-config: the registry, own allocations, segment tiers).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluatePack } from "@platform/policy-runner";
import type { CapturedResource, PackConfig } from "@platform/policy-runner";
import { derivedSettings, stackPackConfig } from "@platform/policy-runner";
import { runStackSource } from "@platform/testing";
import { PACK } from "../src/policies";

const stacks = path.resolve(__dirname, "..", "..", "..", "stacks");
const root = path.resolve(stacks, "..");
const packDir = path.resolve(__dirname, "..");
const prodConfig = JSON.parse(
  fs.readFileSync(path.join(packDir, "config", "prod.json"), "utf8"),
) as PackConfig;
const stackConfig = (stack: string) =>
  stackPackConfig(root, packDir, "prod", derivedSettings(root, path.join(stacks, stack), stack));
const configOf = {
  prod: stackConfig("prod"),
  network: stackConfig("network"),
  "log-archive": stackConfig("log-archive"),
};
const network = { dir: path.join(stacks, "network"), stack: "network" };

type Mutation = (resources: CapturedResource[]) => CapturedResource[];

/** Replaces the first resource matching `pick` with `change(resource)`. */
function mutate(
  pick: (r: CapturedResource) => boolean,
  change: (r: CapturedResource) => CapturedResource | undefined,
): Mutation {
  return (resources) => {
    const index = resources.findIndex(pick);
    assert.ok(index >= 0, "the plan has no resource to mutate");
    const changed = change(structuredClone(resources[index]!));
    return changed
      ? resources.map((r, i) => (i === index ? changed : r))
      : resources.filter((_, i) => i !== index);
  };
}
const ofType = (type: string, name?: RegExp) => (r: CapturedResource) =>
  r.type === type && (!name || name.test(r.name));
const withInputs = (inputs: Record<string, unknown>) => (r: CapturedResource) => ({
  ...r,
  inputs: { ...r.inputs, ...inputs },
});

type Stack = keyof typeof configOf;
const MUTATIONS: Record<string, { stack: Stack; mutation: Mutation }> = {
  "resolver-endpoint-not-open": {
    stack: "network",
    mutation: mutate(
      (r) => r.name === "shared-dns-inbound-udp-0",
      withInputs({ cidrIpv4: "0.0.0.0/0" }),
    ),
  },
  "vpc-flow-logs": {
    stack: "prod",
    mutation: mutate(ofType("aws:ec2/flowLog:FlowLog"), () => undefined),
  },
  "vpc-default-sg-closed": {
    stack: "prod",
    mutation: mutate(
      ofType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"),
      withInputs({
        ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }],
      }),
    ),
  },
  "sg-no-open-admin-ports": {
    stack: "prod",
    mutation: mutate(
      ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
      withInputs({ cidrIpv4: "0.0.0.0/0", fromPort: 22, toPort: 22 }),
    ),
  },
  "sg-rule-management-conflicts": {
    stack: "prod",
    mutation: mutate(
      ofType("aws:ec2/securityGroup:SecurityGroup"),
      withInputs({
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.24.0.0/16"] }],
      }),
    ),
  },
  "subnet-no-auto-public-ip": {
    stack: "prod",
    mutation: mutate(
      ofType("aws:ec2/subnet:Subnet", /-private-/),
      withInputs({ mapPublicIpOnLaunch: true }),
    ),
  },
  "tgw-no-auto-accept": {
    stack: "network",
    mutation: mutate(
      ofType("aws:ec2transitgateway/transitGateway:TransitGateway"),
      withInputs({ autoAcceptSharedAttachments: "enable" }),
    ),
  },
  "tgw-explicit-route-tables": {
    stack: "network",
    mutation: mutate(
      ofType("aws:ec2transitgateway/transitGateway:TransitGateway"),
      withInputs({ defaultRouteTablePropagation: "enable" }),
    ),
  },
  "tgw-segment-isolation": {
    stack: "prod",
    mutation: mutate(
      ofType(
        "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
        /-propagate-shared$/,
      ),
      (r) => ({ ...r, name: r.name.replace(/shared$/, "nonprod") }),
    ),
  },
  "vpc-cidr-no-overlap": {
    stack: "prod",
    mutation: mutate(ofType("aws:ec2/vpc:Vpc"), withInputs({ cidrBlock: "10.16.0.0/16" })),
  },
  "kms-rotation": {
    stack: "prod",
    mutation: mutate(ofType("aws:kms/key:Key"), withInputs({ enableKeyRotation: false })),
  },
  "log-group-retention-kms": {
    stack: "prod",
    mutation: mutate(
      ofType("aws:cloudwatch/logGroup:LogGroup"),
      withInputs({ retentionInDays: 30 }),
    ),
  },
  "iam-no-admin": {
    stack: "prod",
    mutation: mutate(
      ofType("aws:iam/rolePolicy:RolePolicy"),
      withInputs({
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        }),
      }),
    ),
  },
  "iam-no-wildcards": {
    stack: "prod",
    mutation: mutate(
      ofType("aws:iam/rolePolicy:RolePolicy"),
      withInputs({
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }],
        }),
      }),
    ),
  },
  "iam-role-scope": {
    stack: "prod",
    mutation: mutate(ofType("aws:iam/role:Role"), withInputs({ permissionsBoundary: undefined })),
  },
  "stateful-protected": {
    stack: "network",
    mutation: mutate(ofType("aws:ec2transitgateway/transitGateway:TransitGateway"), (r) => ({
      ...r,
      protect: false,
    })),
  },
};

/** Applies `change` to every resource matching `pick`. */
function mutateAll(
  pick: (r: CapturedResource) => boolean,
  change: (r: CapturedResource) => CapturedResource,
): Mutation {
  return (resources) => {
    assert.ok(resources.some(pick), "the plan has no resource to mutate");
    return resources.map((r) => (pick(r) ? change(structuredClone(r)) : r));
  };
}
const VPN = "aws:ec2/vpnConnection:VpnConnection";

MUTATIONS["vpn-tunnel-crypto"] = {
  stack: "network",
  mutation: mutate(ofType(VPN), withInputs({ tunnel1IkeVersions: ["ikev1", "ikev2"] })),
};
MUTATIONS["vpn-tunnel-logging"] = {
  stack: "network",
  mutation: mutate(ofType(VPN), withInputs({ tunnel2LogOptions: undefined })),
};
MUTATIONS["dx-vpn-redundancy"] = {
  stack: "network",
  mutation: mutateAll(ofType(VPN), withInputs({ tunnel2InsideCidr: undefined })),
};
MUTATIONS["hybrid-alarms"] = {
  stack: "network",
  mutation: mutateAll(
    (r) =>
      r.type === "aws:cloudwatch/metricAlarm:MetricAlarm" && r.inputs["namespace"] === "AWS/DX",
    withInputs({ alarmActions: [] }),
  ),
};

const CLUSTER = "aws:eks/cluster:Cluster";
const ofVeleroBucket = (type: string) => (r: CapturedResource) =>
  r.type === type && r.name.startsWith("prod-backup-bucket-");
MUTATIONS["eks-private-endpoint"] = {
  stack: "prod",
  mutation: mutate(ofType(CLUSTER), (r) => ({
    ...r,
    inputs: {
      ...r.inputs,
      vpcConfig: { ...(r.inputs["vpcConfig"] as object), endpointPublicAccess: true },
    },
  })),
};
MUTATIONS["eks-secrets-encryption"] = {
  stack: "prod",
  mutation: mutate(ofType(CLUSTER), withInputs({ encryptionConfig: undefined })),
};
MUTATIONS["eks-control-plane-logging"] = {
  stack: "prod",
  mutation: mutate(ofType(CLUSTER), withInputs({ enabledClusterLogTypes: ["api"] })),
};
MUTATIONS["eks-supported-version"] = {
  stack: "prod",
  mutation: mutate(ofType(CLUSTER), withInputs({ version: "1.28" })),
};
MUTATIONS["eks-backup-present"] = {
  stack: "prod",
  mutation: mutate(
    (r) => ofType("kubernetes:helm.sh/v3:Release")(r) && r.inputs["chart"] === "velero",
    () => undefined,
  ),
};
MUTATIONS["s3-public-access-block"] = {
  stack: "prod",
  mutation: mutate(
    ofVeleroBucket("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"),
    withInputs({ restrictPublicBuckets: false }),
  ),
};
MUTATIONS["s3-encryption"] = {
  stack: "prod",
  mutation: mutate(
    ofVeleroBucket(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ),
    withInputs({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
  ),
};
MUTATIONS["s3-versioning"] = {
  stack: "prod",
  mutation: mutate(
    ofVeleroBucket("aws:s3/bucketVersioning:BucketVersioning"),
    withInputs({ versioningConfiguration: { status: "Suspended" } }),
  ),
};
MUTATIONS["s3-access-logging"] = {
  stack: "prod",
  mutation: mutate(ofVeleroBucket("aws:s3/bucketLogging:BucketLogging"), () => undefined),
};

MUTATIONS["codebuild-hardening"] = {
  stack: "network",
  mutation: mutate(ofType("aws:codebuild/project:Project", /^deploy-runner$/), (r) => ({
    ...r,
    inputs: {
      ...r.inputs,
      environment: { ...(r.inputs["environment"] as object), privilegedMode: true },
    },
  })),
};

// The log-archive stack (prod profile) holds the trail and the Object Lock bucket; every other
// account subscribes its log groups to it.
MUTATIONS["log-group-subscribed"] = {
  stack: "prod",
  mutation: mutate(ofType("aws:cloudwatch/logAccountPolicy:LogAccountPolicy"), () => undefined),
};
MUTATIONS["cloudtrail-protected"] = {
  stack: "log-archive",
  mutation: mutate(ofType("aws:cloudtrail/trail:Trail"), withInputs({ enableLogging: false })),
};
MUTATIONS["archive-bucket-locked"] = {
  stack: "log-archive",
  mutation: mutate(
    ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"),
    withInputs({ rule: undefined }),
  ),
};

/** Mandatory prod policies with no resource in any stack yet. */
const NOT_IN_PLANS: string[] = [
  "nlb-security-groups-and-logs",
  "public-zone-dnssec",
  // The shipped log-archive stack has no VPC and keeps search none; search.test.ts plans it with
  // a domain and a collection and mutates them.
  "opensearch-never-public",
];

describe("aws-guardrails mutation test (prod config)", () => {
  const plans: Record<string, CapturedResource[]> = {};
  before(async () => {
    const refs = [network];
    plans["network"] = (await runStackSource(network)).resources;
    plans["prod"] = (
      await runStackSource({ dir: path.join(stacks, "prod"), stack: "prod", references: refs })
    ).resources;
    plans["log-archive"] = (
      await runStackSource({ dir: path.join(stacks, "log-archive"), stack: "log-archive" })
    ).resources;
  });

  it("the real prod, network and log-archive plans pass every mandatory policy", async () => {
    for (const stack of ["prod", "network", "log-archive"] as const) {
      const mandatory = (await evaluatePack(PACK, plans[stack]!, configOf[stack])).filter(
        (f) => f.level === "mandatory",
      );
      assert.deepEqual(mandatory, [], `${stack} has mandatory findings`);
    }
  });

  it("covers every mandatory prod policy, by mutation or as not yet in any plan", () => {
    const mandatory = Object.entries(prodConfig)
      .filter(
        ([k, v]) =>
          k !== "all" &&
          (v === "mandatory" || (typeof v === "object" && v["enforcementLevel"] === "mandatory")),
      )
      .map(([k]) => k)
      .sort();
    assert.deepEqual([...Object.keys(MUTATIONS), ...NOT_IN_PLANS].sort(), mandatory);
  });

  for (const [policy, { stack, mutation }] of Object.entries(MUTATIONS)) {
    it(`${policy}: breaking the guarded property fails the plan`, async () => {
      const findings = await evaluatePack(PACK, mutation(plans[stack]!), configOf[stack]);
      const hits = findings.filter((f) => f.policy === policy && f.level === "mandatory");
      assert.ok(
        hits.length > 0,
        `expected a mandatory ${policy} finding, got: ${JSON.stringify(findings.map((f) => f.policy))}`,
      );
    });
  }
});
