import * as assert from "node:assert/strict";
import { applyWaivers, blockingFindings, runPreflight } from "../src";
import type { Finding, Rule } from "../src";

const finding: Finding = {
  rule: "aws-x",
  severity: "error",
  urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b",
  message: "m",
  source: "s",
};

describe("preflight engine", () => {
  it("fills rule id and source, and reports a rule that throws as an error naming it", async () => {
    const ok: Rule = {
      id: "aws-ok",
      family: "aws",
      description: "d",
      source: "Doc, https://example.invalid/doc",
      check: () => [{ severity: "warning", urn: "u", message: "w" }],
    };
    const broken: Rule = {
      ...ok,
      id: "aws-broken",
      check: () => {
        throw new Error("boom");
      },
    };
    const findings = await runPreflight({ plan: { project: "p", stack: "dev", resources: [] } }, [
      ok,
      broken,
    ]);
    assert.deepEqual(findings, [
      {
        rule: "aws-ok",
        severity: "warning",
        urn: "u",
        message: "w",
        source: "Doc, https://example.invalid/doc",
      },
      {
        rule: "aws-broken",
        severity: "error",
        urn: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
        message: "rule failed to run: boom",
        source: "Doc, https://example.invalid/doc",
      },
    ]);
  });

  it("waives a matching finding until its date, and only for the named stacks", () => {
    const waiver = {
      rule: "aws-x",
      stacks: ["p/dev"],
      urn: "Bucket::b$",
      reason: "issue 12",
      until: "2026-12-31",
    };
    const inside = applyWaivers([finding], [waiver], "p/dev", new Date("2026-12-31T12:00:00Z"));
    assert.equal(inside[0]!.waived, "issue 12 (until 2026-12-31)");
    assert.deepEqual(blockingFindings(inside), []);
    const after = applyWaivers([finding], [waiver], "p/dev", new Date("2027-01-01T00:00:00Z"));
    assert.equal(after[0]!.waived, undefined);
    assert.equal(blockingFindings(after).length, 1);
    const other = applyWaivers([finding], [waiver], "p/prod", new Date("2026-12-01T00:00:00Z"));
    assert.equal(other[0]!.waived, undefined);
  });
});
