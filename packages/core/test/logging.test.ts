import * as assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import { resourcesOfType, runProgram } from "@platform/testing";
import { cloudWatchFlowLog, flowLogTargetInputs } from "../src";
import type { FlowLogTarget } from "../src";

describe("flow logs", () => {
  it("gives transit gateway resource types no traffic type and a 60 s interval, VPCs ALL traffic", () => {
    assert.deepEqual(flowLogTargetInputs({ transitGatewayId: "tgw-1" }), {
      transitGatewayId: "tgw-1",
      maxAggregationInterval: 60,
    });
    assert.deepEqual(flowLogTargetInputs({ transitGatewayAttachmentId: "tgw-attach-1" }), {
      transitGatewayAttachmentId: "tgw-attach-1",
      maxAggregationInterval: 60,
    });
    assert.deepEqual(flowLogTargetInputs({ vpcId: "vpc-1" }), {
      vpcId: "vpc-1",
      trafficType: "ALL",
      maxAggregationInterval: 60,
    });
  });

  for (const target of [
    { transitGatewayId: "tgw-1" },
    { transitGatewayAttachmentId: "tgw-attach-1" },
  ] as FlowLogTarget[]) {
    it(`creates a flow log AWS accepts for ${Object.keys(target)[0]}`, async () => {
      const run = await runProgram(
        () => {
          const provider = new aws.Provider("p", { region: "eu-west-1" });
          cloudWatchFlowLog(
            "tgw-flow",
            {
              target,
              logGroupName: "/platform/x/tgw",
              retentionInDays: 365,
              accountId: "100000000001",
              region: "eu-west-1",
            },
            { provider },
          );
          return {};
        },
        { project: "p", stack: "s" },
      );
      const [flow] = resourcesOfType(run, "aws:ec2/flowLog:FlowLog");
      assert.equal(flow!.inputs["trafficType"], undefined);
      assert.equal(flow!.inputs["maxAggregationInterval"], 60);
      assert.equal(flow!.inputs["logDestinationType"], "cloud-watch-logs");
    });
  }
});
