import * as assert from "node:assert/strict";
import {
  assumeNetworkMetricsStatement,
  metricsReaderAccounts,
  networkMetricsReadStatements,
  networkMetricsTrustPolicy,
} from "../src";

describe("network metrics read role (network-metrics.ts)", () => {
  it("trusts account ids among the hub's RAM principals, not OUs or the organisation", () => {
    assert.deepEqual(
      metricsReaderAccounts([
        "300000000003",
        "arn:aws:organizations::100000000001:ou/o-abc123/ou-ab12-cdefgh34",
        "200000000002",
        "300000000003",
      ]),
      ["200000000002", "300000000003"],
    );
    assert.deepEqual(metricsReaderAccounts([]), []);
  });

  it("admits each account's Grafana roles only, by principal ARN", () => {
    const trust = JSON.parse(networkMetricsTrustPolicy(["300000000003", "200000000002"])) as {
      Statement: Array<Record<string, unknown>>;
    };
    assert.equal(trust.Statement.length, 1);
    assert.deepEqual(trust.Statement[0]!["Principal"], {
      AWS: ["arn:aws:iam::200000000002:root", "arn:aws:iam::300000000003:root"],
    });
    assert.deepEqual(trust.Statement[0]!["Condition"], {
      ArnLike: {
        "aws:PrincipalArn": [
          "arn:aws:iam::200000000002:role/stack-*-observability-grafana",
          "arn:aws:iam::300000000003:role/stack-*-observability-grafana",
        ],
      },
    });
    assert.throws(() => networkMetricsTrustPolicy([]), /no environment account/);
  });

  it("reads metrics and the account's alarms, nothing that writes or reads log data", () => {
    const statements = networkMetricsReadStatements({
      accountId: "100000000001",
      region: "eu-west-1",
    });
    const actions = statements.flatMap((s) => [s.Action].flat());
    for (const a of [
      "cloudwatch:GetMetricData",
      "cloudwatch:ListMetrics",
      "cloudwatch:GetMetricStatistics",
      "cloudwatch:DescribeAlarms",
    ])
      assert.ok(actions.includes(a), a);
    assert.ok(
      actions.every((a) => /^(cloudwatch|ec2):(Get|List|Describe)/.test(a)),
      actions.join(),
    );
    assert.equal(
      statements.find((s) => [s.Action].flat().includes("cloudwatch:DescribeAlarms"))!.Resource,
      "arn:aws:cloudwatch:eu-west-1:100000000001:alarm:*",
    );
  });

  it("lets Grafana assume exactly the hub's role", () => {
    const arn = "arn:aws:iam::100000000001:role/stack-network-metrics-read";
    assert.deepEqual(assumeNetworkMetricsStatement(arn), {
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: arn,
    });
  });
});
