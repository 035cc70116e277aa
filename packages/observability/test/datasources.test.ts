import * as assert from "node:assert/strict";
import { DATASOURCE_UIDS, datasourceLinks, datasources } from "../src/datasources";

describe("Grafana datasources", () => {
  const list = datasources({ namespace: "monitoring", region: "eu-west-1" });
  const uids = new Set(list.map((d) => d.uid));

  it("have unique uids, the ones dashboards refer to", () => {
    assert.equal(uids.size, list.length);
    assert.deepEqual(
      [...uids].sort(),
      Object.values(DATASOURCE_UIDS)
        .filter((u) => u !== DATASOURCE_UIDS.cloudwatchNetwork)
        .sort(),
    );
    assert.equal(list.filter((d) => d.isDefault).length, 1);
  });

  it("link only to datasources that exist", () => {
    const links = datasourceLinks(list);
    assert.ok(links.length >= 5);
    assert.deepEqual(
      links.filter((l) => !uids.has(l.uid)),
      [],
    );
  });

  it("correlate metrics -> traces -> logs -> traces", () => {
    const links = datasourceLinks(list).map((l) => `${l.from} ${l.path} -> ${l.uid}`);
    for (const expected of [
      "prometheus jsonData.exemplarTraceIdDestinations[0] -> tempo",
      "tempo jsonData.tracesToLogsV2 -> loki",
      "loki jsonData.derivedFields[0] -> tempo",
    ])
      assert.ok(links.includes(expected), `${expected} not in ${links.join("; ")}`);
  });

  it("finds a link to a datasource that does not exist", () => {
    const broken = list.map((d) =>
      d.uid === "tempo" ? { ...d, jsonData: { tracesToLogsV2: { datasourceUid: "logs" } } } : d,
    );
    assert.deepEqual(
      datasourceLinks(broken).filter((l) => !uids.has(l.uid)),
      [{ from: "tempo", path: "jsonData.tracesToLogsV2", uid: "logs" }],
    );
  });

  it("join traces to logs by trace id and the service and namespace labels", () => {
    const tempo = list.find((d) => d.type === "tempo")!;
    const toLogs = tempo.jsonData["tracesToLogsV2"] as Record<string, unknown>;
    assert.equal(toLogs["filterByTraceID"], true);
    assert.deepEqual(toLogs["tags"], [
      { key: "service.name", value: "service_name" },
      { key: "k8s.namespace.name", value: "k8s_namespace_name" },
    ]);
  });

  it("read CloudWatch with the pod's identity in the environment's region", () => {
    const cw = list.find((d) => d.type === "cloudwatch")!;
    assert.deepEqual(cw.jsonData, { authType: "default", defaultRegion: "eu-west-1" });
  });

  it("add the network account's CloudWatch through an assumed role when configured", () => {
    const withNetwork = datasources({
      namespace: "monitoring",
      region: "eu-west-1",
      networkMetricsRoleArn: "arn:aws:iam::100000000001:role/platform-network-metrics-read",
    });
    assert.deepEqual(withNetwork.find((d) => d.uid === "cloudwatch-network")?.jsonData, {
      authType: "default",
      assumeRoleArn: "arn:aws:iam::100000000001:role/platform-network-metrics-read",
      defaultRegion: "eu-west-1",
    });
  });

  it("reach the releases' services in the namespace", () => {
    assert.equal(
      list.find((d) => d.uid === "prometheus")!.url,
      "http://kube-prometheus-stack-prometheus.monitoring.svc:9090",
    );
  });

  it("recognise a trace id in a log line", () => {
    const loki = list.find((d) => d.type === "loki")!;
    const fields = loki.jsonData["derivedFields"] as Array<{
      matcherType: string;
      matcherRegex: string;
    }>;
    const inLine = new RegExp(fields.find((f) => f.matcherType === "regex")!.matcherRegex);
    const id = "4bf92f3577b34da6a3ce929d0e0e4736";
    for (const line of [
      `level=info trace_id=${id} msg=ok`,
      `{"traceId":"${id}"}`,
      `traceID: ${id}`,
    ])
      assert.equal(inLine.exec(line)?.[1], id, line);
    assert.equal(inLine.exec("level=info msg=no trace"), null);
  });
});
