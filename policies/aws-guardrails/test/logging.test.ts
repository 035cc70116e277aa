import * as assert from "node:assert/strict";
import { findings, res } from "./helpers";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ACCOUNT_POLICY = "aws:cloudwatch/logAccountPolicy:LogAccountPolicy";
const group = (name: string) => res(LOG_GROUP, { name }, { name });
const subscription = (inputs: Record<string, unknown> = {}) =>
  res(ACCOUNT_POLICY, {
    policyName: "platform-log-archive",
    policyType: "SUBSCRIPTION_FILTER_POLICY",
    scope: "ALL",
    ...inputs,
  });

describe("logging and audit policies", () => {
  it("log-group-subscribed: a subscription filter policy covers every group", async () => {
    assert.deepEqual(
      await findings("log-group-subscribed", [group("/flow"), group("/eks"), subscription()]),
      [],
    );
    assert.deepEqual(await findings("log-group-subscribed", [group("/flow")]), [
      "log group /flow does not reach the log archive: the stack has no subscription filter policy",
    ]);
    // A policy of another type does not subscribe anything.
    assert.deepEqual(
      await findings("log-group-subscribed", [
        group("/flow"),
        subscription({ policyType: "DATA_PROTECTION_POLICY" }),
      ]),
      [
        "log group /flow does not reach the log archive: the stack has no subscription filter policy",
      ],
    );
  });

  it("log-group-subscribed: a group the selection criteria exclude is reported", async () => {
    const criteria = `LogGroupName NOT IN ${JSON.stringify(["/noisy"])}`;
    assert.deepEqual(
      await findings("log-group-subscribed", [
        group("/flow"),
        group("/noisy"),
        subscription({ selectionCriteria: criteria }),
      ]),
      ["log group /noisy is excluded from the account's subscription filter policy"],
    );
    assert.deepEqual(
      await findings("log-group-subscribed", [
        group("/flow"),
        subscription({ selectionCriteria: "LogGroupName LIKE x" }),
      ]),
      ["log group /flow is excluded from the account's subscription filter policy"],
    );
  });

  it("log-group-subscribed: the log-archive stack (it holds the destination) is exempt", async () => {
    assert.deepEqual(
      await findings("log-group-subscribed", [
        group("/platform/log-archive/cloudtrail/platform-audit"),
        res("aws:cloudwatch/logDestination:LogDestination", { name: "platform-log-archive" }),
      ]),
      [],
    );
  });

  const TRAIL = "aws:cloudtrail/trail:Trail";
  const trail = {
    name: "platform-audit",
    s3BucketName: "archive",
    kmsKeyId: "arn:aws:kms:eu-west-1:700000000007:key/k",
    isMultiRegionTrail: true,
    enableLogFileValidation: true,
    enableLogging: true,
  };

  it("cloudtrail-protected", async () => {
    assert.deepEqual(
      await findings("cloudtrail-protected", [res(TRAIL, trail, { name: "t", protect: true })]),
      [],
    );
    assert.deepEqual(await findings("cloudtrail-protected", [res(TRAIL, trail, { name: "t" })]), [
      "trail t is not protected",
    ]);
    assert.deepEqual(
      await findings("cloudtrail-protected", [
        res(
          TRAIL,
          {
            ...trail,
            enableLogging: false,
            enableLogFileValidation: false,
            isMultiRegionTrail: false,
            kmsKeyId: undefined,
          },
          { name: "t", protect: true },
        ),
      ]),
      [
        "the trail does not log (enableLogging false)",
        "log file validation is not enabled",
        "the trail is not multi-Region",
        "the trail's logs are not encrypted with a KMS key",
      ],
    );
  });

  const BUCKET = "aws:s3/bucket:Bucket";
  const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
  const lockedBucket = (
    over: { versioning?: string; sse?: string; rule?: unknown; lockResource?: boolean } = {},
  ) => {
    const b = res(BUCKET, { bucket: "archive", objectLockEnabled: true }, { name: "archive" });
    const deps = { deps: { bucket: [b] } };
    return [
      b,
      res(
        "aws:s3/bucketVersioning:BucketVersioning",
        { versioningConfiguration: { status: over.versioning ?? "Enabled" } },
        deps,
      ),
      res(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        {
          rules: [
            {
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: over.sse ?? "aws:kms",
                ...(over.sse === "AES256" ? {} : { kmsMasterKeyId: "arn:k" }),
              },
            },
          ],
        },
        deps,
      ),
      ...(over.lockResource === false
        ? []
        : [
            res(
              LOCK,
              {
                objectLockEnabled: "Enabled",
                rule: over.rule ?? { defaultRetention: { mode: "GOVERNANCE", days: 365 } },
              },
              deps,
            ),
          ]),
    ];
  };

  it("archive-bucket-locked", async () => {
    assert.deepEqual(await findings("archive-bucket-locked", lockedBucket()), []);
    assert.deepEqual(
      await findings("archive-bucket-locked", lockedBucket({ versioning: "Suspended" })),
      ["Object Lock bucket archive: versioning is not enabled"],
    );
    assert.deepEqual(await findings("archive-bucket-locked", lockedBucket({ sse: "AES256" })), [
      "Object Lock bucket archive: is not encrypted with a customer KMS key",
    ]);
    assert.deepEqual(
      await findings("archive-bucket-locked", lockedBucket({ lockResource: false })),
      ["Object Lock bucket archive: Object Lock has no default retention rule"],
    );
    assert.deepEqual(
      await findings(
        "archive-bucket-locked",
        lockedBucket({ rule: { defaultRetention: { mode: "COMPLIANCE" } } }),
      ),
      ["Object Lock bucket archive: Object Lock has no default retention rule"],
    );
  });

  it("archive-bucket-locked: a bucket without Object Lock is not its concern", async () => {
    assert.deepEqual(
      await findings("archive-bucket-locked", [res(BUCKET, { bucket: "data" }, { name: "data" })]),
      [],
    );
  });
});
