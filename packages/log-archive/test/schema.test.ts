import * as assert from "node:assert/strict";
import type { z } from "zod";
import {
  alertingSchema,
  chatbotRegion,
  collectionSchema,
  forwarderSchema,
  logArchiveSchema,
  logSubscriptionSchema,
  searchSchema,
} from "../src";

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
    assert.deepEqual(cfg.search, { kind: "none" });
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

  it("rejects a search that is neither none nor an object with a kind", () => {
    assert.deepEqual(
      issues(logArchiveSchema, {
        storage: { bucketName: "acme-log-archive" },
        collection: { sourceAccounts: ["200000000002"] },
        search: "domain",
      }),
      ["search: expected none, or an object with kind domain or serverless (see the README)"],
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

describe("search config", () => {
  const subnets = (n: number) =>
    Array.from({ length: n }, (_, i) => `subnet-0${i}000000000000000${i}`.slice(0, 24));
  const domain = (over: Record<string, unknown> = {}) => ({
    kind: "domain",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    subnetIds: subnets(2),
    allowedCidrs: ["10.70.0.0/16"],
    instanceCount: 2,
    masterUserRoleArn: "arn:aws:iam::700000000007:role/search-admin",
    ...over,
  });
  const serverless = (over: Record<string, unknown> = {}) => ({
    kind: "serverless",
    vpcId: "vpc-0a1b2c3d4e5f60718",
    subnetIds: subnets(2),
    allowedCidrs: ["10.70.0.0/16"],
    principals: ["arn:aws:iam::700000000007:role/log-ingest"],
    ...over,
  });

  it("reads the plain string none and { kind: none } alike", () => {
    assert.deepEqual(searchSchema.parse("none"), { kind: "none" });
    assert.deepEqual(searchSchema.parse({ kind: "none" }), { kind: "none" });
  });

  it("fills a domain's defaults", () => {
    const cfg = searchSchema.parse(domain());
    assert.equal(cfg.kind, "domain");
    if (cfg.kind !== "domain") return;
    assert.equal(cfg.domainName, "platform-logs");
    assert.equal(cfg.engineVersion, "OpenSearch_2.19");
    assert.equal(cfg.instanceType, "r7g.large.search");
    assert.equal(cfg.volumeSizeGb, 100);
    assert.equal(cfg.protect, true);
    assert.deepEqual(cfg.accessRoleArns, []);
  });

  it("accepts 3 zones with a multiple of 3 data nodes", () => {
    assert.equal(
      searchSchema.safeParse(domain({ subnetIds: subnets(3), instanceCount: 6 })).success,
      true,
    );
  });

  it("rejects a data node count that is not a multiple of the zones", () => {
    assert.deepEqual(issues(searchSchema, domain({ subnetIds: subnets(3), instanceCount: 4 })), [
      "instanceCount: data nodes are spread evenly over the 3 zones (subnetIds); use a multiple of 3, e.g. 6",
    ]);
    assert.deepEqual(issues(searchSchema, domain({ instanceCount: 1 })), [
      "instanceCount: data nodes are spread evenly over the 2 zones (subnetIds); use a multiple of 2, e.g. 2",
    ]);
  });

  it("rejects a zone count other than 2 or 3", () => {
    for (const n of [1, 4])
      assert.deepEqual(issues(searchSchema, domain({ subnetIds: subnets(n), instanceCount: 4 })), [
        `subnetIds: a zone-aware domain uses 2 or 3 Availability Zones, one subnet each, not ${n}; give 2 or 3 private subnets in different zones`,
      ]);
  });

  it("rejects an endpoint open to the internet, a subnet twice and an even master count", () => {
    assert.deepEqual(
      issues(
        searchSchema,
        domain({
          subnetIds: [subnets(1)[0], subnets(1)[0]],
          allowedCidrs: ["10.0.0.0/8", "0.0.0.0/0"],
          dedicatedMaster: { instanceType: "m7g.large.search", count: 2 },
        }),
      ),
      [
        "subnetIds.1: is listed twice; give each subnet once",
        "allowedCidrs.1: opens the search endpoint to any address; list the networks of the people and services that query it",
        "dedicatedMaster.count: use 3 or 5 dedicated master nodes (an odd number keeps a quorum when a zone fails)",
      ],
    );
  });

  it("requires dedicated masters above 10 data nodes", () => {
    assert.deepEqual(issues(searchSchema, domain({ instanceCount: 12 })), [
      "dedicatedMaster: a domain of more than 10 data nodes needs dedicated master nodes (12 here); give dedicatedMaster with count 3 or 5",
    ]);
    const masters = { instanceType: "m7g.large.search", count: 3 };
    assert.equal(
      searchSchema.safeParse(domain({ instanceCount: 12, dedicatedMaster: masters })).success,
      true,
    );
    assert.equal(searchSchema.safeParse(domain({ instanceCount: 10 })).success, true);
  });

  it("rejects a master user that is not a role ARN", () => {
    assert.deepEqual(
      issues(searchSchema, domain({ masterUserRoleArn: "arn:aws:iam::700000000007:user/admin" })),
      [
        "masterUserRoleArn: expected an IAM role ARN such as arn:aws:iam::700000000007:role/search-admin",
      ],
    );
  });

  it("fills a serverless collection's defaults", () => {
    const cfg = searchSchema.parse(serverless());
    assert.equal(cfg.kind, "serverless");
    if (cfg.kind !== "serverless") return;
    assert.equal(cfg.type, "TIMESERIES");
    assert.equal(cfg.standbyReplicas, true);
    assert.equal(cfg.collectionName, "platform-logs");
  });

  it("rejects a serverless endpoint with more than 6 subnets, no principal, or an open CIDR", () => {
    assert.deepEqual(issues(searchSchema, serverless({ subnetIds: subnets(7) })), [
      "subnetIds: an OpenSearch Serverless VPC endpoint takes 1-6 subnets; give between 1 and 6",
    ]);
    assert.deepEqual(issues(searchSchema, serverless({ principals: [] })), [
      "principals: expected at least one principal that may read and write the collection",
    ]);
    assert.deepEqual(issues(searchSchema, serverless({ allowedCidrs: ["0.0.0.0/0"] })), [
      "allowedCidrs.0: opens the search endpoint to any address; list the networks of the people and services that query it",
    ]);
    assert.deepEqual(issues(searchSchema, serverless({ allowedCidrs: ["::/0"] })), [
      "allowedCidrs.0: is not an IPv4 CIDR in a.b.c.d/n form; expected an IPv4 CIDR such as 10.16.0.0/16",
    ]);
    assert.deepEqual(issues(searchSchema, serverless({ type: "VECTORSEARCH" })), [
      "type: expected TIMESERIES or SEARCH",
    ]);
  });

  it("rejects any other kind, naming the choices", () => {
    assert.deepEqual(issues(searchSchema, "serverless"), [
      ": expected none, or an object with kind domain or serverless (see the README)",
    ]);
    assert.deepEqual(issues(searchSchema, { kind: "elastic" }), [
      "kind: expected none, or an object with kind domain or serverless (see the README)",
    ]);
  });
});

describe("alerting config", () => {
  it("fills the chat defaults: no webhook, no Slack; a Slack channel logs errors", () => {
    assert.deepEqual(alertingSchema.parse({}), {
      topicName: "platform-security-alarms",
      emails: [],
      webhooks: [],
    });
    assert.deepEqual(
      alertingSchema.parse({ slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" } })
        .slack,
      {
        workspaceId: "T07EA123LEP",
        channelId: "C07EZ1ABC23",
        configurationName: "platform-security-alarms",
        loggingLevel: "ERROR",
      },
    );
  });

  it("rejects a plain-HTTP webhook and an endpoint given twice", () => {
    assert.deepEqual(issues(alertingSchema, { webhooks: ["http://soc.example.com/hook"] }), [
      "webhooks.0: expected an https:// URL (SNS delivers to HTTPS endpoints that confirm the subscription)",
    ]);
    assert.deepEqual(
      issues(alertingSchema, {
        emails: ["a@example.com", "a@example.com"],
        webhooks: ["https://x.example.com/h", "https://x.example.com/h"],
      }),
      [
        "emails.1: is listed twice; give each endpoint once",
        "webhooks.1: is listed twice; give each endpoint once",
      ],
    );
  });

  it("rejects Slack ids that are not Slack's, naming an example", () => {
    assert.deepEqual(
      issues(alertingSchema, {
        slack: { workspaceId: "my-team", channelId: "#security", loggingLevel: "DEBUG" },
      }),
      [
        "slack.workspaceId: expected a Slack workspace id such as T07EA123LEP",
        "slack.channelId: expected a Slack channel id such as C07EZ1ABC23",
        "slack.loggingLevel: expected ERROR, INFO or NONE",
      ],
    );
  });

  it("makes the Slack configuration where the Chatbot API is served", () => {
    assert.equal(chatbotRegion("eu-west-1"), "eu-west-1");
    assert.equal(chatbotRegion("us-west-2"), "us-west-2");
    assert.equal(chatbotRegion("eu-central-1"), "us-east-2");
  });
});
