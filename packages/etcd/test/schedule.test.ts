import * as assert from "node:assert/strict";
import { cronScheduleProblem, scheduleProblems } from "../src";

describe("cronScheduleProblem", () => {
  it("accepts what a Kubernetes CronJob accepts", () => {
    for (const schedule of [
      "0 3 * * *",
      "*/15 * * * *",
      "0 0-6/2 1,15 * MON-FRI",
      "30 2 ? JAN,JUL sun",
      "@daily",
      "@hourly",
    ]) {
      assert.equal(cronScheduleProblem(schedule), undefined, schedule);
    }
  });

  it("rejects a schedule without five fields", () =>
    assert.equal(
      cronScheduleProblem("0 3 * *"),
      'has 4 fields; a schedule has five (minute hour day-of-month month day-of-week), e.g. "0 3 * * *"',
    ));

  it("rejects values outside a field's range, reversed ranges and zero steps", () => {
    assert.equal(cronScheduleProblem("60 * * * *"), 'minute field "60" is outside 0-59');
    assert.equal(cronScheduleProblem("0 25 * * *"), 'hour field "25" is outside 0-23');
    assert.equal(
      cronScheduleProblem("0 3 * 13 *"),
      'month field "13" is outside 1-12 (or JAN-DEC)',
    );
    assert.equal(
      cronScheduleProblem("0 5-2 * * *"),
      'hour field "5-2" has a range that ends before it starts',
    );
    assert.equal(cronScheduleProblem("*/0 * * * *"), 'minute field "*/0" has a step below 1');
    assert.equal(
      cronScheduleProblem("? * * * *"),
      'minute field "?" uses ?, which only the day fields allow',
    );
  });

  it("rejects unknown macros and time zones in the schedule", () => {
    assert.equal(
      cronScheduleProblem("@fortnightly"),
      "is not a cron macro; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly",
    );
    assert.match(
      cronScheduleProblem("CRON_TZ=Europe/Paris 0 3 * * *")!,
      /sets a time zone in the schedule/,
    );
  });
});

describe("scheduleProblems", () => {
  it("reports a schedule Kubernetes would reject at snapshotSchedule", () =>
    assert.deepEqual(scheduleProblems({ snapshotSchedule: "0 3 * *" }), [
      {
        path: ["snapshotSchedule"],
        value: "0 3 * *",
        message:
          'has 4 fields; a schedule has five (minute hour day-of-month month day-of-week), e.g. "0 3 * * *"',
      },
    ]));

  it("accepts the default and a valid schedule", () => {
    assert.deepEqual(scheduleProblems({}), []);
    assert.deepEqual(scheduleProblems({ snapshotSchedule: "15 * * * *" }), []);
  });
});
