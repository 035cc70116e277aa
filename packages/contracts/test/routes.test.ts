import * as assert from "node:assert/strict";
import {
  crossesProdBoundary,
  SEGMENT_ROUTE_KINDS,
  segmentOfRouteName,
  segmentRouteName,
} from "../src";

describe("the hub contract's isolation rule and route names", () => {
  it("prod and nonprod never reach each other; shared reaches both", () => {
    assert.equal(crossesProdBoundary("prod", "nonprod"), true);
    assert.equal(crossesProdBoundary("nonprod", "prod"), true);
    for (const [a, b] of [
      ["prod", "prod"],
      ["prod", "shared"],
      ["shared", "nonprod"],
      ["nonprod", "nonprod"],
    ] as const)
      assert.equal(crossesProdBoundary(a, b), false, `${a} -> ${b}`);
  });

  it("reads back the segment of every route resource name a spoke makes", () => {
    for (const kind of SEGMENT_ROUTE_KINDS)
      for (const segment of ["prod", "non-prod-2", "shared"])
        assert.equal(segmentOfRouteName(segmentRouteName("dev-spoke", kind, segment)), segment);
    assert.equal(segmentOfRouteName("dev-spoke-attachment"), undefined);
  });
});
