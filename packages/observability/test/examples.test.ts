import * as assert from "node:assert/strict";
import { planExample, resourceNamed, resourcesOfType } from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import simple from "../examples/simple";
import { simulate } from "@platform/iam-simulator";
import type { PolicyDocument } from "@platform/iam-simulator";
import { releasePods } from "@platform/preflight";
import { GRAFANA_ROLE_NAME_PATTERN, networkMetricsTrustPolicy, observabilitySchema } from "../src";

type Values = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const values = (run: ProgramRun, name: string) =>
  resourceNamed(run, "kubernetes:helm.sh/v3:Release", name).inputs["values"] as Values;
const policy = (run: ProgramRun, name: string) =>
  JSON.parse(
    String(resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", name).inputs["policy"]),
  ) as { Statement: Array<{ Action: string | string[]; Resource: string | string[] }> };

describe("examples", () => {
  describe("simple: the stack on a dev cluster", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(simple);
    });

    it("installs the four pinned charts in the monitoring namespace, under the component", () => {
      const component = resourceNamed(
        run,
        "platform:observability:Observability",
        "dev-observability",
      );
      const releases = resourcesOfType(run, "kubernetes:helm.sh/v3:Release");
      assert.deepEqual(
        releases.map((r) => [r.inputs["chart"], r.inputs["version"], r.inputs["namespace"]]).sort(),
        [
          ["kube-prometheus-stack", "77.6.2", "monitoring"],
          ["loki", "6.40.0", "monitoring"],
          ["opentelemetry-collector", "0.134.0", "monitoring"],
          ["tempo", "1.23.3", "monitoring"],
        ],
      );
      for (const r of releases) assert.equal(r.parent, component.urn);
    });

    it("keeps logs and traces in KMS-encrypted buckets that expire a week after the retention", () => {
      for (const [store, days] of [
        ["loki", 14],
        ["tempo", 7],
      ] as const) {
        const bucket = resourceNamed(
          run,
          "aws:s3/bucket:Bucket",
          `dev-observability-${store}-bucket`,
        );
        assert.equal(bucket.inputs["bucket"], `dev-200000000002-${store}`);
        const lifecycle = resourceNamed(
          run,
          "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
          `dev-observability-${store}-bucket-lifecycle`,
        );
        assert.match(JSON.stringify(lifecycle.inputs["rules"]), new RegExp(`"days":${days + 7}`));
        assert.equal(
          resourceNamed(run, "aws:kms/key:Key", `dev-observability-${store}-key`).inputs[
            "enableKeyRotation"
          ],
          true,
        );
      }
    });

    it("gives Loki and Tempo their own bucket only, Grafana read-only CloudWatch, Alertmanager its topics", () => {
      const loki = policy(run, "dev-observability-loki");
      assert.ok(
        loki.Statement.every((s) => [s.Resource].flat().every((r) => !r.includes("tempo"))),
      );
      const grafana = policy(run, "dev-observability-grafana");
      const actions = grafana.Statement.flatMap((s) => [s.Action].flat());
      assert.ok(
        actions.every((a) => /^(cloudwatch|ec2):(Get|List|Describe)/.test(a)),
        actions.join(),
      );
      const am = policy(run, "dev-observability-alertmanager");
      assert.deepEqual(am.Statement[0]!.Action, "sns:Publish");
      const associations = resourcesOfType(
        run,
        "aws:eks/podIdentityAssociation:PodIdentityAssociation",
      );
      assert.deepEqual(
        associations.map((a) => `${a.inputs["namespace"]}/${a.inputs["serviceAccount"]}`).sort(),
        ["monitoring/alertmanager", "monitoring/grafana", "monitoring/loki", "monitoring/tempo"],
      );
    });

    it("keeps volumes on the encrypted StorageClass, with requests, and retention from config", () => {
      const v = values(run, "dev-observability-kube-prometheus-stack");
      const spec = v["prometheus"]["prometheusSpec"];
      assert.equal(spec.retention, "15d");
      assert.equal(spec.storageSpec.volumeClaimTemplate.spec.storageClassName, "gp3-encrypted");
      assert.deepEqual(spec.resources.requests, { cpu: "500m", memory: "2Gi" });
      assert.equal(v["defaultRules"].create, false);
      assert.equal(v["crds"].enabled, true);
      assert.equal(
        values(run, "dev-observability-loki")["loki"].limits_config.retention_period,
        "336h",
      );
      assert.equal(values(run, "dev-observability-tempo")["tempo"].retention, "168h");
    });

    it("sets every pod's requests where preflight reads them (CHART_PODS), so k8s-schedulable counts them", () => {
      const config = observabilitySchema.parse({
        retention: { metricsDays: 15, logsDays: 14, tracesDays: 7 },
        receivers: [{ name: "p", severities: ["critical", "warning"], emails: ["p@example.com"] }],
      });
      const read = Object.fromEntries(
        resourcesOfType(run, "kubernetes:helm.sh/v3:Release").flatMap((r) =>
          releasePods(r)
            .filter((p) => p.replicas > 0 && p.pod.pod !== "operator")
            .filter((p) => !["kube-state-metrics", "gateway"].includes(p.pod.pod))
            .map((p) => [
              p.pod.pod,
              {
                requests: (p.workload.body as Values)["spec"].template.spec.containers[0].resources
                  .requests,
                replicas: p.replicas,
              },
            ]),
        ),
      );
      const r = config.resources;
      assert.deepEqual(read, {
        prometheus: { requests: r.prometheus, replicas: 1 },
        alertmanager: { requests: r.alertmanager, replicas: 1 },
        grafana: { requests: r.grafana, replicas: 1 },
        "single-binary": { requests: r.loki, replicas: 1 },
        tempo: { requests: r.tempo, replicas: 1 },
        collector: { requests: r.collector, replicas: 2 },
      });
    });

    it("provisions the correlated datasources and the dashboards in Grafana", () => {
      const grafana = values(run, "dev-observability-kube-prometheus-stack")["grafana"];
      assert.deepEqual(
        grafana.additionalDataSources.map((d: { uid: string }) => d.uid),
        ["prometheus", "alertmanager", "loki", "tempo", "cloudwatch"],
      );
      // No network account role: no role to assume, the network panels read this account.
      assert.equal(grafana["grafana.ini"].aws.assume_role_enabled, false);
      assert.deepEqual(Object.keys(grafana.dashboards.platform).sort(), [
        "platform-cluster",
        "platform-delivery",
        "platform-etcd",
        "platform-network",
      ]);
    });

    it("routes critical and warning alerts to the receiver's topic", () => {
      const config = values(run, "dev-observability-kube-prometheus-stack")["alertmanager"][
        "config"
      ];
      assert.deepEqual(config.route.routes, [
        { receiver: "platform", matchers: ['severity=~"critical|warning"'], continue: true },
      ]);
      assert.equal(config.receivers[1].sns_configs[0].sigv4.region, "eu-west-1");
      const topic = resourceNamed(run, "aws:sns/topic:Topic", "dev-observability-alerts-platform");
      assert.equal(topic.inputs["name"], "dev-alerts-platform");
      const sub = resourceNamed(
        run,
        "aws:sns/topicSubscription:TopicSubscription",
        "dev-observability-alerts-platform-0",
      );
      assert.equal(sub.inputs["endpoint"], "platform@example.com");
    });

    it("applies the rules as PrometheusRules after the operator's CRDs, without etcd rules here", () => {
      const operator = resourceNamed(
        run,
        "kubernetes:helm.sh/v3:Release",
        "dev-observability-kube-prometheus-stack",
      );
      const rules = resourcesOfType(run, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
      assert.deepEqual(rules.map((r) => r.name).sort(), [
        "dev-observability-platform-kubernetes",
        "dev-observability-platform-observability",
        "dev-observability-platform-velero",
      ]);
      for (const r of rules) assert.ok(r.dependencies.includes(operator.urn), r.name);
      for (const name of ["dev-observability-loki", "dev-observability-tempo"])
        assert.ok(
          resourceNamed(run, "kubernetes:helm.sh/v3:Release", name).dependencies.includes(
            operator.urn,
          ),
          name,
        );
    });
  });

  describe("complete: production", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(complete);
    });

    it("adds etcd and Velero rules and protects the stores", () => {
      const rules = resourcesOfType(run, "kubernetes:monitoring.coreos.com/v1:PrometheusRule");
      const etcd = rules.find((r) => r.name === "prod-observability-platform-etcd")!;
      const spec = etcd.inputs["spec"] as {
        groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
      };
      const tooOld = spec.groups[0]!.rules.find((r) => r.alert === "EtcdBackupTooOld")!;
      assert.match(tooOld.expr, /> 93600$/);
      const velero = rules.find((r) => r.name === "prod-observability-platform-velero")!;
      assert.match(JSON.stringify(velero.inputs["spec"]), /VeleroBackupMissing/);
      assert.equal(
        resourceNamed(run, "aws:kms/key:Key", "prod-observability-loki-key").protect,
        true,
      );
    });

    it("scrapes the etcd members over mTLS with the cluster's client certificate", async () => {
      const monitor = resourceNamed(
        run,
        "kubernetes:monitoring.coreos.com/v1:PodMonitor",
        "prod-observability-prod-etcd-members",
      );
      const { PodMonitor } =
        await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor");
      new PodMonitor(monitor.inputs as never).validate();
      const endpoint = (monitor.inputs["spec"] as Values)["podMetricsEndpoints"][0];
      assert.equal(endpoint.tlsConfig.keySecret.name, "prod-etcd-client-tls");
      assert.equal(endpoint.tlsConfig.serverName, "prod-etcd-client.etcd.svc");
      const spec = values(run, "prod-observability-kube-prometheus-stack")["prometheus"][
        "prometheusSpec"
      ];
      assert.deepEqual(spec.podMetadata.labels, { "etcd.platform/client": "true" });
    });

    it("scrapes the Velero server, whose metrics the Velero alerts read", async () => {
      const monitor = resourceNamed(
        run,
        "kubernetes:monitoring.coreos.com/v1:PodMonitor",
        "prod-observability-velero",
      );
      const { PodMonitor } =
        await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor");
      new PodMonitor(monitor.inputs as never).validate();
      assert.deepEqual((monitor.inputs["metadata"] as Values)["namespace"], "velero");
      assert.deepEqual((monitor.inputs["spec"] as Values)["podMetricsEndpoints"], [
        { port: "http-monitoring", path: "/metrics" },
      ]);
    });

    it("reads the network account's DX/VPN metrics through the hub's role, which Grafana alone may assume (simulated)", async () => {
      const roleArn = "arn:aws:iam::100000000001:role/stack-network-metrics-read";
      const grafanaRole = resourceNamed(run, "aws:iam/role:Role", "prod-observability-grafana");
      // The network role's trust admits this name (network-metrics.ts).
      const pattern = new RegExp(`^${GRAFANA_ROLE_NAME_PATTERN.replace("*", "[^/]+")}$`);
      assert.match(String(grafanaRole.inputs["name"]), pattern);
      const session = {
        arn: `arn:aws:sts::200000000004:assumed-role/${String(grafanaRole.inputs["name"])}/eks-pod`,
        identityPolicies: {
          grafana: policy(run, "prod-observability-grafana") as unknown as PolicyDocument,
        },
      };
      // Both sides: Grafana's identity policy and the network role's trust (cross-account).
      const trust = JSON.parse(networkMetricsTrustPolicy(["200000000004"])) as PolicyDocument;
      const context = {
        "aws:PrincipalArn": `arn:aws:iam::200000000004:role/${String(grafanaRole.inputs["name"])}`,
      };
      const assume = async (resource: string) =>
        (
          await simulate(session, {
            action: "sts:AssumeRole",
            resource,
            resourcePolicy: trust,
            context,
          })
        ).result;
      assert.equal(await assume(roleArn), "Allowed");
      assert.equal(
        await assume("arn:aws:iam::100000000001:role/stack-network-other"),
        "ImplicitlyDenied",
      );
      assert.equal(
        await assume("arn:aws:iam::200000000004:role/platform-deployer"),
        "ImplicitlyDenied",
      );
      // The other pods' roles cannot assume it.
      const loki = {
        arn: "arn:aws:sts::200000000004:assumed-role/stack-prod-observability-loki/eks-pod",
        identityPolicies: {
          loki: policy(run, "prod-observability-loki") as unknown as PolicyDocument,
        },
      };
      assert.equal(
        (
          await simulate(loki, {
            action: "sts:AssumeRole",
            resource: roleArn,
            resourcePolicy: trust,
            context: {
              "aws:PrincipalArn": "arn:aws:iam::200000000004:role/stack-prod-observability-loki",
            },
          })
        ).result,
        "ImplicitlyDenied",
      );

      const grafana = values(run, "prod-observability-kube-prometheus-stack")["grafana"];
      const network = grafana.additionalDataSources.find(
        (d: { uid: string }) => d.uid === "cloudwatch-network",
      );
      assert.deepEqual(network.jsonData, {
        authType: "default",
        assumeRoleArn: roleArn,
        defaultRegion: "eu-west-1",
      });
      assert.equal(grafana["grafana.ini"].aws.assume_role_enabled, true);
      const dashboard = JSON.parse(grafana.dashboards.platform["platform-network"].json) as {
        panels: Array<{ targets?: Array<{ datasource?: { uid: string } }> }>;
      };
      const uids = new Set(
        dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.datasource?.uid)),
      );
      assert.deepEqual([...uids], ["cloudwatch-network"]);
    });

    it("routes critical alerts to both receivers and warnings to the team only", () => {
      const config = values(run, "prod-observability-kube-prometheus-stack")["alertmanager"][
        "config"
      ];
      assert.deepEqual(
        config.route.routes.map((r: { receiver: string; matchers: string[] }) => [
          r.receiver,
          r.matchers[0],
        ]),
        [
          ["oncall", 'severity=~"critical"'],
          ["platform", 'severity=~"critical|warning"'],
        ],
      );
    });
  });

  describe("config validation", () => {
    const base = {
      retention: { metricsDays: 15, logsDays: 14, tracesDays: 7 },
      receivers: [{ name: "team", severities: ["warning"], emails: ["t@example.com"] }],
    };

    it("rejects config where critical alerts reach no one, naming the key and the fix", () => {
      const result = observabilitySchema.safeParse(base);
      assert.equal(result.success, false);
      const issue = result.error!.issues[0]!;
      assert.deepEqual(issue.path, ["receivers"]);
      assert.equal(
        issue.message,
        'no receiver takes critical alerts, so they would reach no one: add "critical" to a receiver\'s severities',
      );
    });

    it("rejects a critical volume threshold above the warning one", () => {
      const result = observabilitySchema.safeParse({
        ...base,
        receivers: [
          { name: "team", severities: ["critical", "warning"], emails: ["t@example.com"] },
        ],
        volumeFreePercent: { warning: 10, critical: 20 },
      });
      assert.deepEqual(
        result.error?.issues.map((i) => i.path),
        [["volumeFreePercent", "critical"]],
      );
    });

    it("rejects an unpinned chart version", () => {
      const result = observabilitySchema.safeParse({
        ...base,
        charts: {
          kubePrometheusStack: "latest",
          loki: "6.40.0",
          tempo: "1.23.3",
          openTelemetryCollector: "0.134.0",
        },
      });
      assert.deepEqual(result.error?.issues[0]?.path, ["charts", "kubePrometheusStack"]);
    });
  });
});
