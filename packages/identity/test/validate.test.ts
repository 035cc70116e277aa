import * as assert from "node:assert/strict";
import { identityProblems, stateBucketProblems } from "../src";
import { identity } from "./fixture";

const messages = (problems: ReturnType<typeof identityProblems>) =>
  problems.map((p) => `${p.path.join(".")}: ${p.message}`);
const bucket = (stateBucket: string) => messages(stateBucketProblems({ ...identity, stateBucket }));

describe("identityProblems", () => {
  it("accepts the example organisation", () => {
    assert.deepEqual(identityProblems(identity), []);
  });

  it("rejects reserved names, a preview environment that deploys, and no deployments", () => {
    assert.deepEqual(
      messages(
        identityProblems({
          ...identity,
          deployments: { drift: { accountId: "200000000002", networkSpoke: false } },
          previewEnvironment: "drift",
        }),
      ),
      [
        "deployments.drift: is reserved for the drift CI role; name the GitHub environment differently",
        "previewEnvironment: is a deployment environment; previews need an environment of their own",
      ],
    );
    assert.deepEqual(
      identityProblems({ ...identity, deployments: {} }).map((p) => p.path.join(".")),
      ["deployments"],
    );
  });
});

describe("stateBucketProblems", () => {
  it("accepts a state bucket whose access-log bucket still fits S3's 63 characters", () => {
    assert.deepEqual(bucket("a".repeat(58)), []);
  });

  it("rejects a state bucket whose access-log bucket S3 would refuse as too long", () => {
    assert.deepEqual(bucket("a".repeat(60)), [
      `stateBucket: makes the access-log bucket ${"a".repeat(60)}-logs 65 characters long; S3 allows 63: use at most 58 characters`,
    ]);
  });

  it("rejects names S3 refuses that the schema's pattern admits", () => {
    assert.deepEqual(bucket("org..state"), [
      "stateBucket: has two adjacent periods, which S3 rejects; remove one",
    ]);
    assert.deepEqual(bucket("192.168.5.4"), [
      "stateBucket: is formatted as an IP address, which S3 rejects; use a name",
    ]);
    assert.deepEqual(bucket("xn--state"), [
      "stateBucket: starts with xn--, a prefix S3 reserves; choose another name",
    ]);
    assert.deepEqual(bucket("org-state-s3alias"), [
      "stateBucket: ends with -s3alias, a suffix S3 reserves; choose another name",
    ]);
  });
});
