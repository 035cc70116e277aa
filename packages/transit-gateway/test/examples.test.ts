import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import simple from "../examples/simple";

describe("examples", () => {
  describe("simple: a hub with two segments and a same-account spoke", () => {
    let run: ProgramRun;
    const urnOf = (type: string, name: string) => resourceNamed(run, type, name).urn;
    const tgwTable = (segment: string) =>
      urnOf("aws:ec2transitgateway/routeTable:RouteTable", `hub-${segment}`);
    before(async () => {
      run = await planExample(simple, { project: "platform-network" });
    });

    it("creates the Transit Gateway with explicit routing only and a route table per segment", () => {
      const tgw = resourceNamed(
        run,
        "aws:ec2transitgateway/transitGateway:TransitGateway",
        "hub-tgw",
      );
      assert.equal(tgw.parent, urnOf("platform:network:TransitGatewayHub", "hub"));
      assert.deepEqual(
        [
          tgw.inputs["amazonSideAsn"],
          tgw.inputs["defaultRouteTableAssociation"],
          tgw.inputs["defaultRouteTablePropagation"],
          tgw.inputs["autoAcceptSharedAttachments"],
        ],
        [64512, "disable", "disable", "disable"],
      );
      assert.deepEqual(
        resourcesOfType(run, "aws:ec2transitgateway/routeTable:RouteTable").map((t) => [
          t.name,
          (t.inputs["tags"] as Record<string, string>)["Segment"],
        ]),
        [
          ["hub-nonprod", "nonprod"],
          ["hub-shared", "shared"],
        ],
      );
    });

    it("shares the Transit Gateway with the workload account inside the organisation", () => {
      const share = resourceNamed(run, "aws:ram/resourceShare:ResourceShare", "hub-share");
      assert.equal(share.inputs["allowExternalPrincipals"], false);
      const principal = resourceNamed(
        run,
        "aws:ram/principalAssociation:PrincipalAssociation",
        "hub-share-200000000002",
      );
      assert.equal(principal.inputs["principal"], "200000000002");
      const group = resourceNamed(run, "aws:cloudwatch/logGroup:LogGroup", "hub-flow-logs-logs");
      assert.deepEqual(
        [group.inputs["name"], group.inputs["retentionInDays"]],
        ["/platform/network/tgw/flow-logs", 90],
      );
    });

    it("attaches the VPC in its transit subnets, without acceptance, and associates it with nonprod", () => {
      const attachment = resourceNamed(
        run,
        "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
        "tools-spoke-attachment",
      );
      assert.deepEqual(
        attachment.propertyDependencies["subnetIds"]?.slice().sort(),
        [
          urnOf("aws:ec2/subnet:Subnet", "tools-transit-a"),
          urnOf("aws:ec2/subnet:Subnet", "tools-transit-b"),
        ].sort(),
      );
      assert.equal(attachment.inputs["transitGatewayDefaultRouteTableAssociation"], false);
      assert.deepEqual(
        resourcesOfType(run, "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter"),
        [],
      );
      const association = resourceNamed(
        run,
        "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
        "tools-spoke-associate-nonprod",
      );
      assert.deepEqual(association.propertyDependencies["transitGatewayRouteTableId"], [
        tgwTable("nonprod"),
      ]);
    });

    it("propagates into nonprod and shared (the segments that reach it) and nowhere else", () => {
      const propagations = resourcesOfType(
        run,
        "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
      );
      assert.deepEqual(
        propagations.map((p) => [p.name, p.propertyDependencies["transitGatewayRouteTableId"]]),
        [
          ["tools-spoke-propagate-nonprod", [tgwTable("nonprod")]],
          ["tools-spoke-propagate-shared", [tgwTable("shared")]],
        ],
      );
      assert.deepEqual(resourcesOfType(run, "aws:ec2transitgateway/route:Route"), []);
    });

    it("routes on-premises and shared services from the VPC's table to the Transit Gateway", () => {
      const routes = resourcesOfType(run, "aws:ec2/route:Route");
      assert.deepEqual(routes.map((r) => r.inputs["destinationCidrBlock"]).sort(), [
        "10.8.0.0/16",
        "172.16.0.0/12",
      ]);
      for (const route of routes) {
        assert.deepEqual(route.propertyDependencies["routeTableId"], [
          urnOf("aws:ec2/routeTable:RouteTable", "tools-private"),
        ]);
        assert.deepEqual(route.propertyDependencies["transitGatewayId"], [
          urnOf("aws:ec2transitgateway/transitGateway:TransitGateway", "hub-tgw"),
        ]);
      }
    });
  });
});
