import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import {
  alertRuleGroups,
  prometheusRuleManifests,
  RULE_SELECTOR_LABELS,
  ruleFileYaml,
  SEVERITIES,
  veleroScheduleAges,
} from "../src/rules";
import { DOCS_RULE_OPTIONS } from "./docs-options";
import { promqlSyntaxErrors } from "./promql";
import { promtool } from "./promtool";

const OPTIONS = DOCS_RULE_OPTIONS;

const TESTS_DIR = path.join(__dirname, "rules");
const testFiles = fs.readdirSync(TESTS_DIR).filter((f) => f.endsWith(".test.yaml"));
const groups = alertRuleGroups(OPTIONS);
const alerts = groups.flatMap((g) => g.rules);

interface AlertRuleTest {
  alertname: string;
  exp_alerts?: unknown[];
}

/** Every alert_rule_test case of the promtool test files. */
function ruleTestCases(): AlertRuleTest[] {
  return testFiles.flatMap((f) => {
    const doc = parse(fs.readFileSync(path.join(TESTS_DIR, f), "utf8")) as {
      tests: Array<{ alert_rule_test?: AlertRuleTest[] }>;
    };
    return doc.tests.flatMap((t) => t.alert_rule_test ?? []);
  });
}

describe("alert rules", function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "observability-rules-"));

  before(() => {
    fs.writeFileSync(path.join(dir, "rules.yaml"), ruleFileYaml(groups));
    for (const f of testFiles) fs.copyFileSync(path.join(TESTS_DIR, f), path.join(dir, f));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("pass promtool check rules", () => {
    const { status, output } = promtool(["check", "rules", "rules.yaml"], dir);
    assert.equal(status, 0, output);
    assert.match(output, new RegExp(`SUCCESS: ${alerts.length} rules found`));
  });

  it("pass their promtool unit tests (test/rules/*.test.yaml)", () => {
    assert.ok(testFiles.length >= 4, testFiles.join(", "));
    const { status, output } = promtool(["test", "rules", ...testFiles], dir);
    assert.equal(status, 0, output);
  });

  it("each have a unit test where they fire and one where they do not", () => {
    const cases = ruleTestCases();
    const names = new Set(alerts.map((a) => a.alert));
    const missing = alerts.flatMap((a) => {
      const mine = cases.filter((c) => c.alertname === a.alert);
      return [
        ...(mine.some((c) => (c.exp_alerts ?? []).length > 0) ? [] : [`${a.alert} never fires`]),
        ...(mine.some((c) => (c.exp_alerts ?? []).length === 0)
          ? []
          : [`${a.alert} has no non-firing case`]),
      ];
    });
    assert.deepEqual(missing, []);
    assert.deepEqual(
      cases.filter((c) => !names.has(c.alertname)).map((c) => c.alertname),
      [],
      "tests of alerts that do not exist",
    );
  });

  it("have unique names, a known severity, a team and a service", () => {
    const names = alerts.map((a) => a.alert);
    assert.equal(new Set(names).size, names.length);
    for (const g of ruleFileGroups()) {
      for (const r of g.rules) {
        assert.ok((SEVERITIES as readonly string[]).includes(r.labels.severity), r.alert);
        assert.ok(r.labels.team && r.labels.service, r.alert);
        assert.ok(r.annotations.summary && r.annotations.description, r.alert);
      }
    }
  });

  it("parse with Prometheus's PromQL grammar", async () => {
    const errors = await Promise.all(
      alerts.map(async (a) => (await promqlSyntaxErrors(a.expr)).map((e) => `${a.alert}: ${e}`)),
    );
    assert.deepEqual(errors.flat(), []);
  });

  it("cover etcd, Kubernetes, Velero and the observability stack", () => {
    assert.deepEqual(
      groups.map((g) => g.name),
      ["etcd", "kubernetes", "velero", "observability"],
    );
    for (const alert of [
      "EtcdNoLeader",
      "EtcdFrequentLeaderChanges",
      "EtcdDatabaseNearQuota",
      "EtcdHighFsyncDurations",
      "EtcdBackupTooOld",
      "KubeNodeNotReady",
      "KubePodCrashLooping",
      "KubePersistentVolumeFillingUp",
      "VeleroBackupFailed",
      "VeleroBackupMissing",
    ])
      assert.ok(
        alerts.some((a) => a.alert === alert),
        alert,
      );
  });

  it("leave out etcd without an etcd cluster, and the missing-backup alert without schedules", () => {
    const bare = alertRuleGroups({
      ...OPTIONS,
      etcd: undefined,
      velero: { scheduleMaxAgeSeconds: {} },
    });
    assert.deepEqual(
      bare.map((g) => g.name),
      ["kubernetes", "velero", "observability"],
    );
    assert.ok(!bare.flatMap((g) => g.rules).some((r) => r.alert === "VeleroBackupMissing"));
  });

  it("know the ages VeleroBackup's schedules may reach", () => {
    assert.deepEqual(veleroScheduleAges([]), { daily: 93600 });
    assert.deepEqual(veleroScheduleAges(["etcd"]), OPTIONS.velero.scheduleMaxAgeSeconds);
  });

  it("give each schedule its own allowed age", () => {
    const missing = alerts.find((a) => a.alert === "VeleroBackupMissing")!;
    assert.equal(
      missing.expr,
      '(time() - velero_backup_last_successful_timestamp{schedule="critical-hourly"} > 7200) or (time() - velero_backup_last_successful_timestamp{schedule="daily"} > 93600)',
    );
  });

  it("are PrometheusRule objects that validate against the prometheus-operator model", async () => {
    const { PrometheusRule } =
      await import("@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule");
    const manifests = prometheusRuleManifests(groups, "monitoring");
    assert.deepEqual(
      manifests.map((m) => m.metadata.name),
      ["platform-etcd", "platform-kubernetes", "platform-velero", "platform-observability"],
    );
    for (const m of manifests) {
      assert.deepEqual(m.metadata.labels, RULE_SELECTOR_LABELS);
      new PrometheusRule(m).validate();
    }
    const broken = { ...manifests[0]!, spec: { groups: [{ name: "x", rules: [{ alert: 1 }] }] } };
    assert.throws(() => new PrometheusRule(broken as never).validate());
  });
});

function ruleFileGroups(): Array<{
  rules: Array<{
    alert: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  }>;
}> {
  return (parse(ruleFileYaml(groups)) as { groups: ReturnType<typeof ruleFileGroups> }).groups;
}
