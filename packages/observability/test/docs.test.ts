import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DASHBOARDS, describeDashboards } from "../src/dashboards";
import { alertRuleGroups, describeAlerts } from "../src/rules";
import { DOCS_RULE_OPTIONS } from "./docs-options";

const doc = fs.readFileSync(
  path.join(__dirname, "..", "..", "..", "docs", "observability.md"),
  "utf8",
);

function section(name: string): string {
  const match = new RegExp(`<!-- ${name}:begin -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(doc);
  assert.ok(match, `docs/observability.md has no ${name} markers`);
  return match[1]!.trim();
}

describe("docs/observability.md", () => {
  it("describes the dashboards as the code declares them", () => {
    assert.equal(section("dashboards"), describeDashboards(DASHBOARDS));
  });

  it("lists the alerts as the code defines them", () => {
    assert.equal(section("alerts"), describeAlerts(alertRuleGroups(DOCS_RULE_OPTIONS)));
  });

  it("has the data flow as a Mermaid diagram and the OTLP endpoints", () => {
    assert.match(doc, /```mermaid\nflowchart/);
    assert.match(doc, /opentelemetry-collector\.monitoring\.svc:4317/);
  });
});
