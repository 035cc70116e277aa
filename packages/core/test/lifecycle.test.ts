import * as assert from "node:assert/strict";
import fc from "fast-check";
import {
  lifecycleActions,
  lifecycleProblems,
  retentionProblems,
  STANDARD_IA_MIN_STORAGE_DAYS,
} from "../src";

const days = fc.integer({ min: 1, max: 36500 });
const retention = fc.record({
  expireDays: fc.option(days, { nil: undefined }),
  noncurrentDays: days,
  infrequentAccessAfterDays: fc.option(fc.integer({ min: 30, max: 3650 }), { nil: undefined }),
});

describe("lifecycle derived from retention", () => {
  it("S3 accepts every rule derived from a valid retention, and no object is charged for unused Standard-IA days", () => {
    fc.assert(
      fc.property(retention, (r) => {
        assert.deepEqual(retentionProblems(r), []);
        assert.deepEqual(lifecycleProblems(lifecycleActions(r)), []);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps exactly the retention asked for, and transitions whenever objects stay 30 days in Standard-IA", () => {
    fc.assert(
      fc.property(retention, (r) => {
        const a = lifecycleActions(r);
        assert.deepEqual(
          a.expiration,
          r.expireDays === undefined ? undefined : { days: r.expireDays },
        );
        assert.deepEqual(a.noncurrentVersionExpiration, { noncurrentDays: r.noncurrentDays });
        const ia = r.infrequentAccessAfterDays;
        const worth =
          ia !== undefined &&
          (r.expireDays === undefined || r.expireDays - ia >= STANDARD_IA_MIN_STORAGE_DAYS);
        assert.deepEqual(
          a.transitions,
          worth ? [{ days: ia, storageClass: "STANDARD_IA" }] : undefined,
        );
        const noncurrentWorth = ia !== undefined && r.noncurrentDays >= 60;
        assert.deepEqual(
          a.noncurrentVersionTransitions,
          noncurrentWorth ? [{ noncurrentDays: 30, storageClass: "STANDARD_IA" }] : undefined,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("derives a valid rule for a short retention that used to expire before the transition (Velero in dev: 7 + 7 days)", () => {
    const a = lifecycleActions({
      expireDays: 14,
      noncurrentDays: 30,
      infrequentAccessAfterDays: 30,
    });
    assert.deepEqual(a, {
      expiration: { days: 14 },
      noncurrentVersionExpiration: { noncurrentDays: 30 },
    });
  });

  it("rejects retention no rule can honour, naming the argument and the fix", () => {
    assert.deepEqual(
      retentionProblems({ expireDays: 0, noncurrentDays: 1.5, infrequentAccessAfterDays: 7 }),
      [
        "expireDays = 0: expected a whole number of days >= 1",
        "noncurrentDays = 1.5: expected a whole number of days >= 1",
        "infrequentAccessAfterDays = 7: S3 moves objects to STANDARD_IA no earlier than day 30; use 30 or more",
      ],
    );
  });

  it("reports what S3 refuses in a hand-written rule and what it charges for", () => {
    assert.deepEqual(
      lifecycleProblems({
        transitions: [{ days: 30, storageClass: "STANDARD_IA" }],
        expiration: { days: 14 },
        noncurrentVersionTransitions: [{ noncurrentDays: 7, storageClass: "STANDARD_IA" }],
        noncurrentVersionExpiration: { noncurrentDays: 40 },
      }),
      [
        {
          severity: "error",
          message:
            "current expiration at day 14 is not after the transition to STANDARD_IA at day 30",
        },
        {
          severity: "error",
          message: "noncurrent transition to STANDARD_IA at day 7: S3 requires at least 30",
        },
      ],
    );
    assert.deepEqual(
      lifecycleProblems({
        transitions: [{ days: 30, storageClass: "STANDARD_IA" }],
        expiration: { days: 37 },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      }).map((p) => p.severity),
      ["warning"],
    );
  });
});
