import * as assert from "node:assert/strict";
import { effectiveRoleArn } from "../src";

describe("effectiveRoleArn", () => {
  const arn = "arn:aws:iam::200000000002:role/platform-deployer";

  it("uses the configured role by default", () => assert.equal(effectiveRoleArn(arn, {}), arn));

  it("swaps the role name, keeping the account, when PLATFORM_ASSUME_ROLE_NAME is set", () => {
    assert.equal(
      effectiveRoleArn(arn, { PLATFORM_ASSUME_ROLE_NAME: "platform-previewer" }),
      "arn:aws:iam::200000000002:role/platform-previewer",
    );
  });

  it("rejects a value that is not a role name", () => {
    assert.throws(
      () => effectiveRoleArn(arn, { PLATFORM_ASSUME_ROLE_NAME: "a/b" }),
      /PLATFORM_ASSUME_ROLE_NAME="a\/b" is not an IAM role name/,
    );
  });
});
