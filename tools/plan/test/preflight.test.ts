import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { diffMarkdown, diffPlans, failureReasons, planFails, planStack, summarize } from "../src";
import { preflightEvaluator } from "../src/preflight";

const fixture = path.join(__dirname, "fixtures", "refused");
const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-preflight-"));
const URN = "urn:pulumi:demo::fixture-refused::aws:ec2/flowLog:FlowLog::tgw-flow-logs";

describe("plan with preflight", () => {
  it("runs preflight after capture: findings in the plan, the plan fails naming stack and rule", async () => {
    const plan = await planStack(
      root,
      fixture,
      "demo",
      undefined,
      preflightEvaluator(root, { file: {} }),
    );
    assert.deepEqual(
      plan.preflight.map((f) => [f.rule, f.severity, f.urn]),
      [["aws-flow-log-options", "error", URN]],
    );
    assert.match(
      plan.preflight[0]!.source,
      /https:\/\/docs\.aws\.amazon\.com\/vpc\/latest\/tgw\/flow-logs-api-cli\.html/,
    );
    assert.equal(planFails(plan), true);
    assert.match(
      summarize(plan),
      /^fixture-refused\/demo: BLOCKED BY PREFLIGHT - 3 resources, preflight 1 errors, 0 warnings, 0 waived;/,
    );
    assert.match(
      summarize(plan),
      /\n {2}preflight \[error\] aws-flow-log-options: trafficType "ALL"/,
    );
    assert.deepEqual(
      failureReasons(plan).map((r) => r.split(":").slice(0, 2).join(":")),
      ["fixture-refused/demo: preflight rule aws-flow-log-options"],
    );
  });

  it("a waiver in preflight.json keeps the finding visible but lets the plan pass", async () => {
    const waivers = [
      {
        rule: "aws-flow-log-options",
        stacks: ["fixture-refused/demo"],
        reason: "issue 12.1",
        until: "2999-01-01",
      },
    ];
    fs.writeFileSync(path.join(root, "preflight.json"), JSON.stringify({ waivers }));
    const plan = await planStack(root, fixture, "demo", undefined, preflightEvaluator(root));
    assert.equal(plan.preflight[0]!.waived, "issue 12.1 (until 2999-01-01)");
    assert.equal(planFails(plan), false);
    assert.match(summarize(plan), /preflight \[waived error\] aws-flow-log-options/);
  });

  it("the PR diff lists preflight findings per stack and marks the new ones", async () => {
    const head = await planStack(
      root,
      fixture,
      "demo",
      undefined,
      preflightEvaluator(root, { file: {} }),
    );
    const base = { ...head, preflight: [] };
    const md = diffMarkdown(diffPlans([base], [head]), "main");
    assert.match(md, /### Preflight \(will AWS, IAM and Kubernetes accept this\?\)/);
    assert.match(md, /\*\*fixture-refused\/demo\*\*: 1 errors, 0 warnings, 0 waived/);
    assert.match(
      md,
      /\| new \| error \| `aws-flow-log-options` \| tgw-flow-logs \| trafficType "ALL"/,
    );
    const same = diffMarkdown(diffPlans([head], [head]), "main");
    assert.match(same, /\| {2}\| error \| `aws-flow-log-options`/);
  });
});
