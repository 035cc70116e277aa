import * as assert from "node:assert/strict";
import { topicAccessPolicy, topicKeyPolicy } from "../src";

const args = { topicName: "t", accountId: "100000000001", region: "eu-west-1" } as const;

describe("encrypted topics", () => {
  it("lets CloudWatch alarms of this account use the key and publish", () => {
    const key = topicKeyPolicy({ ...args, publishers: ["cloudwatch"] });
    assert.deepEqual(key.Statement[1], {
      Sid: "CloudWatchAlarmsPublishEncrypted",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceAccount": "100000000001" },
        ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:100000000001:alarm:*" },
      },
    });
    const topic = topicAccessPolicy("arn:aws:sns:eu-west-1:100000000001:t", {
      ...args,
      publishers: ["cloudwatch"],
    });
    assert.deepEqual(topic.Statement[0]!.Condition, {
      StringEquals: { "aws:SourceAccount": "100000000001" },
      ArnLike: { "aws:SourceArn": "arn:aws:cloudwatch:eu-west-1:100000000001:alarm:*" },
    });
  });

  it("lets CodeStar Notifications use the key only through SNS in the key's region", () => {
    const key = topicKeyPolicy({ ...args, publishers: ["codestar-notifications"] });
    assert.deepEqual(key.Statement.length, 2);
    assert.deepEqual(key.Statement[1], {
      Sid: "CodeStarNotificationsPublishEncrypted",
      Effect: "Allow",
      Principal: { Service: "codestar-notifications.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": "sns.eu-west-1.amazonaws.com" } },
    });
  });
});
