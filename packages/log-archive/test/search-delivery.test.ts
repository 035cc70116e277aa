/**
 * Delivery into search: the record transformation (offline, on real CloudWatch Logs subscription
 * messages), the index and buffering checks, and the Firehose role's search permissions simulated
 * with real ARNs.
 */
import * as assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { simulate } from "@platform/iam-simulator";
import type { IamRequest, PolicyDocument } from "@platform/iam-simulator";
import { BOUNDARY_SERVICES } from "@platform/identity";
import { logArchiveSchema, searchIndexSchema } from "../src/schema";
import {
  firehoseCollectionStatements,
  firehoseDomainStatements,
  firehoseRoleArn,
  firehoseSearchPolicy,
  firehoseTransformStatements,
  firehoseVpcStatements,
} from "../src/search-delivery-policies";
import { transformRecord } from "../src/search-transform/handler";
import { indexNameFault } from "../src/validate";

const ACCOUNT = "700000000007";
const DOMAIN = `arn:aws:es:eu-west-1:${ACCOUNT}:domain/platform-logs`;
const COLLECTION = `arn:aws:aoss:eu-west-1:${ACCOUNT}:collection/abcdefghij0123456789`;
const FUNCTION = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:log-archive-search-transform`;
const EC2 = `arn:aws:ec2:eu-west-1:${ACCOUNT}`;
const SUBNETS = ["subnet-0a000000000000001", "subnet-0b000000000000002"];

const record = (message: unknown, recordId = "r1") => ({
  recordId,
  data: gzipSync(Buffer.from(JSON.stringify(message))).toString("base64"),
});
const decoded = (data: string) =>
  JSON.parse(Buffer.from(data, "base64").toString("utf8")) as unknown;

describe("search delivery", () => {
  describe("record transformation", () => {
    it("turns a DATA_MESSAGE's events into one document", () => {
      const out = transformRecord(
        record({
          messageType: "DATA_MESSAGE",
          owner: "200000000002",
          logGroup: "/aws/vpc/flow-logs",
          logStream: "eni-0123456789abcdef0-all",
          subscriptionFilters: ["platform-log-archive"],
          logEvents: [
            {
              id: "31953106606966983378809025079804211143289615424298221568",
              timestamp: 1764150000000,
              message:
                "2 200000000002 eni-0123456789abcdef0 10.0.1.5 10.0.2.7 443 49152 6 10 840 1764149990 1764150000 ACCEPT OK",
            },
            {
              id: "31953106606966983378809025079804211143289615424298221569",
              timestamp: 1764150001000,
              message:
                "2 200000000002 eni-0123456789abcdef0 10.0.2.7 10.0.1.5 49152 443 6 8 1200 1764149990 1764150000 ACCEPT OK",
            },
          ],
        }),
      );
      assert.equal(out.result, "Ok");
      const doc = decoded(out.data) as Record<string, unknown>;
      assert.equal(doc["@timestamp"], "2025-11-26T09:40:00.000Z");
      assert.equal(doc["logGroup"], "/aws/vpc/flow-logs");
      assert.equal(doc["owner"], "200000000002");
      assert.equal((doc["events"] as unknown[]).length, 2);
    });

    it("drops CloudWatch Logs' control messages and fails what it cannot read", () => {
      const control = record({
        messageType: "CONTROL_MESSAGE",
        owner: "CloudwatchLogs",
        logGroup: "",
        logStream: "",
        subscriptionFilters: [],
        logEvents: [
          {
            id: "",
            timestamp: 1764150000000,
            message: "CWL CONTROL MESSAGE: Checking health of destination Firehose.",
          },
        ],
      });
      assert.equal(transformRecord(control).result, "Dropped");
      const garbage = { recordId: "r2", data: Buffer.from("not gzip").toString("base64") };
      assert.deepEqual(transformRecord(garbage), { ...garbage, result: "ProcessingFailed" });
      const empty = record({ messageType: "DATA_MESSAGE", logEvents: [] });
      assert.equal(transformRecord(empty).result, "ProcessingFailed");
    });
  });

  describe("index and buffering checks", () => {
    it("accepts the defaults and names OpenSearch's index rules", () => {
      assert.deepEqual(searchIndexSchema.parse({}), {
        indexName: "cloudwatch-logs",
        rotation: "OneDay",
        retrySeconds: 300,
        bufferingSizeMb: 5,
        bufferingIntervalSeconds: 60,
      });
      assert.equal(indexNameFault("cloudwatch-logs"), undefined);
      assert.equal(indexNameFault("logs.2026"), undefined);
      for (const bad of [
        "Logs",
        "my logs",
        "_logs",
        "-logs",
        "+logs",
        "a/b",
        "a:b",
        "a#b",
        ".",
        "..",
        "",
        "x".repeat(81),
      ])
        assert.ok(indexNameFault(bad), bad);
    });

    it("refuses bad values against the stack's key, with the fix", () => {
      const result = logArchiveSchema.safeParse({
        storage: { bucketName: "acme-log-archive" },
        collection: {
          sourceAccounts: ["200000000002"],
          searchIndex: { indexName: "_Logs", bufferingSizeMb: 101, retrySeconds: 7201 },
        },
      });
      assert.equal(result.success, false);
      const issues = result.error!.issues.map((i) => [i.path.join("."), i.message]);
      assert.deepEqual(
        issues.map(([p]) => p),
        [
          "collection.searchIndex.indexName",
          "collection.searchIndex.bufferingSizeMb",
          "collection.searchIndex.retrySeconds",
        ],
      );
      assert.match(String(issues[0]![1]), /lower case; use e\.g\. cloudwatch-logs/);
      assert.match(String(issues[1]![1]), /1-100 MiB.*from 1 to 100/);
    });
  });

  describe("the Firehose role's search permissions (simulated)", () => {
    const policy = firehoseSearchPolicy([
      ...firehoseDomainStatements(DOMAIN, "cloudwatch-logs"),
      ...firehoseCollectionStatements(COLLECTION),
      ...firehoseVpcStatements({ accountId: ACCOUNT, region: "eu-west-1", subnetIds: SUBNETS }),
      ...firehoseTransformStatements(FUNCTION),
    ]);
    const allowed = async (request: IamRequest) =>
      (
        await simulate(
          {
            arn: `arn:aws:sts::${ACCOUNT}:assumed-role/stack-log-archive-collection-firehose/firehose`,
            identityPolicies: { inline: policy as PolicyDocument },
          },
          request,
        )
      ).allowed;

    it("is the role the domain's access policy and the data access policy name", () => {
      assert.equal(
        firehoseRoleArn("eu-west-1", ACCOUNT, "log-archive-collection"),
        `arn:aws:iam::${ACCOUNT}:role/stack-log-archive-collection-firehose`,
      );
    });

    it("indexes into the domain and reads its state, nothing else there or elsewhere", async () => {
      for (const [action, resource] of [
        ["es:ESHttpPost", `${DOMAIN}/_bulk`],
        ["es:ESHttpPut", `${DOMAIN}/cloudwatch-logs-2026-11-26`],
        ["es:DescribeDomain", DOMAIN],
        ["es:ESHttpGet", `${DOMAIN}/_cluster/stats`],
        ["es:ESHttpGet", `${DOMAIN}/cloudwatch-logs-2026-11-26/_stats`],
      ] as const)
        assert.equal(await allowed({ action, resource }), true, `${action} ${resource}`);
      for (const [action, resource] of [
        ["es:ESHttpDelete", `${DOMAIN}/cloudwatch-logs-2026-11-26`],
        ["es:ESHttpGet", `${DOMAIN}/other/_search`],
        ["es:UpdateDomainConfig", DOMAIN],
        ["es:ESHttpPost", `${DOMAIN.replace("platform-logs", "other")}/_bulk`],
      ] as const)
        assert.equal(await allowed({ action, resource }), false, `${action} ${resource}`);
    });

    it("calls the collection's API only on that collection", async () => {
      assert.equal(await allowed({ action: "aoss:APIAccessAll", resource: COLLECTION }), true);
      assert.equal(
        await allowed({
          action: "aoss:APIAccessAll",
          resource: COLLECTION.replace(/\w+$/, "other"),
        }),
        false,
      );
      assert.equal(await allowed({ action: "aoss:DeleteCollection", resource: COLLECTION }), false);
    });

    it("places its interfaces in the configured subnets only, and invokes only its function", async () => {
      const create = (resource: string) =>
        allowed({ action: "ec2:CreateNetworkInterface", resource });
      assert.equal(await create(`${EC2}:subnet/${SUBNETS[0]}`), true);
      assert.equal(await create(`${EC2}:network-interface/eni-0123456789abcdef0`), true);
      assert.equal(await create(`${EC2}:subnet/subnet-0f00000000000000f`), false);
      assert.equal(
        await allowed({
          action: "ec2:DeleteNetworkInterface",
          resource: `${EC2}:network-interface/eni-0123456789abcdef0`,
        }),
        true,
      );
      assert.equal(await allowed({ action: "ec2:DescribeSubnets", resource: "*" }), true);
      assert.equal(
        await allowed({
          action: "ec2:DeleteSecurityGroup",
          resource: `${EC2}:security-group/sg-1`,
        }),
        false,
      );
      assert.equal(await allowed({ action: "lambda:InvokeFunction", resource: FUNCTION }), true);
      assert.equal(
        await allowed({
          action: "lambda:InvokeFunction",
          resource: FUNCTION.replace(/[^:]+$/, "other"),
        }),
        false,
      );
    });

    it("uses only services the workload boundary admits (the Firehose role carries it)", () => {
      const services = new Set(
        (policy.Statement as Array<{ Action: string | string[] }>)
          .flatMap((s) => [s.Action].flat())
          .map((a) => a.split(":")[0]!),
      );
      assert.deepEqual(
        [...services].filter((s) => !(BOUNDARY_SERVICES as readonly string[]).includes(s)).sort(),
        [],
      );
    });
  });
});
