import * as assert from "node:assert/strict";
import { findings, res } from "./helpers";

const VPC = "aws:ec2/vpc:Vpc";

describe("network policies", () => {
  it("vpc-flow-logs: a VPC with a flow log passes, one without fails", async () => {
    const vpc = res(VPC, { cidrBlock: "10.16.0.0/16" }, { name: "dev" });
    assert.deepEqual(
      await findings("vpc-flow-logs", [
        vpc,
        res("aws:ec2/flowLog:FlowLog", {}, { deps: { vpcId: [vpc] } }),
      ]),
      [],
    );
    assert.deepEqual(await findings("vpc-flow-logs", [vpc]), [
      "VPC dev has no flow log; add an aws.ec2.FlowLog for it",
    ]);
  });

  it("vpc-default-sg-closed", async () => {
    assert.deepEqual(
      await findings("vpc-default-sg-closed", [
        res("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", { ingress: [], egress: [] }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("vpc-default-sg-closed", [
        res("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", {
          ingress: [{ protocol: "-1" }],
          egress: [],
        }),
      ]),
      ["default security group has 1 rule(s); it must have none"],
    );
  });

  it("sg-no-open-admin-ports: inline rules, rule resources and configured ports", async () => {
    const sg = (ingress: unknown[]) => res("aws:ec2/securityGroup:SecurityGroup", { ingress });
    assert.deepEqual(
      await findings("sg-no-open-admin-ports", [
        sg([{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8"] }]),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("sg-no-open-admin-ports", [
        sg([{ protocol: "tcp", fromPort: 0, toPort: 4000, cidrBlocks: ["0.0.0.0/0"] }]),
      ]),
      ["ingress opens port(s) 22, 3389 to the internet"],
    );
    assert.deepEqual(
      await findings(
        "sg-no-open-admin-ports",
        [
          res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", {
            ipProtocol: "tcp",
            fromPort: 5432,
            toPort: 5432,
            cidrIpv6: "::/0",
          }),
        ],
        { ports: [5432] },
      ),
      ["ingress rule opens port(s) 5432 to the internet"],
    );
    assert.deepEqual(
      await findings("sg-no-open-admin-ports", [
        res("aws:ec2/securityGroupRule:SecurityGroupRule", {
          type: "egress",
          protocol: "-1",
          cidrBlocks: ["0.0.0.0/0"],
        }),
      ]),
      [],
    );
  });

  it("sg-rule-management-conflicts", async () => {
    const sg = res(
      "aws:ec2/securityGroup:SecurityGroup",
      { ingress: [{ protocol: "tcp" }] },
      { name: "web" },
    );
    const rule = res(
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      {},
      { deps: { securityGroupId: [sg] } },
    );
    assert.deepEqual(await findings("sg-rule-management-conflicts", [sg]), []);
    assert.deepEqual(await findings("sg-rule-management-conflicts", [sg, rule]), [
      "security group web has inline rules and 1 separate rule resource(s); use one or the other",
    ]);
  });

  it("subnet-no-auto-public-ip exempts the public tier", async () => {
    assert.deepEqual(
      await findings("subnet-no-auto-public-ip", [
        res("aws:ec2/subnet:Subnet", { mapPublicIpOnLaunch: true, tags: { Tier: "public" } }),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("subnet-no-auto-public-ip", [
        res("aws:ec2/subnet:Subnet", { mapPublicIpOnLaunch: true, tags: { Tier: "private" } }),
      ]),
      ["subnet assigns public IPs on launch but is not tagged Tier=public"],
    );
  });

  it("tgw-no-auto-accept and tgw-explicit-route-tables", async () => {
    const good = res("aws:ec2transitgateway/transitGateway:TransitGateway", {
      autoAcceptSharedAttachments: "disable",
      defaultRouteTableAssociation: "disable",
      defaultRouteTablePropagation: "disable",
    });
    const bad = res("aws:ec2transitgateway/transitGateway:TransitGateway", {
      autoAcceptSharedAttachments: "enable",
    });
    assert.deepEqual(await findings("tgw-no-auto-accept", [good]), []);
    assert.deepEqual(await findings("tgw-no-auto-accept", [bad]), [
      "autoAcceptSharedAttachments is enable; any account the gateway is shared with could attach",
    ]);
    assert.deepEqual(await findings("tgw-explicit-route-tables", [good]), []);
    assert.deepEqual(await findings("tgw-explicit-route-tables", [bad]), [
      "defaultRouteTableAssociation is not disable; new attachments would join the default table",
      "defaultRouteTablePropagation is not disable; every attachment would reach every other",
    ]);
  });

  it("tgw-segment-isolation: by local table tags, by configured ids and by the spoke naming convention", async () => {
    const attachment = res("aws:ec2transitgateway/vpcAttachment:VpcAttachment", {
      tags: { Segment: "prod" },
    });
    const accepter = res(
      "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
      {},
      { deps: { transitGatewayAttachmentId: [attachment] } },
    );
    const nonprodTable = res("aws:ec2transitgateway/routeTable:RouteTable", {
      tags: { Segment: "nonprod" },
    });
    const sharedTable = res("aws:ec2transitgateway/routeTable:RouteTable", {
      tags: { Segment: "shared" },
    });
    const propagate = (table: ReturnType<typeof res>, name?: string) =>
      res(
        "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
        {},
        {
          name,
          deps: { transitGatewayAttachmentId: [accepter], transitGatewayRouteTableId: [table] },
        },
      );
    assert.deepEqual(
      await findings("tgw-segment-isolation", [
        attachment,
        accepter,
        sharedTable,
        propagate(sharedTable),
      ]),
      [],
    );
    assert.deepEqual(
      await findings("tgw-segment-isolation", [
        attachment,
        accepter,
        nonprodTable,
        propagate(nonprodTable),
      ]),
      [
        "prod (prod) attachment is propagated into the nonprod (nonprod) route table: prod and nonprod must stay isolated",
      ],
    );
    const byId = res(
      "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
      { transitGatewayRouteTableId: "tgw-rtb-1" },
      { deps: { transitGatewayAttachmentId: [accepter] } },
    );
    assert.deepEqual(
      await findings("tgw-segment-isolation", [attachment, accepter, byId], {
        routeTableSegments: { "tgw-rtb-1": "nonprod" },
      }),
      [
        "prod (prod) attachment is associated with the nonprod (nonprod) route table: prod and nonprod must stay isolated",
      ],
    );
    const byName = res(
      "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
      {},
      { name: "prod-spoke-propagate-nonprod", deps: { transitGatewayAttachmentId: [accepter] } },
    );
    assert.equal(
      (await findings("tgw-segment-isolation", [attachment, accepter, byName])).length,
      1,
    );
  });

  it("vpc-cidr-no-overlap: against each other and the registry, not against own allocations", async () => {
    const registry = [
      { name: "dev", cidr: "10.16.0.0/14" },
      { name: "prod", cidr: "10.24.0.0/14" },
    ];
    const vpc = (cidr: string, name: string) =>
      res("aws:ec2/vpc:Vpc", { cidrBlock: cidr }, { name });
    assert.deepEqual(
      await findings("vpc-cidr-no-overlap", [vpc("10.16.0.0/16", "a")], {
        registry,
        ownAllocations: ["dev"],
      }),
      [],
    );
    assert.deepEqual(
      await findings("vpc-cidr-no-overlap", [vpc("10.24.0.0/16", "a")], {
        registry,
        ownAllocations: ["dev"],
      }),
      [
        "VPC a (10.24.0.0/16) overlaps registry range prod (10.24.0.0/14), which is not this environment's",
      ],
    );
    assert.deepEqual(
      await findings("vpc-cidr-no-overlap", [vpc("10.16.0.0/16", "a"), vpc("10.16.128.0/17", "b")]),
      ["VPC b (10.16.128.0/17) overlaps VPC a (10.16.0.0/16)"],
    );
  });
});

describe("tgw-segment-isolation and static summary routes", () => {
  it("flags a prod attachment's summary route in a nonprod table", async () => {
    const attachment = res("aws:ec2transitgateway/vpcAttachment:VpcAttachment", {
      tags: { Segment: "prod" },
    });
    const accepter = res(
      "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
      {},
      { deps: { transitGatewayAttachmentId: [attachment] } },
    );
    const toHybrid = res(
      "aws:ec2transitgateway/route:Route",
      { destinationCidrBlock: "10.24.0.0/14" },
      { name: "prod-spoke-summary-hybrid", deps: { transitGatewayAttachmentId: [accepter] } },
    );
    const toNonprod = res(
      "aws:ec2transitgateway/route:Route",
      { destinationCidrBlock: "10.24.0.0/14" },
      { name: "prod-spoke-summary-nonprod", deps: { transitGatewayAttachmentId: [accepter] } },
    );
    assert.deepEqual(await findings("tgw-segment-isolation", [attachment, accepter, toHybrid]), []);
    assert.deepEqual(await findings("tgw-segment-isolation", [attachment, accepter, toNonprod]), [
      "prod (prod) attachment is routed from the nonprod (nonprod) route table: prod and nonprod must stay isolated",
    ]);
  });
});
