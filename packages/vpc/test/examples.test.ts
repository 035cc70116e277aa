import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import simple from "../examples/simple";

const names = (run: ProgramRun, type: string) => resourcesOfType(run, type).map((r) => r.name);

/** The route in a route table, by the table's name. */
const routesOf = (run: ProgramRun, table: string) => {
  const urn = resourceNamed(run, "aws:ec2/routeTable:RouteTable", table).urn;
  return resourcesOfType(run, "aws:ec2/route:Route").filter((r) =>
    r.propertyDependencies["routeTableId"]?.includes(urn),
  );
};

describe("examples", () => {
  describe("simple: a dev VPC with one NAT and CloudWatch flow logs", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(simple);
    });

    it("lays out three tiers over two AZs at the planner's CIDRs", () => {
      const vpc = resourceNamed(run, "platform:network:Vpc", "dev");
      const subnets = resourcesOfType(run, "aws:ec2/subnet:Subnet");
      assert.ok(subnets.every((s) => s.parent === vpc.urn));
      assert.deepEqual(Object.fromEntries(subnets.map((s) => [s.name, s.inputs["cidrBlock"]])), {
        "dev-private-a": "10.16.0.0/19",
        "dev-private-b": "10.16.32.0/19",
        "dev-public-a": "10.16.128.0/22",
        "dev-public-b": "10.16.144.0/22",
        "dev-transit-a": "10.16.192.0/28",
        "dev-transit-b": "10.16.200.0/28",
      });
    });

    it("routes both private AZs through the single NAT gateway in the first AZ", () => {
      assert.deepEqual(names(run, "aws:ec2/natGateway:NatGateway"), ["dev-nat-a"]);
      const nat = resourceNamed(run, "aws:ec2/natGateway:NatGateway", "dev-nat-a").urn;
      for (const table of ["dev-private-a", "dev-private-b"])
        assert.deepEqual(routesOf(run, table)[0]?.propertyDependencies["natGatewayId"], [nat]);
      assert.deepEqual(routesOf(run, "dev-transit-a"), []);
    });

    it("sends flow logs to a 90-day CloudWatch log group", () => {
      const group = resourceNamed(run, "aws:cloudwatch/logGroup:LogGroup", "dev-flow-logs-logs");
      assert.equal(group.inputs["name"], "/platform/dev/vpc/dev/flow-logs");
      assert.equal(group.inputs["retentionInDays"], 90);
      const flow = resourceNamed(run, "aws:ec2/flowLog:FlowLog", "dev-flow-logs");
      assert.equal(flow.inputs["logDestinationType"], "cloud-watch-logs");
    });

    it("adds the S3 gateway endpoint and the EKS interface endpoints by default", () => {
      assert.deepEqual(names(run, "aws:ec2/vpcEndpoint:VpcEndpoint").sort(), [
        "dev-ec2",
        "dev-ecr-api",
        "dev-ecr-dkr",
        "dev-logs",
        "dev-s3",
        "dev-sts",
      ]);
      assert.equal((run.outputs["privateSubnetIds"] as unknown[]).length, 2);
    });
  });

  describe("complete: a prod VPC with a NAT per AZ, S3 flow logs and endpoints", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(complete);
    });

    it("creates twelve subnets, protected, through the explicit provider", () => {
      const subnets = resourcesOfType(run, "aws:ec2/subnet:Subnet");
      assert.equal(subnets.length, 12);
      assert.ok(subnets.every((s) => s.protect));
      assert.equal(resourceNamed(run, "aws:ec2/vpc:Vpc", "prod-vpc").protect, true);
      const provider = resourceNamed(run, "pulumi:providers:aws", "prod").urn;
      assert.ok(
        run.resources
          .filter((r) => r.type.startsWith("aws:"))
          .every((r) => r.provider === provider),
      );
    });

    it("puts a NAT gateway in each AZ's public subnet and routes each private AZ to its own", () => {
      assert.deepEqual(names(run, "aws:ec2/natGateway:NatGateway"), [
        "prod-nat-a",
        "prod-nat-b",
        "prod-nat-c",
      ]);
      for (const az of ["a", "b", "c"]) {
        const nat = resourceNamed(run, "aws:ec2/natGateway:NatGateway", `prod-nat-${az}`);
        assert.deepEqual(nat.propertyDependencies["subnetId"], [
          resourceNamed(run, "aws:ec2/subnet:Subnet", `prod-public-${az}`).urn,
        ]);
        assert.deepEqual(
          routesOf(run, `prod-private-${az}`)[0]?.propertyDependencies["natGatewayId"],
          [nat.urn],
        );
      }
    });

    it("sends flow logs to the S3 bucket, with no log group", () => {
      const flow = resourceNamed(run, "aws:ec2/flowLog:FlowLog", "prod-flow-logs");
      assert.equal(flow.inputs["logDestinationType"], "s3");
      assert.equal(flow.inputs["logDestination"], "arn:aws:s3:::example-prod-flow-logs");
      assert.equal(flow.inputs["trafficType"], "ALL");
      assert.deepEqual(names(run, "aws:cloudwatch/logGroup:LogGroup"), []);
    });

    it("attaches the S3 gateway endpoint to the private and data tables, and the interface endpoints to the private subnets", () => {
      const s3 = resourceNamed(run, "aws:ec2/vpcEndpoint:VpcEndpoint", "prod-s3");
      assert.equal(s3.inputs["vpcEndpointType"], "Gateway");
      assert.equal((s3.inputs["routeTableIds"] as string[]).length, 6);
      const sts = resourceNamed(run, "aws:ec2/vpcEndpoint:VpcEndpoint", "prod-sts");
      assert.equal(sts.inputs["serviceName"], "com.amazonaws.eu-west-1.sts");
      assert.equal(sts.inputs["privateDnsEnabled"], true);
      assert.deepEqual(
        sts.propertyDependencies["subnetIds"]?.slice().sort(),
        ["a", "b", "c"]
          .map((az) => resourceNamed(run, "aws:ec2/subnet:Subnet", `prod-private-${az}`).urn)
          .sort(),
      );
      const https = resourceNamed(
        run,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "prod-endpoints-https",
      );
      assert.deepEqual([https.inputs["cidrIpv4"], https.inputs["fromPort"]], ["10.24.0.0/16", 443]);
    });
  });
});
