import * as assert from "node:assert/strict";
import { modelFromPlans } from "../src/from-plans";

describe("netcheck reads the hub through its contract", () => {
  it("refuses a hub plan whose outputs break the contract, instead of casting them", () => {
    const hubPlan = {
      project: "platform-network",
      stack: "network",
      resources: [
        {
          urn: "urn:pulumi:network::platform-network::aws:ec2transitgateway/transitGateway:TransitGateway::hub",
          type: "aws:ec2transitgateway/transitGateway:TransitGateway",
          name: "hub",
          inputs: {},
          dependencies: [],
        },
      ],
      outputs: { segments: {} },
    };
    assert.throws(
      () => modelFromPlans([hubPlan]),
      /^Error: the hub's plan platform-network\/network does not export what spokes need/,
    );
  });
});
