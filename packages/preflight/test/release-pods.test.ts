import * as assert from "node:assert/strict";
import { chartName, releasePods, valueAt } from "../src/kubernetes/release-pods";
import { k8sSchedulable } from "../src/kubernetes/scheduling";
import { check, messages, res } from "./fixtures";
import { eksCluster, k8s } from "./k8s-fixtures";
import type { PlanResource } from "../src";

const req = (cpu: string, memory: string) => ({
  requests: { cpu, memory },
  limits: { memory },
});

/** The observability stack's releases, with values shaped as @platform/observability writes them. */
function observability(provider: PlanResource, prometheus = req("500m", "2Gi"), collectors = 2) {
  const release = (name: string, chart: string, values: Record<string, unknown>) => ({
    ...res("kubernetes:helm.sh/v3:Release", `dev-observability-${name}`, {
      name,
      chart,
      namespace: "monitoring",
      values,
    }),
    provider: provider.urn,
  });
  return [
    release("kube-prometheus-stack", "kube-prometheus-stack", {
      prometheus: { prometheusSpec: { resources: prometheus } },
      alertmanager: { alertmanagerSpec: { resources: req("50m", "128Mi") } },
      grafana: { resources: req("100m", "256Mi") },
    }),
    release("loki", "loki", {
      deploymentMode: "SingleBinary",
      singleBinary: { replicas: 1, resources: req("250m", "512Mi") },
      read: { replicas: 0 },
      write: { replicas: 0 },
      backend: { replicas: 0 },
    }),
    release("tempo", "tempo", { tempo: { resources: req("250m", "512Mi") } }),
    release("opentelemetry-collector", "opentelemetry-collector", {
      mode: "deployment",
      replicaCount: collectors,
      resources: req("100m", "256Mi"),
    }),
  ];
}

describe("k8s-schedulable: Helm releases' pods from their values (release-pods.ts)", () => {
  it("reads each chart's pods, requests and replicas where the chart's values put them", () => {
    const c = eksCluster();
    const pods = observability(c.provider).flatMap(releasePods);
    assert.deepEqual(
      pods
        .filter((p) => p.workload.body["spec"] && p.replicas > 0)
        .map((p) => [p.releaseName, p.pod.pod, p.pod.resources, p.replicas]),
      [
        ["kube-prometheus-stack", "prometheus", "prometheus.prometheusSpec.resources", 1],
        ["kube-prometheus-stack", "alertmanager", "alertmanager.alertmanagerSpec.resources", 1],
        ["kube-prometheus-stack", "grafana", "grafana.resources", 1],
        ["kube-prometheus-stack", "operator", "prometheusOperator.resources", 1],
        ["kube-prometheus-stack", "kube-state-metrics", "kube-state-metrics.resources", 1],
        ["loki", "single-binary", "singleBinary.resources", 1],
        ["loki", "gateway", "gateway.resources", 1],
        ["tempo", "tempo", "tempo.resources", 1],
        ["opentelemetry-collector", "collector", "resources", 2],
      ],
    );
    // Loki's SimpleScalable targets are not run in SingleBinary mode; by default they are (3 each).
    const loki = res("kubernetes:helm.sh/v3:Release", "l", { chart: "grafana/loki", values: {} });
    assert.deepEqual(
      releasePods(loki).map((p) => [p.pod.pod, p.replicas]),
      [
        ["read", 3],
        ["write", 3],
        ["backend", 3],
        ["gateway", 1],
      ],
    );
    assert.deepEqual(
      releasePods(res("kubernetes:helm.sh/v3:Release", "x", { chart: "velero" })),
      [],
    );
    assert.equal(chartName(loki), "loki");
    assert.equal(valueAt({ a: { "b-c": { d: 1 } } }, "a.b-c.d"), 1);
    assert.equal(valueAt({ a: 1 }, "a.b"), undefined);
  });

  it("accepts the observability stack's default requests on three m6i.large nodes", async () => {
    const c = eksCluster({ desired: 3 });
    assert.deepEqual(await check(k8sSchedulable, [...c.all, ...observability(c.provider)]), []);
  });

  it("rejects a request no node can hold, naming the release, the values key, the value and the fix", async () => {
    const c = eksCluster({ desired: 3 });
    const findings = await check(k8sSchedulable, [
      ...c.all,
      ...observability(c.provider, req("4", "2Gi")),
    ]);
    assert.deepEqual(messages(findings), [
      "error: Helm release kube-prometheus-stack (chart kube-prometheus-stack), pod prometheus: values prometheus.prometheusSpec.resources.requests = 4000m CPU, 2048Mi memory: replica 1 of 1 cannot be scheduled next to the stack's other workloads (3 node(s): not enough CPU (4000m requested)); nodes at desired size, no autoscaler in the stack: general: 3 x m6i.large in 2 zone(s). The release never becomes ready and the update times out: lower the requests under values prometheus.prometheusSpec.resources (or the replicas) or add nodes or larger instance types to the node groups",
    ]);
    assert.equal(
      findings[0]!.urn,
      "urn:pulumi:dev::p::kubernetes:helm.sh/v3:Release::dev-observability-kube-prometheus-stack",
    );
  });

  it("sums release pods with the plan's own workloads: each fits alone, not together", async () => {
    const c = eksCluster({ desired: 1 });
    const etcd = k8s(c.provider, "apps/v1:StatefulSet", "etcd", {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "etcd", namespace: "etcd" },
      spec: {
        replicas: 1,
        template: {
          metadata: { labels: { app: "etcd" } },
          spec: {
            containers: [{ name: "etcd", resources: { requests: { cpu: "1", memory: "4Gi" } } }],
          },
        },
      },
    });
    // m6i.large: 7518Mi allocatable. Alone: etcd 4Gi fits, and so does Prometheus at 4Gi.
    assert.deepEqual(await check(k8sSchedulable, [...c.all, etcd]), []);
    assert.deepEqual(
      await check(k8sSchedulable, [...c.all, ...observability(c.provider, req("500m", "4Gi"))]),
      [],
    );
    const both = messages(
      await check(k8sSchedulable, [
        ...c.all,
        etcd,
        ...observability(c.provider, req("500m", "4Gi")),
      ]),
    );
    assert.equal(both.length, 1, both.join("\n"));
    assert.match(
      both[0]!,
      /^error: Helm release kube-prometheus-stack \(chart kube-prometheus-stack\), pod prometheus: values prometheus\.prometheusSpec\.resources\.requests = 500m CPU, 4096Mi memory: replica 1 of 1 cannot be scheduled .*not enough memory \(4096Mi requested\)/,
    );
  });

  it("counts the replicas the values set, and a DaemonSet-mode collector on every node", async () => {
    const c = eksCluster({ desired: 2 });
    const many = observability(c.provider, req("500m", "2Gi"), 3).map((r) =>
      r.name.endsWith("collector")
        ? {
            ...r,
            inputs: { ...r.inputs, values: { replicaCount: 3, resources: req("1500m", "256Mi") } },
          }
        : r,
    );
    assert.match(
      messages(await check(k8sSchedulable, [...c.all, ...many])).join("\n"),
      /pod collector: values resources\.requests = 1500m CPU, 256Mi memory: replica 3 of 3 cannot be scheduled/,
    );
    const daemon = observability(c.provider).map((r) =>
      r.name.endsWith("collector")
        ? {
            ...r,
            inputs: { ...r.inputs, values: { mode: "daemonset", resources: req("100m", "7Gi") } },
          }
        : r,
    );
    assert.match(
      messages(await check(k8sSchedulable, [...c.all, ...daemon])).join("\n"),
      /^error: Helm release opentelemetry-collector \(chart opentelemetry-collector\), pod collector: values resources\.requests = 100m CPU, 7168Mi memory: no room on \d node\(s\)/m,
    );
  });

  it("reads tolerations and node selectors where each chart takes them", async () => {
    const c = eksCluster({ desired: 3 });
    const tainted = {
      ...c.nodeGroup,
      inputs: {
        ...c.nodeGroup.inputs,
        taints: [{ key: "dedicated", value: "monitoring", effect: "NO_SCHEDULE" }],
      },
    };
    const all = [...c.all.filter((r) => r !== c.nodeGroup), tainted];
    const only = (releases: PlanResource[]) => releases.filter((r) => r.name.endsWith("tempo"));
    const tempo = only(observability(c.provider));
    assert.match(
      messages(await check(k8sSchedulable, [...all, ...tempo])).join("\n"),
      /pod tempo: values tempo\.resources\.requests = 250m CPU, 512Mi memory: .*taints or node selector\/affinity exclude the node/,
    );
    // Tempo takes tolerations at the top level of its values, not next to tempo.resources.
    const tolerated = tempo.map((r) => ({
      ...r,
      inputs: {
        ...r.inputs,
        values: {
          ...(r.inputs["values"] as Record<string, unknown>),
          tolerations: [{ key: "dedicated", value: "monitoring", effect: "NoSchedule" }],
        },
      },
    }));
    assert.deepEqual(await check(k8sSchedulable, [...all, ...tolerated]), []);
    // A node selector no node carries.
    const selected = tempo.map((r) => ({
      ...r,
      inputs: {
        ...r.inputs,
        values: {
          ...(r.inputs["values"] as Record<string, unknown>),
          nodeSelector: { pool: "gpu" },
        },
      },
    }));
    assert.equal((await check(k8sSchedulable, [...c.all, ...selected])).length, 1);
  });

  it("ignores a release on no cluster's provider", async () => {
    const c = eksCluster({ desired: 1 });
    const noProvider = observability(c.provider, req("64", "2Gi")).map((r) => ({
      ...r,
      provider: undefined,
    }));
    assert.deepEqual(await check(k8sSchedulable, [...c.all, ...noProvider]), []);
  });
});
