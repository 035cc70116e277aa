import * as assert from "node:assert/strict";
import { alarmTiming, alarmTimingProblems, METRIC_PUBLICATION } from "../src";

describe("metric publication intervals", () => {
  it("records each metric once, with a source for every fact", () => {
    const keys = METRIC_PUBLICATION.map((m) => `${m.namespace} ${m.metricName}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const m of METRIC_PUBLICATION) {
      assert.ok(m.intervalSeconds >= 60 && m.intervalSeconds % 60 === 0, keys.join());
      assert.ok(m.sources.every((s) => s.startsWith("https://")) && m.sources.length > 0);
    }
  });

  it("times a state alarm to the publication interval: DX BGP status every 5 minutes", () => {
    assert.deepEqual(alarmTiming("AWS/DX", "VirtualInterfaceBgpStatus"), {
      period: 300,
      evaluationPeriods: 1,
      treatMissingData: "missing",
    });
    assert.deepEqual(alarmTiming("AWS/DX", "ConnectionState", 600), {
      period: 300,
      evaluationPeriods: 2,
      treatMissingData: "missing",
    });
    assert.throws(
      () => alarmTiming("AWS/X", "Y"),
      /no publication interval is recorded for AWS\/X Y/,
    );
  });

  it("flags a period shorter than the interval and missing data treated as breaching", () => {
    assert.deepEqual(
      alarmTimingProblems({
        namespace: "AWS/DX",
        metricName: "VirtualInterfaceBgpStatus",
        period: 60,
        treatMissingData: "breaching",
      }).map((p) => p.split(":")[0]),
      [
        "period 60 s is shorter than AWS/DX VirtualInterfaceBgpStatus's publication interval (300 s)",
        "missing data treated as breaching; use missing",
      ],
    );
    assert.deepEqual(
      alarmTimingProblems({ namespace: "AWS/EC2", metricName: "CPUUtilization", period: 10 }),
      [],
    );
  });
});
