import * as assert from "node:assert/strict";
import * as path from "node:path";
import { findRoot, packEvaluator, planFails, planStack, summarize } from "../src";

const root = findRoot(__dirname);
const fixture = path.join(__dirname, "fixtures", "insecure");

describe("plan with policy packs", () => {
  it("reports violations by level with URNs and fails the plan on a mandatory one", async () => {
    const plan = await planStack(root, fixture, "demo", packEvaluator(root));
    const found = plan.policyViolations.map(
      (v) => `${v.level} ${v.pack}/${v.policy}: ${v.message}`,
    );
    assert.deepEqual(found.sort(), [
      "advisory aws-guardrails/log-group-retention-kms: log group is not encrypted with a KMS key",
      "advisory aws-guardrails/log-group-subscribed: log group plain does not reach the log archive: the stack has no subscription filter policy",
      "mandatory aws-guardrails/kms-rotation: key rotation is not enabled on a symmetric key",
    ]);
    assert.equal(
      plan.policyViolations.find((v) => v.policy === "kms-rotation")?.urn,
      "urn:pulumi:demo::fixture-insecure::aws:kms/key:Key::unrotated",
    );
    assert.equal(planFails(plan), true);
    assert.match(
      summarize(plan),
      /^fixture-insecure\/demo: BLOCKED BY POLICY - 4 resources, preflight 0 errors, 0 warnings, 0 waived; 1 mandatory and 2 advisory policy findings/,
    );
  });
});
