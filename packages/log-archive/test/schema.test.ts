import * as assert from "node:assert/strict";
import type { z } from "zod";
import { collectionSchema, forwarderSchema, logArchiveSchema, logSubscriptionSchema } from "../src";

/** The issues of a rejected value as `path: message`. */
function issues(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  assert.equal(r.success, false, "expected the value to be rejected");
  return r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

describe("log archive config", () => {
  it("fills the defaults: governance lock, lifecycle, account trail, search none", () => {
    const cfg = logArchiveSchema.parse({
      storage: { bucketName: "acme-log-archive" },
      collection: { sourceAccounts: ["200000000002"] },
    });
    assert.deepEqual(cfg.storage.objectLock, { mode: "GOVERNANCE", days: 365 });
    assert.deepEqual(cfg.storage.lifecycle, {
      standardIaDays: 30,
      glacierFlexibleRetrievalDays: 90,
      expireDays: 2555,
    });
    assert.equal(cfg.audit.scope, "account");
    assert.equal(cfg.search, "none");
  });

  it("rejects a lifecycle S3 would refuse, naming the key", () => {
    assert.deepEqual(
      issues(logArchiveSchema, {
        storage: {
          bucketName: "acme-log-archive",
          lifecycle: { standardIaDays: 7, expireDays: 400 },
        },
        collection: { sourceAccounts: ["200000000002"] },
      }),
      [
        "storage.lifecycle.standardIaDays: S3 moves objects to STANDARD_IA no earlier than day 30; use 30 or more",
      ],
    );
  });

  it("rejects an expiry before the Object Lock retention ends", () => {
    assert.deepEqual(
      issues(logArchiveSchema, {
        storage: {
          bucketName: "acme-log-archive",
          objectLock: { mode: "COMPLIANCE", days: 400 },
          lifecycle: { expireDays: 365 },
        },
        collection: { sourceAccounts: ["200000000002"] },
      }),
      [
        "storage.lifecycle.expireDays: objects are locked for 400 days (objectLock.days), so they cannot expire earlier; use 400 or more, or shorten objectLock.days",
      ],
    );
  });

  it("rejects an unknown lock mode", () => {
    assert.deepEqual(
      issues(logArchiveSchema, {
        storage: { bucketName: "acme-log-archive", objectLock: { mode: "LEGAL", days: 1 } },
        collection: { sourceAccounts: ["200000000002"] },
      }),
      ["storage.objectLock.mode: expected GOVERNANCE or COMPLIANCE"],
    );
  });

  it("rejects a destination nobody may subscribe to, and buffering outside Firehose's bounds", () => {
    assert.deepEqual(
      issues(collectionSchema, { bufferingSizeMb: 129, bufferingIntervalSeconds: 901 }),
      [
        "sourceAccounts: no account may subscribe to the destination; list the accounts whose logs ship here, or give organizationId",
        "bufferingSizeMb: Firehose buffers 1-128 MiB; use a value in that range",
        "bufferingIntervalSeconds: Firehose buffers 0-900 seconds; use a value in that range",
      ],
    );
  });

  it("accepts only search: none", () => {
    assert.deepEqual(
      issues(logArchiveSchema, {
        storage: { bucketName: "acme-log-archive" },
        collection: { sourceAccounts: ["200000000002"] },
        search: "domain",
      }),
      ["search: expected none (OpenSearch is not available yet)"],
    );
  });

  it("rejects a source bucket listed twice and an unknown format", () => {
    assert.deepEqual(
      issues(forwarderSchema, {
        sourceBuckets: [
          { bucketName: "acme-alb-logs", format: "alb" },
          { bucketName: "acme-alb-logs", format: "syslog" },
          { bucketName: "acme-nlb-logs", format: "nlb" },
        ],
      }),
      ["sourceBuckets.2.format: expected one of alb, syslog"],
    );
    assert.deepEqual(
      issues(forwarderSchema, {
        sourceBuckets: [
          { bucketName: "acme-alb-logs", format: "alb" },
          { bucketName: "acme-alb-logs", format: "syslog" },
        ],
      }),
      ["sourceBuckets.1.bucketName: is listed twice; give each bucket once with its format"],
    );
  });

  it("rejects a subscription to something other than a destination, and too many exclusions", () => {
    assert.deepEqual(
      issues(logSubscriptionSchema, {
        destinationArn: "arn:aws:firehose:eu-west-1:700000000007:deliverystream/x",
        excludeLogGroups: Array.from({ length: 51 }, (_, i) => `/g/${i}`),
      }),
      [
        "destinationArn: expected a CloudWatch Logs destination ARN, arn:aws:logs:<region>:<account>:destination:<name> (the log-archive stack's destinationArn output)",
        "excludeLogGroups: a subscription filter policy excludes at most 50 log groups; exclude fewer",
      ],
    );
    assert.equal(
      logSubscriptionSchema.parse({
        destinationArn: "arn:aws:logs:eu-west-1:700000000007:destination:platform-log-archive",
      }).filterPattern,
      "",
    );
  });
});
