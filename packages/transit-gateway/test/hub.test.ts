import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import { TransitGatewayHub } from "../src";
import type { TransitGatewayHubArgs } from "../src";
import { STANDARD } from "./fixtures";

const args: TransitGatewayHubArgs = {
  amazonSideAsn: 64512,
  segments: STANDARD,
  shareWith: ["200000000002", "arn:aws:organizations::100000000001:ou/o-abc123/ou-ab12-workloads"],
  sharing: "organization",
  flowLogsRetentionInDays: 365,
  namePrefix: "network",
  accountId: "100000000001",
  region: "eu-west-1",
  protect: true,
};

function plan(overrides: Partial<TransitGatewayHubArgs> = {}): Promise<ProgramRun> {
  return runProgram(
    () => {
      const provider = new aws.Provider("network", { region: "eu-west-1" });
      const hub = new TransitGatewayHub("hub", { ...args, ...overrides }, { provider });
      return { segments: hub.segmentOutputs(STANDARD) };
    },
    { project: "platform-network", stack: "network" },
  );
}

describe("TransitGatewayHub", () => {
  let run: ProgramRun;
  before(async () => {
    run = await plan();
  });

  it("creates the Transit Gateway with explicit route tables only, auto-accept off, DNS and VPN ECMP on", () => {
    const tgw = resourceNamed(
      run,
      "aws:ec2transitgateway/transitGateway:TransitGateway",
      "hub-tgw",
    );
    assert.deepEqual(
      {
        asn: tgw.inputs["amazonSideAsn"],
        accept: tgw.inputs["autoAcceptSharedAttachments"],
        association: tgw.inputs["defaultRouteTableAssociation"],
        propagation: tgw.inputs["defaultRouteTablePropagation"],
        dns: tgw.inputs["dnsSupport"],
        ecmp: tgw.inputs["vpnEcmpSupport"],
      },
      {
        asn: 64512,
        accept: "disable",
        association: "disable",
        propagation: "disable",
        dns: "enable",
        ecmp: "enable",
      },
    );
    assert.equal(tgw.protect, true);
  });

  it("creates one protected route table per segment, tagged with the segment", () => {
    const tables = resourcesOfType(run, "aws:ec2transitgateway/routeTable:RouteTable");
    assert.deepEqual(
      tables.map((t) => (t.inputs["tags"] as Record<string, string>)["Segment"]).sort(),
      ["hybrid", "nonprod", "prod", "shared"],
    );
    assert.ok(tables.every((t) => t.protect));
  });

  it("shares the Transit Gateway through RAM with every configured principal, inside the organisation only", () => {
    const share = resourceNamed(run, "aws:ram/resourceShare:ResourceShare", "hub-share");
    assert.equal(share.inputs["allowExternalPrincipals"], false);
    const principals = resourcesOfType(
      run,
      "aws:ram/principalAssociation:PrincipalAssociation",
    ).map((p) => [p.name, p.inputs["principal"]]);
    assert.deepEqual(principals.sort(), [
      ["hub-share-200000000002", "200000000002"],
      [
        "hub-share-ou-ab12-workloads",
        "arn:aws:organizations::100000000001:ou/o-abc123/ou-ab12-workloads",
      ],
    ]);
  });

  it("logs Transit Gateway flows to an encrypted log group, with the options EC2 accepts for a TGW", () => {
    const flow = resourceNamed(run, "aws:ec2/flowLog:FlowLog", "hub-flow-logs");
    // CreateFlowLogs rejects a traffic type and any interval but 60 for transit gateways.
    assert.equal(flow.inputs["trafficType"], undefined);
    assert.equal(flow.inputs["maxAggregationInterval"], 60);
    assert.deepEqual(flow.propertyDependencies["transitGatewayId"], [
      resourceNamed(run, "aws:ec2transitgateway/transitGateway:TransitGateway", "hub-tgw").urn,
    ]);
    assert.equal(
      resourceNamed(run, "aws:cloudwatch/logGroup:LogGroup", "hub-flow-logs-logs").inputs["name"],
      "/platform/network/tgw/flow-logs",
    );
  });

  it("exports each segment's route table and propagation targets for spokes", () => {
    const segments = run.outputs["segments"] as Record<
      string,
      { routeTableId: string; propagateTo: string[]; summariseInto: string[] }
    >;
    assert.deepEqual(segments["nonprod"]?.propagateTo, ["nonprod", "shared"]);
    assert.deepEqual(segments["nonprod"]?.summariseInto, ["hybrid"]);
    assert.match(String(segments["prod"]?.routeTableId), /^tgw-rtb-/);
  });

  it("refuses segments that would let prod and nonprod reach each other", async () => {
    await assert.rejects(
      plan({
        segments: {
          prod: { tier: "prod", reaches: ["nonprod"] },
          nonprod: { tier: "nonprod", reaches: ["prod"] },
        },
      }),
      /segment prod \(prod\) may not reach nonprod \(nonprod\)/,
    );
  });

  it("shares inside the organisation only with organisation sharing, and may invite any account otherwise", async () => {
    const share = (r: ProgramRun) =>
      resourceNamed(r, "aws:ram/resourceShare:ResourceShare", "hub-share").inputs;
    assert.equal(share(run)["allowExternalPrincipals"], false);
    const invited = await plan({ sharing: "invitation", shareWith: ["200000000002"] });
    assert.equal(share(invited)["allowExternalPrincipals"], true);
  });

  it("refuses to invite an OU: only accounts can be invited", async () => {
    await assert.rejects(
      plan({ sharing: "invitation" }),
      /shareWith\.1 = "arn:aws:organizations::100000000001:ou\/o-abc123\/ou-ab12-workloads": an organisation or OU principal needs sharing: organization/,
    );
  });
});
