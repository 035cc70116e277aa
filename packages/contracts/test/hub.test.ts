import * as assert from "node:assert/strict";
import { parseHubOutputs } from "../src";

const hub = {
  accountId: "100000000001",
  region: "eu-west-1",
  transitGatewayId: "tgw-1",
  transitGatewayArn: "arn:aws:ec2:eu-west-1:100000000001:transit-gateway/tgw-1",
  amazonSideAsn: 64512,
  segments: { nonprod: { tier: "nonprod", routeTableId: "tgw-rtb-1", propagateTo: ["nonprod"] } },
  addressPlan: {
    onPremises: ["172.16.0.0/16"],
    sharedServices: ["10.8.0.0/16"],
    environments: { dev: { cidr: "10.16.0.0/14", segment: "nonprod" } },
  },
};

describe("hub contract", () => {
  it("reads what the network stack exports, with defaults for fields added later", () => {
    const read = parseHubOutputs(hub, "the hub");
    assert.deepEqual(read.segments["nonprod"]!.summariseInto, []);
  });

  it("names where the outputs came from and each key that breaks the contract", () => {
    const { addressPlan: _omitted, ...rest } = hub;
    assert.throws(
      () =>
        parseHubOutputs(
          { ...rest, segments: { nonprod: { ...hub.segments.nonprod, tier: "dmz" } } },
          "the hub's plan platform-network/network",
        ),
      (err: Error) =>
        /^the hub's plan platform-network\/network does not export what spokes need/.test(
          err.message,
        ) &&
        /segments\.nonprod\.tier/.test(err.message) &&
        /addressPlan/.test(err.message),
    );
  });

  it("carries the network metrics read role's ARN when the hub has one; older hubs still read", () => {
    const arn = "arn:aws:iam::100000000001:role/stack-network-metrics-read";
    assert.equal(
      parseHubOutputs({ ...hub, networkMetrics: { readRoleArn: arn } }, "the hub").networkMetrics
        ?.readRoleArn,
      arn,
    );
    assert.equal(parseHubOutputs(hub, "the hub").networkMetrics, undefined);
    assert.throws(
      () => parseHubOutputs({ ...hub, networkMetrics: {} }, "the hub"),
      /networkMetrics\.readRoleArn/,
    );
  });

  it("an invitation share without its ARN is refused (the spoke could not accept it)", () => {
    assert.throws(
      () => parseHubOutputs({ ...hub, ram: { mode: "invitation" } }, "the hub"),
      /shareArn/,
    );
  });
});
