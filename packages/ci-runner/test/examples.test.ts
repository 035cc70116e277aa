import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import simple from "../examples/simple";

describe("ci-runner examples", () => {
  describe("simple", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(simple);
    });

    it("registers the runner project in the VPC, started by queued workflow jobs", () => {
      const runner = resourceNamed(run, "platform:ci:GitHubActionsRunner", "deploy-runner");
      const project = resourceNamed(run, "aws:codebuild/project:Project", "deploy-runner");
      assert.equal(project.parent, runner.urn);
      assert.equal(project.inputs["name"], "platform-deploy-runner");
      assert.deepEqual(project.inputs["source"], {
        type: "GITHUB",
        location: "https://github.com/example-org/platform.git",
        auth: {
          type: "CODECONNECTIONS",
          resource:
            "arn:aws:codeconnections:eu-west-1:100000000001:connection/6f1c0a2e-0000-4000-8000-000000000000",
        },
      });
      const vpc = project.inputs["vpcConfig"] as Record<string, unknown>;
      assert.deepEqual(
        [vpc["vpcId"], vpc["subnets"]],
        ["vpc-0shared", ["subnet-0private-a", "subnet-0private-b"]],
      );
      assert.equal(
        (project.inputs["environment"] as Record<string, unknown>)["privilegedMode"],
        false,
      );
      const webhook = resourceNamed(run, "aws:codebuild/webhook:Webhook", "deploy-runner");
      assert.deepEqual(webhook.inputs["filterGroups"], [
        { filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] },
      ]);
    });

    it("lets the builds send HTTPS only and logs to an encrypted group", () => {
      const egress = resourcesOfType(
        run,
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
      );
      assert.deepEqual(
        egress.map((r) => [r.inputs["ipProtocol"], r.inputs["fromPort"], r.inputs["toPort"]]),
        [["tcp", 443, 443]],
      );
      assert.equal(
        resourcesOfType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").length,
        0,
      );
      const [group] = resourcesOfType(run, "aws:cloudwatch/logGroup:LogGroup");
      assert.equal(group?.inputs["name"], "/platform/network/ci/platform-deploy-runner");
      assert.equal(group?.inputs["retentionInDays"], 365);
      assert.ok(group?.inputs["kmsKeyId"]);
    });

    it("outputs the runs-on label jobs select it with", () => {
      assert.equal(
        run.outputs["runsOn"],
        "codebuild-platform-deploy-runner-${{ github.run_id }}-${{ github.run_attempt }}",
      );
    });
  });
});
