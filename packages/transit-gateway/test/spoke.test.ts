import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { TransitGatewaySpoke } from "../src";
import { HUB } from "./fixtures";

function plan(segment: string, hub: typeof HUB = HUB): Promise<ProgramRun> {
  return runProgram(
    () => {
      const env = new aws.Provider("env", {
        region: "eu-west-1",
        allowedAccountIds: ["200000000002"],
      });
      const network = new aws.Provider("network", {
        region: "eu-west-1",
        assumeRoles: [{ roleArn: "arn:aws:iam::100000000001:role/platform-network-spoke" }],
      });
      new TransitGatewaySpoke(
        "spoke",
        {
          hub,
          segment,
          vpcId: "vpc-123",
          transitSubnetIds: ["subnet-a", "subnet-b"],
          routeTables: [
            { label: "dev-private-a", id: pulumi.output("rtb-pa") },
            { label: "dev-data-a", id: pulumi.output("rtb-da") },
          ],
          networkProvider: network,
          namePrefix: "dev",
          summaryCidr: segment === "prod" ? "10.24.0.0/14" : "10.16.0.0/14",
        },
        { provider: env },
      );
      return {};
    },
    { project: "platform-dev", stack: "dev" },
  );
}

const NETWORK = "urn:pulumi:dev::platform-dev::pulumi:providers:aws::network";
const ENV = "urn:pulumi:dev::platform-dev::pulumi:providers:aws::env";

describe("TransitGatewaySpoke", () => {
  it("attaches in the environment account and accepts, associates and propagates in the network account", async () => {
    const run = await plan("nonprod");
    const [attachment] = resourcesOfType(run, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
    assert.equal(attachment?.provider, ENV);
    assert.deepEqual(attachment?.inputs["subnetIds"], ["subnet-a", "subnet-b"]);
    const [accepter] = resourcesOfType(
      run,
      "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
    );
    assert.equal(accepter?.provider, NETWORK);
    assert.equal(accepter?.inputs["transitGatewayDefaultRouteTableAssociation"], false);
    const [association] = resourcesOfType(
      run,
      "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    );
    assert.equal(association?.provider, NETWORK);
    assert.equal(association?.inputs["transitGatewayRouteTableId"], "tgw-rtb-nonprod");
  });

  it("propagates a nonprod attachment into nonprod and shared, never into prod, and summarises into hybrid", async () => {
    const run = await plan("nonprod");
    const tables = resourcesOfType(
      run,
      "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    ).map((p) => p.inputs["transitGatewayRouteTableId"]);
    assert.deepEqual(tables.sort(), ["tgw-rtb-nonprod", "tgw-rtb-shared"]);
    const summaries = resourcesOfType(run, "aws:ec2transitgateway/route:Route");
    assert.deepEqual(
      summaries.map((r) => [
        r.name,
        r.inputs["destinationCidrBlock"],
        r.inputs["transitGatewayRouteTableId"],
        r.provider,
      ]),
      [["spoke-summary-hybrid", "10.16.0.0/14", "tgw-rtb-hybrid", NETWORK]],
    );
  });

  it("propagates a prod attachment into prod and shared, never into nonprod", async () => {
    const run = await plan("prod");
    const tables = resourcesOfType(
      run,
      "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    ).map((p) => p.inputs["transitGatewayRouteTableId"]);
    assert.deepEqual(tables.sort(), ["tgw-rtb-prod", "tgw-rtb-shared"]);
    const summaries = resourcesOfType(run, "aws:ec2transitgateway/route:Route").map(
      (r) => r.inputs["transitGatewayRouteTableId"],
    );
    assert.deepEqual(summaries, ["tgw-rtb-hybrid"]);
  });

  it("routes on-premises and shared ranges from each given route table to the Transit Gateway after acceptance", async () => {
    const run = await plan("nonprod");
    const routes = resourcesOfType(run, "aws:ec2/route:Route");
    assert.deepEqual(
      routes
        .map((r) => [
          r.name,
          r.inputs["routeTableId"],
          r.inputs["destinationCidrBlock"],
          r.inputs["transitGatewayId"],
        ])
        .sort(),
      [
        ["spoke-dev-data-a-to-10-8-0-0-16", "rtb-da", "10.8.0.0/16", "tgw-0hub"],
        ["spoke-dev-data-a-to-172-16-0-0-12", "rtb-da", "172.16.0.0/12", "tgw-0hub"],
        ["spoke-dev-private-a-to-10-8-0-0-16", "rtb-pa", "10.8.0.0/16", "tgw-0hub"],
        ["spoke-dev-private-a-to-172-16-0-0-12", "rtb-pa", "172.16.0.0/12", "tgw-0hub"],
      ],
    );
    const accepterUrn = resourcesOfType(
      run,
      "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
    )[0]!.urn;
    assert.ok(routes.every((r) => r.dependencies.includes(accepterUrn) && r.provider === ENV));
  });

  it("attaches a VPC of the network account itself without an acceptance step, routing it like any spoke", async () => {
    // Inside the network stack the hub's ids are outputs of its own resources, not plain values.
    const run = await runProgram(
      () => {
        const network = new aws.Provider("network", {
          region: "eu-west-1",
          allowedAccountIds: ["100000000001"],
        });
        const hub = {
          ...HUB,
          transitGatewayId: pulumi.output(HUB.transitGatewayId),
          segments: Object.fromEntries(
            Object.entries(HUB.segments).map(([s, v]) => [
              s,
              { ...v, routeTableId: pulumi.output(v.routeTableId) },
            ]),
          ),
        };
        new TransitGatewaySpoke(
          "shared-services",
          {
            hub,
            segment: "shared",
            vpcId: "vpc-shared",
            transitSubnetIds: ["subnet-ta", "subnet-tb"],
            routeTables: [{ label: "shared-services-private-a", id: pulumi.output("rtb-sa") }],
            destinations: ["172.16.0.0/12", "10.16.0.0/14", "10.24.0.0/14"],
            namePrefix: "shared-services",
            summaryCidr: "10.8.0.0/16",
          },
          { provider: network },
        );
        return {};
      },
      { project: "platform-network", stack: "network" },
    );
    const own = "urn:pulumi:network::platform-network::pulumi:providers:aws::network";
    assert.deepEqual(
      resourcesOfType(run, "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter"),
      [],
    );
    const attachment = resourcesOfType(
      run,
      "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    )[0]!;
    assert.equal(attachment.provider, own);
    assert.equal(attachment.inputs["transitGatewayDefaultRouteTableAssociation"], false);
    assert.equal(attachment.inputs["transitGatewayDefaultRouteTablePropagation"], false);
    const wiring = [
      ...resourcesOfType(run, "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation"),
      ...resourcesOfType(run, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation"),
      ...resourcesOfType(run, "aws:ec2transitgateway/route:Route"),
    ];
    assert.deepEqual(
      wiring.map((r) => [r.name, r.inputs["transitGatewayRouteTableId"], r.provider]),
      [
        ["shared-services-associate-shared", "tgw-rtb-shared", own],
        ["shared-services-propagate-nonprod", "tgw-rtb-nonprod", own],
        ["shared-services-propagate-prod", "tgw-rtb-prod", own],
        ["shared-services-propagate-shared", "tgw-rtb-shared", own],
        ["shared-services-summary-hybrid", "tgw-rtb-hybrid", own],
      ],
    );
    assert.ok(
      wiring.every(
        (r) => r.propertyDependencies["transitGatewayAttachmentId"]?.[0] === attachment.urn,
      ),
    );
    const routes = resourcesOfType(run, "aws:ec2/route:Route");
    assert.deepEqual(
      routes.map((r) => r.inputs["destinationCidrBlock"]),
      ["172.16.0.0/12", "10.16.0.0/14", "10.24.0.0/14"],
    );
    assert.ok(routes.every((r) => r.dependencies.includes(attachment.urn)));
  });

  it("names an unknown segment with the hub's segments", async () => {
    await assert.rejects(
      plan("dmz"),
      /segment "dmz" is not a segment of the hub; known segments: prod, nonprod, shared, hybrid/,
    );
  });

  it("accepts the RAM invitation in the environment account before attaching, when the hub invites", async () => {
    const shareArn = "arn:aws:ram:eu-west-1:100000000001:resource-share/0a1b2c3d";
    const run = await plan("nonprod", { ...HUB, ram: { mode: "invitation", shareArn } });
    const [accept] = resourcesOfType(run, "aws:ram/resourceShareAccepter:ResourceShareAccepter");
    assert.equal(accept?.inputs["shareArn"], shareArn);
    assert.equal(accept?.provider, ENV);
    const [attachment] = resourcesOfType(run, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
    assert.ok(attachment?.dependencies.includes(accept!.urn));
    const organisation = await plan("nonprod", { ...HUB, ram: { mode: "organization" } });
    assert.deepEqual(
      resourcesOfType(organisation, "aws:ram/resourceShareAccepter:ResourceShareAccepter"),
      [],
    );
  });
});
