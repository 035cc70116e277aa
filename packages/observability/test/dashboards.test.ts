import * as assert from "node:assert/strict";
import { datasources } from "../src/datasources";
import { buildDashboard, DASHBOARDS, dashboardFiles } from "../src/dashboards";
import { alertRuleGroups } from "../src/rules";
import { DOCS_RULE_OPTIONS } from "./docs-options";
import { promqlSyntaxErrors } from "./promql";

const OPTIONS = { cloudwatchUid: "cloudwatch", region: "eu-west-1" };

interface BuiltTarget {
  refId?: string;
  expr?: string;
  expression?: string;
  datasource?: { type?: string; uid?: string };
}
interface BuiltPanel {
  type: string;
  title?: string;
  targets?: BuiltTarget[];
}

const built = DASHBOARDS.map((d) => buildDashboard(d, OPTIONS));
const panels = (d: (typeof built)[number]) =>
  (d.panels ?? []).filter((p) => p.type !== "row") as unknown as BuiltPanel[];
const targets = built.flatMap((d) =>
  panels(d).flatMap((p) => (p.targets ?? []).map((t) => ({ dashboard: d.uid, panel: p.title, t }))),
);

describe("dashboards", () => {
  it("are the cluster, etcd, network and delivery dashboards, with unique uids", () => {
    assert.deepEqual(
      built.map((d) => d.uid),
      ["platform-cluster", "platform-etcd", "platform-network", "platform-delivery"],
    );
    for (const d of built) assert.ok(panels(d).length >= 4, `${d.uid} has few panels`);
  });

  it("have PromQL that Prometheus's grammar parses", async () => {
    const promql = targets.filter((x) => x.t.datasource?.type === "prometheus");
    assert.ok(promql.length >= 20, String(promql.length));
    const errors = await Promise.all(
      promql.map(async ({ dashboard, panel, t }) =>
        (await promqlSyntaxErrors(t.expr ?? "")).map((e) => `${dashboard} / ${panel}: ${e}`),
      ),
    );
    assert.deepEqual(errors.flat(), []);
  });

  it("the parser catches a broken expression (the check is not vacuous)", async () => {
    assert.notDeepEqual(await promqlSyntaxErrors("sum by (pod) (rate(x[5m])"), []);
    assert.notDeepEqual(await promqlSyntaxErrors("up{job=}"), []);
  });

  it("query only datasources that are provisioned", () => {
    const uids = new Set(
      datasources({ namespace: "monitoring", region: "eu-west-1" }).map((d) => d.uid),
    );
    const unknown = targets.filter((x) => !uids.has(x.t.datasource?.uid ?? ""));
    assert.deepEqual(
      unknown.map((x) => `${x.dashboard} / ${x.panel}: ${x.t.datasource?.uid}`),
      [],
    );
    const variables = built.flatMap((d) => d.templating?.list ?? []);
    for (const v of variables) assert.ok(uids.has(String(v.datasource?.uid)), v.name);
  });

  it("show the network from CloudWatch, with the on-VPN state computed from DX and VPN", () => {
    const network = built.find((d) => d.uid === "platform-network")!;
    const onVpn = panels(network).find((p) => p.title === "On VPN")!;
    assert.deepEqual(
      onVpn.targets!.map((t) => [t.datasource?.uid, t.expression]),
      [
        [
          "cloudwatch",
          `SEARCH('{AWS/DX,ConnectionId} MetricName="ConnectionState"', 'Minimum', 300)`,
        ],
        ["cloudwatch", `SEARCH('{AWS/VPN,VpnId} MetricName="TunnelState"', 'Maximum', 300)`],
        ["cloudwatch", "IF(MAX(dx) < 1 AND MAX(vpn) > 0, 1, 0)"],
      ],
    );
  });

  it("read the network account's CloudWatch datasource when given one", () => {
    const network = buildDashboard(
      DASHBOARDS.find((d) => d.uid === "platform-network")!,
      { ...OPTIONS, cloudwatchUid: "cloudwatch-network" },
    );
    const uids = new Set(
      panels(network).flatMap((p) => (p.targets ?? []).map((t) => t.datasource?.uid)),
    );
    assert.deepEqual([...uids], ["cloudwatch-network"]);
  });

  it("name only alerts that exist in their panel descriptions", () => {
    const alerts = new Set(
      alertRuleGroups(DOCS_RULE_OPTIONS).flatMap((g) => g.rules.map((r) => r.alert)),
    );
    const named = DASHBOARDS.flatMap((d) =>
      d.rows.flatMap((r) =>
        r.panels.flatMap((p) => p.description.match(/\b(?:Etcd|Kube|Velero)[A-Z]\w+/g) ?? []),
      ),
    );
    assert.ok(named.length >= 8, named.join());
    assert.deepEqual(
      named.filter((a) => !alerts.has(a)),
      [],
    );
  });

  it("are files Grafana can provision, one per uid", () => {
    const files = dashboardFiles(OPTIONS);
    assert.deepEqual(
      Object.keys(files),
      built.map((d) => `${d.uid}.json`),
    );
    for (const [name, json] of Object.entries(files))
      assert.equal((JSON.parse(json) as { uid: string }).uid + ".json", name);
  });
});
