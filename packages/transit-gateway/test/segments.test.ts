import * as assert from "node:assert/strict";
import { routingFor, segmentProblems } from "../src";
import { STANDARD } from "./fixtures";

describe("segment routing", () => {
  it("propagates each segment only into the tables of segments allowed to reach it, and summarises into hybrid", () => {
    assert.deepEqual(routingFor(STANDARD, "prod"), {
      associateWith: "prod",
      propagateTo: ["prod", "shared"],
      summariseInto: ["hybrid"],
    });
    assert.deepEqual(routingFor(STANDARD, "nonprod"), {
      associateWith: "nonprod",
      propagateTo: ["nonprod", "shared"],
      summariseInto: ["hybrid"],
    });
    assert.deepEqual(routingFor(STANDARD, "hybrid"), {
      associateWith: "hybrid",
      propagateTo: ["nonprod", "prod", "shared"],
      summariseInto: [],
    });
  });

  it("never propagates or summarises prod into nonprod's table nor nonprod into prod's", () => {
    const prod = routingFor(STANDARD, "prod");
    const nonprod = routingFor(STANDARD, "nonprod");
    assert.ok(![...prod.propagateTo, ...prod.summariseInto].includes("nonprod"));
    assert.ok(![...nonprod.propagateTo, ...nonprod.summariseInto].includes("prod"));
  });

  it("accepts the standard map and names every problem of a bad one", () => {
    assert.deepEqual(segmentProblems(STANDARD), []);
    assert.deepEqual(
      segmentProblems({
        prod: { tier: "prod", reaches: ["nonprod", "shared"] },
        nonprod: { tier: "nonprod", reaches: ["prod", "dmz"] },
        shared: { tier: "shared", reaches: [] },
      }),
      [
        "segment prod (prod) may not reach nonprod (nonprod): prod and nonprod stay isolated",
        "segment prod reaches shared but shared does not reach prod; add prod to shared.reaches (routing must be two-way)",
        "segment nonprod (nonprod) may not reach prod (prod): prod and nonprod stay isolated",
        'segment nonprod reaches unknown segment "dmz"; known segments: prod, nonprod, shared',
      ],
    );
  });

  it("names an unknown segment", () => {
    assert.throws(
      () => routingFor(STANDARD, "dmz"),
      /unknown segment "dmz"; known segments: prod, nonprod, shared, hybrid/,
    );
  });
});
