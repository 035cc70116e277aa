import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { Vpc } from "../src";
import type { VpcArgs } from "../src";

const base: VpcArgs = {
  cidrBlock: "10.16.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  tiers: [
    { name: "private", prefixLength: 19 },
    { name: "public", prefixLength: 22 },
    { name: "data", prefixLength: 23 },
    { name: "transit", prefixLength: 28 },
  ],
  natStrategy: "perAz",
  flowLogs: { destination: "cloudwatch", retentionInDays: 365 },
  namePrefix: "dev",
  accountId: "200000000002",
  region: "eu-west-1",
};

function plan(args: Partial<VpcArgs> = {}): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("acct", { region: "eu-west-1" });
      new Vpc("dev", { ...base, ...args }, { provider });
      return {};
    },
    {
      project: "platform-dev",
      stack: "dev",
      config: { "pulumi:disable-default-providers": ["*"] },
    },
  );
}

const routesOf = (run: ProgramRun, tableName: string) => {
  const table = resourceNamed(run, "aws:ec2/routeTable:RouteTable", tableName);
  return resourcesOfType(run, "aws:ec2/route:Route").filter((r) =>
    r.propertyDependencies["routeTableId"]?.includes(table.urn),
  );
};

describe("Vpc", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan();
  });

  it("creates every subnet with its planned CIDR, AZ and tier tags", () => {
    const byCidr = (a: unknown[], b: unknown[]) =>
      String(a[1]).localeCompare(String(b[1]), undefined, { numeric: true });
    const subnets = resourcesOfType(run, "aws:ec2/subnet:Subnet")
      .map((s) => [
        s.name,
        s.inputs["cidrBlock"],
        s.inputs["availabilityZone"],
        (s.inputs["tags"] as Record<string, string>)["Tier"],
      ])
      .sort(byCidr);
    assert.deepEqual(subnets, [
      ["dev-private-a", "10.16.0.0/19", "eu-west-1a", "private"],
      ["dev-private-b", "10.16.32.0/19", "eu-west-1b", "private"],
      ["dev-private-c", "10.16.64.0/19", "eu-west-1c", "private"],
      ["dev-public-a", "10.16.128.0/22", "eu-west-1a", "public"],
      ["dev-public-b", "10.16.144.0/22", "eu-west-1b", "public"],
      ["dev-public-c", "10.16.160.0/22", "eu-west-1c", "public"],
      ["dev-data-a", "10.16.192.0/23", "eu-west-1a", "data"],
      ["dev-data-b", "10.16.200.0/23", "eu-west-1b", "data"],
      ["dev-data-c", "10.16.208.0/23", "eu-west-1c", "data"],
      ["dev-transit-a", "10.16.224.0/28", "eu-west-1a", "transit"],
      ["dev-transit-b", "10.16.228.0/28", "eu-west-1b", "transit"],
      ["dev-transit-c", "10.16.232.0/28", "eu-west-1c", "transit"],
    ]);
  });

  it("exposes each tier's subnet CIDRs in AZ order, as planned, for security group rules and contracts", async () => {
    let cidrs: Record<string, string[]> = {};
    const planned = await runProgram(
      () => {
        const provider = new aws.Provider("acct", { region: "eu-west-1" });
        cidrs = new Vpc("dev", base, { provider }).subnetCidrs;
        return {};
      },
      { project: "platform-dev", stack: "dev" },
    );
    const inputs = (tier: string) =>
      ["a", "b", "c"].map(
        (az) =>
          resourceNamed(planned, "aws:ec2/subnet:Subnet", `dev-${tier}-${az}`).inputs["cidrBlock"],
      );
    assert.deepEqual(cidrs["private"], ["10.16.0.0/19", "10.16.32.0/19", "10.16.64.0/19"]);
    for (const tier of ["private", "public", "data", "transit"])
      assert.deepEqual(cidrs[tier], inputs(tier), tier);
  });

  it("never auto-assigns public IPs and tags subnets for load balancers", () => {
    for (const s of resourcesOfType(run, "aws:ec2/subnet:Subnet"))
      assert.equal(s.inputs["mapPublicIpOnLaunch"], false);
    const tags = (n: string) =>
      resourceNamed(run, "aws:ec2/subnet:Subnet", n).inputs["tags"] as Record<string, string>;
    assert.equal(tags("dev-public-a")["kubernetes.io/role/elb"], "1");
    assert.equal(tags("dev-private-a")["kubernetes.io/role/internal-elb"], "1");
    assert.equal(tags("dev-data-a")["kubernetes.io/role/internal-elb"], undefined);
  });

  it("places one NAT gateway per AZ in that AZ's public subnet, and routes each private AZ to its own", () => {
    const nats = resourcesOfType(run, "aws:ec2/natGateway:NatGateway");
    assert.deepEqual(
      nats.map((n) => n.name),
      ["dev-nat-a", "dev-nat-b", "dev-nat-c"],
    );
    for (const suffix of ["a", "b", "c"]) {
      const nat = resourceNamed(run, "aws:ec2/natGateway:NatGateway", `dev-nat-${suffix}`);
      assert.deepEqual(nat.propertyDependencies["subnetId"], [
        resourceNamed(run, "aws:ec2/subnet:Subnet", `dev-public-${suffix}`).urn,
      ]);
      const [route] = routesOf(run, `dev-private-${suffix}`);
      assert.equal(route?.inputs["destinationCidrBlock"], "0.0.0.0/0");
      assert.deepEqual(route?.propertyDependencies["natGatewayId"], [nat.urn]);
    }
  });

  it("with a single NAT, routes every private AZ through the NAT in the first AZ", async () => {
    const single = await plan({ natStrategy: "single" });
    assert.deepEqual(
      resourcesOfType(single, "aws:ec2/natGateway:NatGateway").map((n) => n.name),
      ["dev-nat-a"],
    );
    const nat = resourceNamed(single, "aws:ec2/natGateway:NatGateway", "dev-nat-a").urn;
    for (const suffix of ["a", "b", "c"])
      assert.deepEqual(
        routesOf(single, `dev-private-${suffix}`)[0]?.propertyDependencies["natGatewayId"],
        [nat],
      );
  });

  it("with no NAT, private subnets have no default route", async () => {
    const none = await plan({ natStrategy: "none" });
    assert.equal(resourcesOfType(none, "aws:ec2/natGateway:NatGateway").length, 0);
    assert.deepEqual(routesOf(none, "dev-private-a"), []);
  });

  it("routes only the public tier to the internet gateway; data and transit stay isolated", () => {
    const [route] = routesOf(run, "dev-public");
    assert.equal(route?.inputs["destinationCidrBlock"], "0.0.0.0/0");
    assert.deepEqual(route?.propertyDependencies["gatewayId"], [
      resourceNamed(run, "aws:ec2/internetGateway:InternetGateway", "dev-igw").urn,
    ]);
    for (const t of ["dev-data-a", "dev-transit-a"]) assert.deepEqual(routesOf(run, t), []);
    assert.equal(
      resourcesOfType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation").length,
      12,
    );
  });

  it("closes the default security group and adopts the default NACL for every subnet", () => {
    const sg = resourceNamed(
      run,
      "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
      "dev-default-sg",
    );
    assert.deepEqual([sg.inputs["ingress"], sg.inputs["egress"]], [[], []]);
    const nacl = resourceNamed(
      run,
      "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
      "dev-default-nacl",
    );
    assert.equal((nacl.inputs["subnetIds"] as string[]).length, 12);
  });

  it("sends flow logs to an encrypted log group with retention through a scoped role", () => {
    const flow = resourceNamed(run, "aws:ec2/flowLog:FlowLog", "dev-flow-logs");
    assert.equal(flow.inputs["trafficType"], "ALL");
    assert.equal(flow.inputs["logDestinationType"], "cloud-watch-logs");
    const group = resourceNamed(run, "aws:cloudwatch/logGroup:LogGroup", "dev-flow-logs-logs");
    assert.equal(group.inputs["retentionInDays"], 365);
    assert.equal(group.inputs["name"], "/platform/dev/vpc/dev/flow-logs");
    assert.deepEqual(group.propertyDependencies["kmsKeyId"], [
      resourceNamed(run, "aws:kms/key:Key", "dev-flow-logs-key").urn,
    ]);
    assert.equal(
      resourceNamed(run, "aws:kms/key:Key", "dev-flow-logs-key").inputs["enableKeyRotation"],
      true,
    );
    const policy = JSON.parse(
      String(
        resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", "dev-flow-logs-write").inputs["policy"],
      ),
    );
    assert.deepEqual(policy.Statement[0].Action, [
      "logs:CreateLogStream",
      "logs:PutLogEvents",
      "logs:DescribeLogStreams",
    ]);
    assert.match(
      policy.Statement[0].Resource[0],
      /^arn:aws:logs:eu-west-1:\d{12}:log-group:\/platform\/dev\/vpc\/dev\/flow-logs$/,
    );
  });

  it("can send flow logs to S3 instead", async () => {
    const s3 = await plan({
      flowLogs: { destination: "s3", bucketArn: "arn:aws:s3:::org-flow-logs" },
    });
    const flow = resourceNamed(s3, "aws:ec2/flowLog:FlowLog", "dev-flow-logs");
    assert.equal(flow.inputs["logDestination"], "arn:aws:s3:::org-flow-logs");
    assert.deepEqual(
      [flow.inputs["trafficType"], flow.inputs["maxAggregationInterval"]],
      ["ALL", 60],
    );
    assert.equal(resourcesOfType(s3, "aws:cloudwatch/logGroup:LogGroup").length, 0);
  });

  it("adds the S3 gateway endpoint on private and data tables and the EKS interface endpoints", async () => {
    const s3 = resourceNamed(run, "aws:ec2/vpcEndpoint:VpcEndpoint", "dev-s3");
    assert.equal((s3.inputs["routeTableIds"] as string[]).length, 6);
    const services = resourcesOfType(run, "aws:ec2/vpcEndpoint:VpcEndpoint").map(
      (e) => e.inputs["serviceName"],
    );
    assert.deepEqual(services.sort(), [
      "com.amazonaws.eu-west-1.ec2",
      "com.amazonaws.eu-west-1.ecr.api",
      "com.amazonaws.eu-west-1.ecr.dkr",
      "com.amazonaws.eu-west-1.logs",
      "com.amazonaws.eu-west-1.s3",
      "com.amazonaws.eu-west-1.sts",
    ]);
    const off = await plan({ interfaceEndpoints: false });
    assert.deepEqual(
      resourcesOfType(off, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => e.name),
      ["dev-s3"],
    );
  });

  it("protects the VPC, subnets and key when asked (prod), and parents every child under the component", async () => {
    const prod = await plan({ protect: true });
    assert.equal(resourceNamed(prod, "aws:ec2/vpc:Vpc", "dev-vpc").protect, true);
    assert.ok(resourcesOfType(prod, "aws:ec2/subnet:Subnet").every((s) => s.protect));
    assert.equal(resourceNamed(prod, "aws:kms/key:Key", "dev-flow-logs-key").protect, true);
    const component = resourceNamed(run, "platform:network:Vpc", "dev").urn;
    assert.equal(resourceNamed(run, "aws:ec2/vpc:Vpc", "dev-vpc").parent, component);
    assert.ok(
      run.resources.filter((r) => r.custom && r.type.startsWith("aws:")).every((r) => r.provider),
    );
  });

  it("refuses a NAT strategy without a public tier", async () => {
    await assert.rejects(
      plan({ tiers: [{ name: "private", prefixLength: 19 }] }),
      /natStrategy perAz: NAT gateways live in the public tier; add a public tier or use none/,
    );
  });
});
