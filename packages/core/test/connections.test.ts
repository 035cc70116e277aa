import * as assert from "node:assert/strict";
import { connectionActions, isConnectionArn } from "../src";

describe("connectionActions", () => {
  it("names the actions under the service prefix of the connection's own ARN", () => {
    assert.deepEqual(
      connectionActions("arn:aws:codeconnections:eu-west-1:100000000001:connection/abc-123", [
        "GetConnectionToken",
        "GetConnection",
      ]),
      ["codeconnections:GetConnectionToken", "codeconnections:GetConnection"],
    );
    assert.deepEqual(
      connectionActions("arn:aws:codestar-connections:eu-west-1:100000000001:connection/abc", [
        "UseConnection",
      ]),
      ["codestar-connections:UseConnection"],
    );
  });

  it("refuses anything that is not a connection ARN", () => {
    assert.equal(isConnectionArn("arn:aws:codestar:eu-west-1:100000000001:project/x"), false);
    assert.throws(
      () => connectionActions("arn:aws:s3:::bucket", ["UseConnection"]),
      /arn:aws:s3:::bucket is not a CodeConnections connection ARN/,
    );
  });
});
