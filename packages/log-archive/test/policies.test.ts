import * as assert from "node:assert/strict";
import {
  archiveKeyPolicy,
  destinationAccessPolicy,
  destinationTrustCondition,
  firehoseRolePolicy,
  trailArn,
} from "../src/policies";

const delivery = {
  accountId: "700000000007",
  region: "eu-west-1",
  trailArn: trailArn("eu-west-1", "700000000007", "platform-audit"),
  sourceAccounts: ["200000000002"],
};

describe("archive policies", () => {
  it("lets CloudTrail use the archive key only for this account's trails and this trail", () => {
    const s = archiveKeyPolicy(delivery).Statement.find((x) => x.Sid === "CloudTrailEncryptsLogs")!;
    assert.deepEqual(s.Condition, {
      StringEquals: {
        "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:700000000007:trail/platform-audit",
      },
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:700000000007:trail/*",
      },
    });
  });

  it("lets log delivery use the key only for the archive and source accounts", () => {
    const s = archiveKeyPolicy(delivery).Statement.find((x) => x.Sid === "LogDeliveryEncrypts")!;
    assert.deepEqual(s.Condition, {
      StringEquals: { "aws:SourceAccount": ["700000000007", "200000000002"] },
      ArnLike: {
        "aws:SourceArn": [
          "arn:aws:logs:eu-west-1:700000000007:*",
          "arn:aws:logs:eu-west-1:200000000002:*",
        ],
      },
    });
  });

  it("admits accounts and the organisation to the destination with the account-policy action", () => {
    const arn = "arn:aws:logs:eu-west-1:700000000007:destination:d";
    const p = destinationAccessPolicy(arn, {
      sourceAccounts: ["200000000002"],
      organizationId: "o-a1b2c3d4e5",
    });
    assert.equal(p.Statement.length, 2);
    for (const s of p.Statement as Array<{ Action: string[]; Resource: string }>) {
      assert.deepEqual(s.Action, ["logs:PutSubscriptionFilter", "logs:PutAccountPolicy"]);
      assert.equal(s.Resource, arn);
    }
    assert.deepEqual(destinationAccessPolicy(arn, { sourceAccounts: [] }).Statement, []);
  });

  it("trusts CloudWatch Logs for the organisation by its id", () => {
    assert.deepEqual(
      destinationTrustCondition("eu-west-1", "700000000007", {
        sourceAccounts: [],
        organizationId: "o-a1b2c3d4e5",
      }),
      { StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } },
    );
  });

  it("lets Firehose use the key only through S3 for the archive bucket", () => {
    const p = firehoseRolePolicy(
      "arn:aws:s3:::a",
      "arn:aws:kms:eu-west-1:700000000007:key/k",
      "eu-west-1",
    );
    assert.deepEqual(p.Statement[1]!.Condition, {
      StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" },
      StringLike: { "kms:EncryptionContext:aws:s3:arn": ["arn:aws:s3:::a", "arn:aws:s3:::a/*"] },
    });
  });
});
