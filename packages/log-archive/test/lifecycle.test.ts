import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  ARCHIVE_TIERS,
  archiveLifecycleActions,
  archiveLifecycleFindings,
  archiveTransitions,
} from "../src/lifecycle";
import type { ArchiveLifecycle } from "../src/lifecycle";

const errors = (l: ArchiveLifecycle) =>
  archiveLifecycleFindings(l).filter((f) => f.severity === "error");

describe("archive lifecycle", () => {
  it("accepts the default order: Standard-IA at 30, Glacier at 90, expiry after 7 years", () => {
    assert.deepEqual(
      archiveLifecycleFindings({
        standardIaDays: 30,
        glacierFlexibleRetrievalDays: 90,
        expireDays: 2555,
      }),
      [],
    );
  });

  it("refuses Standard-IA before day 30", () => {
    assert.deepEqual(errors({ standardIaDays: 29, expireDays: 365 }), [
      {
        severity: "error",
        key: "standardIaDays",
        value: 29,
        message: "S3 moves objects to STANDARD_IA no earlier than day 30; use 30 or more",
      },
    ]);
  });

  it("refuses a transition out of Standard-IA less than 30 days after it", () => {
    assert.deepEqual(
      errors({ standardIaDays: 30, glacierFlexibleRetrievalDays: 45, expireDays: 365 }).map(
        (f) => f.message,
      ),
      [
        "S3 requires the transition to GLACIER at least 30 days after the transition to STANDARD_IA (day 30); use 60 or more",
      ],
    );
  });

  it("refuses transitions out of order and expiry before the last transition", () => {
    const found = errors({
      glacierFlexibleRetrievalDays: 200,
      deepArchiveDays: 180,
      expireDays: 180,
    });
    assert.deepEqual(
      found.map((f) => [f.key, f.message]),
      [
        [
          "deepArchiveDays",
          "the transition to DEEP_ARCHIVE must come after the transition to GLACIER (day 200); use 201 or more",
        ],
        [
          "expireDays",
          "S3 requires expiration after the last transition (DEEP_ARCHIVE at day 180); use 181 or more",
        ],
      ],
    );
  });

  it("warns (but accepts) when objects leave a Glacier class before its minimum storage duration", () => {
    const found = archiveLifecycleFindings({
      glacierInstantRetrievalDays: 10,
      deepArchiveDays: 40,
      expireDays: 100,
    });
    assert.deepEqual(
      found.map((f) => [f.severity, f.key]),
      [
        ["warning", "deepArchiveDays"],
        ["warning", "expireDays"],
      ],
    );
  });

  it("writes the transitions in tier order with the expiry and noncurrent expiry", () => {
    assert.deepEqual(
      archiveLifecycleActions({ deepArchiveDays: 365, standardIaDays: 30, expireDays: 3650 }, 30),
      {
        transitions: [
          { days: 30, storageClass: "STANDARD_IA" },
          { days: 365, storageClass: "DEEP_ARCHIVE" },
        ],
        expiration: { days: 3650 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
    );
  });

  it("property: a lifecycle without errors has increasing transition days and expiry after the last", () => {
    const day = fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined });
    fc.assert(
      fc.property(
        day,
        day,
        day,
        day,
        fc.integer({ min: 1, max: 5000 }),
        (ia, gir, gfr, da, expireDays) => {
          const l: ArchiveLifecycle = {
            standardIaDays: ia,
            glacierInstantRetrievalDays: gir,
            glacierFlexibleRetrievalDays: gfr,
            deepArchiveDays: da,
            expireDays,
          };
          if (errors(l).length) return;
          const steps = archiveTransitions(l);
          steps.forEach((s, i) => {
            if (i > 0) assert.ok(s.days > steps[i - 1]!.days);
            if (s.storageClass === "STANDARD_IA") assert.ok(s.days >= 30);
            if (i > 0 && steps[i - 1]!.storageClass === "STANDARD_IA")
              assert.ok(s.days - steps[i - 1]!.days >= 30);
          });
          if (steps.length) assert.ok(expireDays > steps[steps.length - 1]!.days);
          assert.deepEqual(
            steps.map((s) => s.storageClass),
            ARCHIVE_TIERS.filter((t) => l[t.key] !== undefined).map((t) => t.storageClass),
          );
        },
      ),
    );
  });
});
