import * as assert from "node:assert/strict";
import { segmentsSchema, transitGatewaySchema } from "../src";

const issues = (schema: typeof transitGatewaySchema | typeof segmentsSchema, value: unknown) =>
  (schema.safeParse(value).error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

const tgw = {
  amazonSideAsn: 64512,
  shareWith: ["200000000002"],
  sharing: "organization",
  flowLogsRetentionInDays: 365,
};

describe("hub schemas run the hub's validators", () => {
  it("transitGatewaySchema rejects a repeated principal and an OU with invitation sharing", () => {
    assert.deepEqual(issues(transitGatewaySchema, tgw), []);
    assert.deepEqual(
      issues(transitGatewaySchema, {
        ...tgw,
        sharing: "invitation",
        shareWith: [
          "200000000002",
          "arn:aws:organizations::100000000001:ou/o-abc123/ou-ab12-x",
          "200000000002",
        ],
      }),
      [
        "shareWith.2: is already listed at shareWith[0]; list each account or OU once",
        "shareWith.1: an organisation or OU principal needs sharing: organization (RAM sharing with AWS Organizations enabled, docs/bootstrap/README.md); with invitation, list account ids",
      ],
    );
  });

  it("segmentsSchema rejects one-way reachability and prod reaching nonprod", () => {
    assert.deepEqual(
      issues(segmentsSchema, {
        prod: { tier: "prod", reaches: ["nonprod"] },
        nonprod: { tier: "nonprod", reaches: [] },
      }),
      [
        ": segment prod reaches nonprod but nonprod does not reach prod; add prod to nonprod.reaches (routing must be two-way)",
        ": segment prod (prod) may not reach nonprod (nonprod): prod and nonprod stay isolated",
      ],
    );
  });
});
