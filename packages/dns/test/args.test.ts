import * as assert from "node:assert/strict";
import type * as aws from "@pulumi/aws";
import { hybridDnsArgProblems, publicRecordsArgProblems } from "../src";
import type { PublicRecordsArgs } from "../src";

const show = (ps: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string }>) =>
  ps.map((p) => `${p.path.join(".")}: ${p.message}`);

describe("component argument checks", () => {
  const provider = {} as aws.Provider;
  const args = (over: Partial<PublicRecordsArgs>): PublicRecordsArgs => ({
    namePrefix: "prod",
    accountId: "300000000003",
    config: { zoneName: "example.com", dnssec: true },
    global: { provider, region: "us-east-1", topicArn: "arn:aws:sns:us-east-1:300000000003:t" },
    ...over,
  });

  it("accepts DNSSEC with a us-east-1 provider", () => {
    assert.deepEqual(publicRecordsArgProblems(args({})), []);
  });

  it("refuses DNSSEC or health-check alarms through a provider outside us-east-1", () => {
    assert.deepEqual(
      show(
        publicRecordsArgProblems(
          args({ global: { provider, region: "eu-west-1", topicArn: "t" } }),
        ),
      ),
      [
        "global.region: Route 53 health-check metrics and DNSSEC signing keys exist only in us-east-1; pass a provider for us-east-1",
      ],
    );
  });

  it("refuses DNSSEC without the us-east-1 provider, or on a zone it does not create", () => {
    assert.deepEqual(show(publicRecordsArgProblems(args({ global: undefined }))), [
      "global: DNSSEC needs a us-east-1 provider for its KMS key; pass global",
    ]);
    assert.match(
      show(
        publicRecordsArgProblems(
          args({ config: { zoneName: "example.com", zoneId: "Z1", dnssec: true } }),
        ),
      )[0]!,
      /^config\.dnssec: signs a zone this component creates/,
    );
  });

  it("reports the schema's problems under config", () => {
    assert.match(
      show(
        publicRecordsArgProblems(
          args({
            config: {
              zoneName: "example.com",
              records: [{ name: "a.example.org", type: "A", values: ["192.0.2.1"] }],
            },
          }),
        ),
      )[0]!,
      /^config\.records\.0\.name: is outside the zone example\.com/,
    );
  });

  it("refuses Resolver endpoints in fewer than two subnets, and fixed addresses that do not match the subnets", () => {
    const config = { internalDomain: "aws.example.internal" };
    assert.match(
      show(hybridDnsArgProblems({ config, subnetIds: ["subnet-a"] }))[0]!,
      /^subnetIds: Resolver endpoints need addresses in at least two subnets/,
    );
    assert.match(
      show(
        hybridDnsArgProblems({
          config: { ...config, inboundAddresses: ["10.8.0.53", "10.8.16.53"] },
          subnetIds: ["a", "b", "c"],
        }),
      )[0]!,
      /^config\.inboundAddresses: gives 2 addresses for 3 subnets/,
    );
    assert.deepEqual(hybridDnsArgProblems({ config, subnetIds: ["a", "b"] }), []);
    const fixed = (inboundAddresses: string[]) =>
      show(
        hybridDnsArgProblems({
          config: { ...config, inboundAddresses },
          subnetIds: ["a", "b"],
          subnetCidrs: ["10.8.0.0/20", "10.8.32.0/20"],
        }),
      );
    assert.deepEqual(fixed(["10.8.0.53", "10.8.32.53"]), []);
    assert.deepEqual(fixed(["10.8.0.3", "10.8.16.53"]), [
      "config.inboundAddresses.0: is reserved by AWS in 10.8.0.0/20 (the first four and the last address); pick another",
      "config.inboundAddresses.1: is outside its AZ's subnet 10.8.32.0/20; pick an address inside it",
    ]);
  });
});
