import * as assert from "node:assert/strict";
import * as path from "node:path";
import {
  describeAccountStack,
  expectConfigRejected,
  runStackSource,
  resourceNamed,
  resourcesOfType,
  stackConfig,
} from "@platform/testing";
import type { CapturedResource, ProgramRun } from "@platform/testing";
import { simulate } from "@platform/iam-simulator";
import type { PolicyDocument } from "@platform/iam-simulator";

const c = { dir: path.resolve(__dirname, ".."), stack: "network" };
const file = "Pulumi.network.yaml";

describeAccountStack(c);

describe(`platform-network hub (${file})`, () => {
  it("creates the hub with a route table per configured segment and exports the spoke contract", async () => {
    const run = await runStackSource(c);
    const tables = resourcesOfType(run, "aws:ec2transitgateway/routeTable:RouteTable");
    assert.deepEqual(
      tables.map((t) => (t.inputs["tags"] as Record<string, string>)["Segment"]).sort(),
      ["hybrid", "nonprod", "prod", "shared"],
    );
    assert.deepEqual(Object.keys(run.outputs).sort(), [
      "accountId",
      "addressPlan",
      "amazonSideAsn",
      "deployRunner",
      "deployRunnerLabel",
      "directConnect",
      "dns",
      "hybridAlarmTopicArn",
      "networkMetrics",
      "onPremisesRouterConfig",
      "ram",
      "region",
      "segments",
      "transitGatewayArn",
      "transitGatewayId",
    ]);
    const tgw = resourcesOfType(run, "aws:ec2transitgateway/transitGateway:TransitGateway")[0]!;
    assert.equal(tgw.protect, true);
    assert.equal(
      resourcesOfType(run, "aws:ram/principalAssociation:PrincipalAssociation").filter((r) =>
        r.name.startsWith("hub-share-"),
      ).length,
      3,
    );
  });

  it("lets only the environments' Grafana roles assume its read-only metrics role (simulated), and exports it", async () => {
    const run = await runStackSource(c);
    const role = resourceNamed(run, "aws:iam/role:Role", "network-metrics-read");
    const arn = "arn:aws:iam::100000000001:role/stack-network-metrics-read";
    assert.deepEqual(run.outputs["networkMetrics"], { readRoleArn: arn });
    assert.equal(
      role.inputs["permissionsBoundary"],
      "arn:aws:iam::100000000001:policy/platform-workload-boundary",
    );
    const trust = JSON.parse(String(role.inputs["assumeRolePolicy"])) as PolicyDocument;
    // A Pod Identity session of the role; AWS sets aws:PrincipalArn to the role's ARN (IAM User
    // Guide, global condition keys), which the simulator takes from the request context.
    const assume = async (roleArn: string) =>
      (
        await simulate(
          {
            arn: roleArn.replace(
              /^arn:aws:iam::(\d+):role\/(.+)$/,
              "arn:aws:sts::$1:assumed-role/$2/eks-pod",
            ),
            identityPolicies: {
              grafana: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: arn }],
              },
            },
          },
          {
            action: "sts:AssumeRole",
            resource: arn,
            resourcePolicy: trust,
            context: { "aws:PrincipalArn": roleArn },
          },
        )
      ).result;
    // The hub shares with dev, test and prod: each one's Grafana role is admitted.
    for (const account of ["200000000002", "300000000003", "400000000004"])
      assert.equal(
        await assume(`arn:aws:iam::${account}:role/stack-dev-observability-grafana`),
        "Allowed",
        account,
      );
    // Another role of an environment, or a Grafana role in an account the hub does not share with.
    for (const other of [
      "arn:aws:iam::200000000002:role/stack-dev-observability-loki",
      "arn:aws:iam::200000000002:role/platform-deployer",
      "arn:aws:iam::900000000009:role/stack-dev-observability-grafana",
    ])
      assert.notEqual(await assume(other), "Allowed", other);
    const policy = JSON.parse(
      String(
        resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", "network-metrics-read").inputs[
          "policy"
        ],
      ),
    ) as { Statement: Array<{ Action: string | string[] }> };
    const actions = policy.Statement.flatMap((s) => [s.Action].flat());
    assert.ok(actions.includes("cloudwatch:GetMetricData"));
    assert.ok(
      actions.every((a) => /^(cloudwatch|ec2):(Get|List|Describe)/.test(a)),
      actions.join(),
    );
  });

  it("admits the dev stack's real Grafana role, whose policy assumes exactly this role (both plans, simulated)", async () => {
    const run = await runStackSource(c);
    const trust = JSON.parse(
      String(
        resourceNamed(run, "aws:iam/role:Role", "network-metrics-read").inputs["assumeRolePolicy"],
      ),
    ) as PolicyDocument;
    const readRoleArn = (run.outputs["networkMetrics"] as { readRoleArn: string }).readRoleArn;
    const dev = await runStackSource({
      dir: path.resolve(__dirname, "..", "..", "dev"),
      stack: "dev",
      references: [c],
    });
    const role = resourceNamed(dev, "aws:iam/role:Role", "dev-observability-grafana");
    const name = String(role.inputs["name"]);
    const policy = JSON.parse(
      String(
        resourceNamed(dev, "aws:iam/rolePolicy:RolePolicy", "dev-observability-grafana").inputs[
          "policy"
        ],
      ),
    ) as PolicyDocument;
    const decide = async (resource: string) =>
      (
        await simulate(
          {
            arn: `arn:aws:sts::200000000002:assumed-role/${name}/eks-pod`,
            identityPolicies: { grafana: policy },
          },
          {
            action: "sts:AssumeRole",
            resource,
            resourcePolicy: trust,
            context: { "aws:PrincipalArn": `arn:aws:iam::200000000002:role/${name}` },
          },
        )
      ).result;
    assert.equal(await decide(readRoleArn), "Allowed");
    assert.notEqual(
      await decide("arn:aws:iam::100000000001:role/platform-spoke"),
      "Allowed",
      "Grafana's policy names the read role only",
    );
  });

  it("runs Route 53 Resolver in the shared-services VPC and exports the hybrid DNS contract", async () => {
    const run = await runStackSource(c);
    const inbound = resourceNamed(
      run,
      "aws:route53/resolverEndpoint:ResolverEndpoint",
      "shared-dns-inbound",
    );
    assert.deepEqual(
      (inbound.inputs["ipAddresses"] as Array<{ ip: string }>).map((a) => a.ip),
      ["10.8.0.53", "10.8.32.53"],
    );
    const ingress = resourcesOfType(
      run,
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    ).filter((r) => r.name.startsWith("shared-dns-inbound-"));
    assert.deepEqual([...new Set(ingress.map((r) => r.inputs["cidrIpv4"]))].sort(), [
      "10.16.0.0/14",
      "10.20.0.0/14",
      "10.24.0.0/14",
      "10.8.0.0/16",
      "172.16.0.0/16",
      "192.168.0.0/20",
    ]);
    assert.ok(ingress.every((r) => r.inputs["fromPort"] === 53 && r.inputs["toPort"] === 53));
    assert.equal(
      resourcesOfType(run, "aws:ram/principalAssociation:PrincipalAssociation").filter((r) =>
        r.name.startsWith("shared-dns-rules-"),
      ).length,
      3,
    );
    const dns = run.outputs["dns"] as { internalDomain: string; inboundAddresses: string[] };
    assert.equal(dns.internalDomain, "aws.example.internal");
    assert.deepEqual(dns.inboundAddresses, ["10.8.0.53", "10.8.32.53"]);
  });

  it("logs the shared-services VPC's Resolver queries to an encrypted, protected log group", async () => {
    const run = await runStackSource(c);
    const group = resourceNamed(
      run,
      "aws:cloudwatch/logGroup:LogGroup",
      "shared-dns-query-logs-logs",
    );
    assert.equal(group.inputs["name"], "/platform/network/route53-resolver/query-logs");
    assert.equal(group.protect, true);
    assert.ok(group.inputs["kmsKeyId"] !== undefined);
    const config = resourceNamed(
      run,
      "aws:route53/resolverQueryLogConfig:ResolverQueryLogConfig",
      "shared-dns-query-logs",
    );
    assert.ok(config.propertyDependencies["destinationArn"]?.includes(group.urn));
    const shared = resourceNamed(run, "aws:ec2/vpc:Vpc", "shared-services-vpc");
    const association = resourceNamed(
      run,
      "aws:route53/resolverQueryLogConfigAssociation:ResolverQueryLogConfigAssociation",
      "shared-dns-query-logs-shared-services",
    );
    assert.ok(association.propertyDependencies["resourceId"]?.includes(shared.urn));
    assert.ok(
      resourceNamed(
        run,
        "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
        "shared-dns-query-logs",
      ),
    );
  });

  const tgw = stackConfig(c, "transitGateway");
  const plan = stackConfig(c, "addressPlan") as {
    environments: Record<string, unknown>;
    onPremises: string[];
  };
  const segments = stackConfig(c, "segments");

  it("rejects an ASN outside the private ranges", () =>
    expectConfigRejected(
      c,
      { "platform-network:transitGateway": { ...tgw, amazonSideAsn: 7224 } },
      `${file}: platform-network:transitGateway.amazonSideAsn = 7224: is outside the private ASN ranges; use 64512-65534 or 4200000000-4294967294`,
    ));

  it("rejects overlapping ranges in the address plan, naming both", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:addressPlan": {
          ...plan,
          environments: { ...plan.environments, qa: { cidr: "10.17.0.0/16", segment: "nonprod" } },
        },
      },
      `${file}: platform-network:addressPlan.environments.qa.cidr = "10.17.0.0/16": overlaps addressPlan.environments.dev.cidr (10.16.0.0/14); every range in the address plan must be disjoint`,
    ));

  it("rejects a malformed CIDR", () =>
    expectConfigRejected(
      c,
      { "platform-network:addressPlan": { ...plan, onPremises: ["172.16.0.0/33"] } },
      `${file}: platform-network:addressPlan.onPremises[0] = "172.16.0.0/33": is not an IPv4 CIDR in a.b.c.d/n form`,
    ));

  it("rejects an environment in an unknown segment", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:addressPlan": {
          ...plan,
          environments: { ...plan.environments, qa: { cidr: "10.28.0.0/14", segment: "dmz" } },
        },
      },
      `${file}: platform-network:addressPlan.environments.qa.segment = "dmz": is not a segment; known segments: prod, nonprod, shared, hybrid`,
    ));

  it("rejects a hybrid segment that does not summarise, before the hub exists", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:segments": {
          ...segments,
          hybrid: { tier: "shared", reaches: ["prod", "nonprod", "shared"], isolated: true },
        },
      },
      `${file}: platform-network:segments.hybrid = {"tier":"shared","reaches":["prod","nonprod","shared"],"isolated":true}: the hybrid segment does not summarise, so spokes propagate exact VPC CIDRs into it and VPN would advertise prefixes more specific than Direct Connect's allowed prefixes`,
    ));

  it("rejects more allowed prefixes than the DX association quota, before the hub exists", () =>
    expectConfigRejected(
      c,
      { "platform-network:hybrid": { ...stackConfig(c, "hybrid"), allowedPrefixQuota: 3 } },
      `${file}: platform-network:hybrid.allowedPrefixQuota = 3: Direct Connect would advertise 4 allowed prefixes but the quota is 3 per association; summarise the address plan`,
    ));

  it("rejects an environment placed in the hybrid segment", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:addressPlan": {
          ...plan,
          environments: { ...plan.environments, qa: { cidr: "10.28.0.0/14", segment: "hybrid" } },
        },
      },
      `${file}: platform-network:addressPlan.environments.qa.segment = "hybrid": is the hybrid segment, where Direct Connect and VPN attach`,
    ));

  it("rejects a principal listed twice in the RAM share", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:transitGateway": {
          ...tgw,
          shareWith: ["200000000002", "300000000003", "200000000002"],
        },
      },
      `${file}: platform-network:transitGateway.shareWith[2] = "200000000002": is already listed at shareWith[0]; list each account or OU once`,
    ));

  it("rejects an OU principal when accounts are invited instead of sharing with the organisation", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:transitGateway": {
          ...tgw,
          sharing: "invitation",
          shareWith: [
            "200000000002",
            "arn:aws:organizations::100000000001:ou/o-abc123/ou-ab12-workloads",
          ],
        },
      },
      `${file}: platform-network:transitGateway.shareWith[1] = "arn:aws:organizations::100000000001:ou/o-abc123/ou-ab12-workloads": an organisation or OU principal needs sharing: organization`,
    ));

  it("rejects a missing RAM sharing mode, naming both", () => {
    const { sharing: _sharing, ...withoutSharing } = tgw;
    return expectConfigRejected(
      c,
      { "platform-network:transitGateway": withoutSharing },
      `${file}: platform-network:transitGateway.sharing is missing; expected organization or invitation`,
    );
  });

  it("rejects a flow log retention CloudWatch Logs does not offer", () =>
    expectConfigRejected(
      c,
      { "platform-network:transitGateway": { ...tgw, flowLogsRetentionInDays: 100 } },
      `${file}: platform-network:transitGateway.flowLogsRetentionInDays = 100: is not a retention CloudWatch Logs accepts; use one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,`,
    ));

  it("rejects an extra tag that would relabel the account's resources", () =>
    expectConfigRejected(
      c,
      { "platform-network:tags": { ...stackConfig(c, "tags"), extra: { Tier: "prod" } } },
      `${file}: platform-network:tags.extra.Tier = "prod": Tier is set by the platform on every resource; remove it from extra`,
    ));

  it("rejects more shared-services AZs than the region offers, before the hub exists", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:sharedServices": {
          ...stackConfig(c, "sharedServices"),
          vpc: { ...(stackConfig(c, "sharedServices")["vpc"] as object), azCount: 4, azSlots: 4 },
        },
      },
      `${file}: platform-network:sharedServices.vpc.azCount = 4: eu-west-1 offers 3 AZs (eu-west-1a, eu-west-1b, eu-west-1c); use at most 3`,
    ));

  it("rejects segments that let nonprod reach prod", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:segments": {
          ...segments,
          prod: { tier: "prod", reaches: ["shared", "hybrid", "nonprod"] },
          nonprod: { tier: "nonprod", reaches: ["shared", "hybrid", "prod"] },
        },
      },
      "segment prod (prod) may not reach nonprod (nonprod): prod and nonprod stay isolated",
    ));
});

describe(`platform-network shared services and the deploy runner (${file})`, () => {
  const shared = stackConfig(c, "sharedServices") as {
    segment: string;
    vpc: Record<string, unknown>;
    deployRunner: Record<string, unknown>;
  };
  let run: ProgramRun;
  before(async () => {
    run = await runStackSource(c);
  });

  it("attaches the shared-services VPC in the shared segment from the hub's own account", () => {
    const vpc = resourceNamed(run, "aws:ec2/vpc:Vpc", "shared-services-vpc");
    assert.equal(vpc.inputs["cidrBlock"], "10.8.0.0/16");
    assert.equal(vpc.protect, true);
    const attachment = resourceNamed(
      run,
      "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
      "shared-services-spoke-attachment",
    );
    assert.deepEqual(attachment.propertyDependencies["vpcId"], [vpc.urn]);
    assert.deepEqual(
      resourcesOfType(run, "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter"),
      [],
    );
    const tableOf = (r: CapturedResource) =>
      resourcesOfType(run, "aws:ec2transitgateway/routeTable:RouteTable").find((t) =>
        r.propertyDependencies["transitGatewayRouteTableId"]?.includes(t.urn),
      )?.inputs["tags"] as Record<string, string> | undefined;
    const association = resourceNamed(
      run,
      "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
      "shared-services-spoke-associate-shared",
    );
    assert.equal(tableOf(association)?.["Segment"], "shared");
    assert.deepEqual(
      resourcesOfType(run, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation")
        .filter((p) => p.name.startsWith("shared-services-spoke-"))
        .map((p) => tableOf(p)?.["Segment"])
        .sort(),
      ["nonprod", "prod", "shared"],
    );
  });

  it("routes every prefix it advertises to on-premises: the shared range has its route in the hybrid table", () => {
    // Before the shared-services VPC, DX advertised 10.8.0.0/16 with nothing routing it.
    const cfg = run.outputs["onPremisesRouterConfig"] as { prefixesAwsAdvertisesOverDx: string[] };
    const routes = resourcesOfType(run, "aws:ec2transitgateway/route:Route");
    const hybrid = resourceNamed(run, "aws:ec2transitgateway/routeTable:RouteTable", "hub-hybrid");
    const sharedAttachment = resourceNamed(
      run,
      "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
      "shared-services-spoke-attachment",
    );
    for (const range of (stackConfig(c, "addressPlan") as { sharedServices: string[] })
      .sharedServices) {
      assert.ok(cfg.prefixesAwsAdvertisesOverDx.includes(range), `${range} advertised`);
      const route = routes.find((r) => r.inputs["destinationCidrBlock"] === range);
      assert.ok(route, `no Transit Gateway route for advertised ${range}`);
      assert.deepEqual(route.propertyDependencies["transitGatewayRouteTableId"], [hybrid.urn]);
      assert.deepEqual(route.propertyDependencies["transitGatewayAttachmentId"], [
        sharedAttachment.urn,
      ]);
    }
  });

  it("sends on-premises and every environment's allocation from the private subnets to the Transit Gateway", () => {
    const destinations = resourcesOfType(run, "aws:ec2/route:Route")
      .filter((r) => r.name.startsWith("shared-services-spoke-shared-services-private-a-to-"))
      .map((r) => r.inputs["destinationCidrBlock"]);
    assert.deepEqual(destinations, [
      "172.16.0.0/16",
      "192.168.0.0/20",
      "10.16.0.0/14",
      "10.20.0.0/14",
      "10.24.0.0/14",
    ]);
  });

  it("runs the deploy runner in the private subnets and exports what environments need", () => {
    const project = resourceNamed(run, "aws:codebuild/project:Project", "deploy-runner");
    assert.equal(project.inputs["name"], "platform-deploy-runner");
    const privateSubnets = resourcesOfType(run, "aws:ec2/subnet:Subnet").filter((s) =>
      s.name.startsWith("shared-services-private-"),
    );
    assert.deepEqual(
      (project.inputs["vpcConfig"] as { subnets: string[] }).subnets.length,
      privateSubnets.length,
    );
    assert.deepEqual(run.outputs["deployRunner"], {
      projectName: "platform-deploy-runner",
      segment: "shared",
      vpcCidr: "10.8.0.0/16",
      cidrs: privateSubnets.map((s) => s.inputs["cidrBlock"]),
      routes: ["172.16.0.0/16", "192.168.0.0/20", "10.16.0.0/14", "10.20.0.0/14", "10.24.0.0/14"],
    });
    assert.deepEqual((run.outputs["deployRunner"] as { cidrs: string[] }).cidrs, [
      "10.8.0.0/20",
      "10.8.32.0/20",
    ]);
    assert.equal(
      run.outputs["deployRunnerLabel"],
      "codebuild-platform-deploy-runner-${{ github.run_id }}-${{ github.run_attempt }}",
    );
  });

  it("rejects a shared-services VPC outside the address plan's shared-services ranges", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:sharedServices": {
          ...shared,
          vpc: { ...shared.vpc, cidr: "10.9.0.0/16" },
        },
      },
      `${file}: platform-network:sharedServices.vpc.cidr = "10.9.0.0/16": is outside addressPlan.sharedServices (10.8.0.0/16); use a block inside one of them`,
    ));

  it("rejects a shared-services VPC in a prod or nonprod segment", () =>
    expectConfigRejected(
      c,
      { "platform-network:sharedServices": { ...shared, segment: "nonprod" } },
      `${file}: platform-network:sharedServices.segment = "nonprod": is a nonprod segment; the shared-services VPC joins a shared-tier segment (it reaches prod and nonprod)`,
    ));

  it("rejects a deploy runner without a NAT path to GitHub", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:sharedServices": {
          ...shared,
          vpc: { ...shared.vpc, natStrategy: "none" },
        },
      },
      `${file}: platform-network:sharedServices.vpc.natStrategy = "none": the deploy runner needs a NAT path to GitHub and the AWS APIs (CodeBuild gives VPC builds no public IP); use single or perAz`,
    ));

  it("rejects a connection ARN that is not a CodeConnections connection", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:sharedServices": {
          ...shared,
          deployRunner: {
            ...shared.deployRunner,
            connectionArn: "arn:aws:iam::100000000001:role/x",
          },
        },
      },
      `${file}: platform-network:sharedServices.deployRunner.connectionArn = "arn:aws:iam::100000000001:role/x": expected a CodeConnections connection ARN, arn:aws:codeconnections:<region>:<account>:connection/<id>`,
    ));
});

describe(`platform-network hybrid connectivity (${file})`, () => {
  const hybrid = stackConfig(c, "hybrid") as { directConnect: Record<string, unknown> };

  it("creates DX, two VPNs, their alarms and the failover composite alarm, with no secret in the plan", async () => {
    const run = await runStackSource(c);
    assert.equal(
      resourcesOfType(run, "aws:directconnect/transitVirtualInterface:TransitVirtualInterface")
        .length,
      1,
    );
    assert.equal(resourcesOfType(run, "aws:ec2/vpnConnection:VpnConnection").length, 2);
    assert.equal(resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm").length, 8);
    assert.equal(resourcesOfType(run, "aws:cloudwatch/compositeAlarm:CompositeAlarm").length, 1);
    const vpn = resourcesOfType(run, "aws:ec2/vpnConnection:VpnConnection")[0]!;
    assert.equal(vpn.inputs["tunnel1PresharedKey"], "[secret]");
    assert.ok(!JSON.stringify(run).includes("OfflinePlanSecret0Placeholder"));
    const cfg = run.outputs["onPremisesRouterConfig"] as { prefixesAwsAdvertisesOverDx: string[] };
    assert.deepEqual(cfg.prefixesAwsAdvertisesOverDx, [
      "10.16.0.0/14",
      "10.20.0.0/14",
      "10.24.0.0/14",
      "10.8.0.0/16",
    ]);
  });

  it("rejects a VLAN out of range", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          directConnect: { ...hybrid.directConnect, vlan: 5000 },
        },
      },
      `${file}: platform-network:hybrid.directConnect.vlan = 5000: must be a VLAN id from 1 to 4094`,
    ));

  it("rejects a DX gateway ASN equal to the Transit Gateway's", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          directConnect: { ...hybrid.directConnect, gatewayAsn: 64512 },
        },
      },
      `${file}: platform-network:hybrid.directConnect.gatewayAsn = 64512: equals the Transit Gateway's ASN`,
    ));

  const vpn = (hybrid as unknown as { vpn: { devices: Array<Record<string, unknown>> } }).vpn;
  const withDevice = (change: Record<string, unknown>) => ({
    "platform-network:hybrid": {
      ...hybrid,
      vpn: { ...vpn, devices: [{ ...vpn.devices[0], ...change }, vpn.devices[1]] },
    },
  });

  it("rejects two VPN devices with one public address", () =>
    expectConfigRejected(
      c,
      withDevice({ ipAddress: vpn.devices[1]!["ipAddress"] }),
      `${file}: platform-network:hybrid.vpn.devices[1].ipAddress = "198.51.100.10": is also the address of device dc1-edge; each device needs its own public address`,
    ));

  it("rejects a VPN device with a private address", () =>
    expectConfigRejected(
      c,
      withDevice({ ipAddress: "192.168.1.1" }),
      `${file}: platform-network:hybrid.vpn.devices[0].ipAddress = "192.168.1.1": is a private (RFC 1918) address, not a public one; use the device's static public IPv4 address`,
    ));

  it("rejects a tunnel inside CIDR AWS reserves", () =>
    expectConfigRejected(
      c,
      withDevice({ tunnelInsideCidrs: ["169.254.5.0/30", "169.254.10.4/30"] }),
      `${file}: platform-network:hybrid.vpn.devices[0].tunnelInsideCidrs[0] = "169.254.5.0/30": is reserved by AWS`,
    ));

  it("rejects a tunnel algorithm AWS does not accept", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          vpn: { ...vpn, tunnel: { phase2IntegrityAlgorithms: ["MD5"] } },
        },
      },
      `${file}: platform-network:hybrid.vpn.tunnel.phase2IntegrityAlgorithms = ["MD5"]: "MD5" is not a value AWS accepts; use one or more of SHA1, SHA2-256, SHA2-384, SHA2-512`,
    ));

  it("rejects Direct Connect peer addresses inside the address plan", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          directConnect: {
            ...hybrid.directConnect,
            amazonAddress: "10.8.255.1/30",
            customerAddress: "10.8.255.2/30",
          },
        },
      },
      `${file}: platform-network:hybrid.directConnect.amazonAddress = "10.8.255.1/30": its subnet 10.8.255.0/30 overlaps addressPlan.sharedServices[0] (10.8.0.0/16); use peer addresses outside the address plan`,
    ));

  it("rejects a customer ASN the transit VIF's BGP field does not take", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          directConnect: { ...hybrid.directConnect, customerAsn: 4200000001 },
        },
      },
      `${file}: platform-network:hybrid.directConnect.customerAsn = 4200000001: must be an ASN from 1 to 2147483646`,
    ));

  it("rejects an alarm address listed twice", () =>
    expectConfigRejected(
      c,
      {
        "platform-network:hybrid": {
          ...hybrid,
          alarmEmails: ["network-oncall@example.com", "network-oncall@example.com"],
        },
      },
      `${file}: platform-network:hybrid.alarmEmails[1] = "network-oncall@example.com": is listed twice; SNS keeps one subscription per address`,
    ));

  it("rejects a missing pre-shared key, naming the command that sets it", () =>
    expectConfigRejected(
      c,
      { "platform-network:vpnPsk-dc2-edge-2": undefined },
      `${file}: platform-network:vpnPsk-dc2-edge-2 is missing; expected a secret: pulumi config set --secret --stack network platform-network:vpnPsk-dc2-edge-2 <value>`,
    ));

  it("rejects a pre-shared key stored in plain text", () =>
    expectConfigRejected(
      c,
      { "platform-network:vpnPsk-dc1-edge-1": "plaintextkey1" },
      `${file}: platform-network:vpnPsk-dc1-edge-1 is stored in plain text; expected a secret`,
    ));
});

describe(`platform-network log subscription (${file})`, () => {
  it("ships every log group of the account to the log archive's destination", async () => {
    const run = await runStackSource(c);
    const policy = resourceNamed(
      run,
      "aws:cloudwatch/logAccountPolicy:LogAccountPolicy",
      "network-log-subscription",
    );
    assert.equal(policy.inputs["policyType"], "SUBSCRIPTION_FILTER_POLICY");
    assert.equal(
      JSON.parse(String(policy.inputs["policyDocument"])).DestinationArn,
      stackConfig(c, "logging")["destinationArn"],
    );
  });
});
