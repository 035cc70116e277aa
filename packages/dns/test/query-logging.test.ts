import * as assert from "node:assert/strict";
import {
  hybridDnsArgProblems,
  hybridDnsSchema,
  queryLogDeliveryPolicy,
  queryLogGroupName,
  queryLoggingSchema,
} from "../src";

describe("Resolver query logging", () => {
  it("defaults to a year's retention and the shared-services VPC only; off unless given", () => {
    assert.deepEqual(queryLoggingSchema.parse({}), { retentionInDays: 365, vpcIds: [] });
    const dns = hybridDnsSchema.parse({ internalDomain: "aws.example.internal" });
    assert.equal(dns.queryLogging, undefined);
  });

  it("refuses a retention CloudWatch Logs does not accept and ids that are not VPC ids", () => {
    const issues = (c: unknown) => {
      const r = queryLoggingSchema.safeParse(c);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    assert.match(issues({ retentionInDays: 100 })[0]!, /^retentionInDays: is not a retention/);
    assert.match(issues({ vpcIds: ["subnet-0abc"] })[0]!, /^vpcIds\.0: expected a VPC id/);
    assert.deepEqual(issues({ retentionInDays: 90, vpcIds: ["vpc-0abc123"] }), []);
  });

  it("needs the log group's account and Region", () => {
    const config = { internalDomain: "aws.example.internal", queryLogging: {} };
    const problems = hybridDnsArgProblems({ config, subnetIds: ["a", "b"] });
    assert.deepEqual(
      problems.map((p) => p.path.join(".")),
      ["config.queryLogging"],
    );
    assert.deepEqual(
      hybridDnsArgProblems({ config, subnetIds: ["a", "b"], accountId: "1", region: "eu-west-1" }),
      [],
    );
  });

  it("lets only this account's log deliveries write the one group's streams", () => {
    const name = queryLogGroupName("network");
    assert.equal(name, "/platform/network/route53-resolver/query-logs");
    const [statement] = queryLogDeliveryPolicy("200000000002", "eu-west-1", name).Statement;
    assert.deepEqual(statement!.Principal, { Service: "delivery.logs.amazonaws.com" });
    assert.deepEqual(statement!.Action, ["logs:CreateLogStream", "logs:PutLogEvents"]);
    assert.equal(
      statement!.Resource,
      `arn:aws:logs:eu-west-1:200000000002:log-group:${name}:log-stream:*`,
    );
    assert.deepEqual(statement!.Condition, {
      StringEquals: { "aws:SourceAccount": "200000000002" },
      ArnLike: { "aws:SourceArn": "arn:aws:logs:eu-west-1:200000000002:*" },
    });
  });
});
