/**
 * Checks of the identity block that its schema cannot express, as `Problem`s whose paths are under
 * the block (the bootstrap stack's schema reports them under `identity`).
 */
import type { Problem } from "@platform/core";
import { logBucketName } from "./model";
import type { IdentityConfig } from "./schema";

/** GitHub environment names the CI roles' own names take (`platform-ci-preview`, `-drift`). */
const RESERVED_DEPLOYMENTS = ["preview", "drift"];

/** Deployments and the preview environment: names that would collide, and at least one deployment. */
export function deploymentProblems(identity: IdentityConfig): Problem[] {
  const problems: Problem[] = [];
  for (const name of Object.keys(identity.deployments)) {
    if (RESERVED_DEPLOYMENTS.includes(name)) {
      problems.push({
        path: ["deployments", name],
        value: name,
        message: `is reserved for the ${name} CI role; name the GitHub environment differently`,
      });
    }
  }
  if (identity.deployments[identity.previewEnvironment ?? ""]) {
    problems.push({
      path: ["previewEnvironment"],
      value: identity.previewEnvironment,
      message: "is a deployment environment; previews need an environment of their own",
    });
  }
  if (Object.keys(identity.deployments).length === 0) {
    problems.push({
      path: ["deployments"],
      value: identity.deployments,
      message:
        "expected at least one GitHub environment that deploys, e.g. network: { accountId: ... }",
    });
  }
  return problems;
}

/** Longest S3 bucket name. */
const MAX_BUCKET_NAME = 63;

/**
 * S3 bucket naming rules the schema's pattern does not cover, for the state bucket and its
 * access-log bucket (`<stateBucket>-logs`); S3 rejects CreateBucket for each. Source: Amazon S3
 * User Guide, "General purpose bucket naming rules"
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
 */
export function stateBucketProblems(identity: IdentityConfig): Problem[] {
  const name = identity.stateBucket;
  const problem = (message: string): Problem => ({ path: ["stateBucket"], value: name, message });
  const problems: Problem[] = [];
  const logs = logBucketName(identity);
  if (logs.length > MAX_BUCKET_NAME) {
    problems.push(
      problem(
        `makes the access-log bucket ${logs} ${logs.length} characters long; S3 allows ${MAX_BUCKET_NAME}: use at most ${MAX_BUCKET_NAME - (logs.length - name.length)} characters`,
      ),
    );
  }
  if (name.includes("..")) {
    problems.push(problem("has two adjacent periods, which S3 rejects; remove one"));
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    problems.push(problem("is formatted as an IP address, which S3 rejects; use a name"));
  }
  const prefix = ["xn--", "sthree-", "amzn-s3-demo-"].find((p) => name.startsWith(p));
  if (prefix) {
    problems.push(problem(`starts with ${prefix}, a prefix S3 reserves; choose another name`));
  }
  const suffix = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].find((s) =>
    name.endsWith(s),
  );
  if (suffix) {
    problems.push(problem(`ends with ${suffix}, a suffix S3 reserves; choose another name`));
  }
  return problems;
}

/** Every problem of the identity block. */
export function identityProblems(identity: IdentityConfig): Problem[] {
  return [...deploymentProblems(identity), ...stateBucketProblems(identity)];
}
