/**
 * The delivery component's service roles: each is a `scopedRole` trusted by one service on behalf
 * of the account only, with one inline least-privilege policy of the same name.
 */
import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { serviceRole as coreServiceRole } from "@platform/core";
import type { DeliveryScope } from "./args";

/** An IAM policy document (JSON text) of the given statements. */
export function policyDocument(statements: readonly unknown[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/** Read, write and version reads of the objects in a bucket (artifacts). */
export function objectStatement(bucketArn: string) {
  return {
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"],
    Resource: `${bucketArn}/*`,
  };
}

/** Use of the pipeline's KMS key for artifacts, logs and images. */
export function keyStatement(keyArn: string) {
  return {
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt"],
    Resource: keyArn,
  };
}

/**
 * `${name}-<suffix>`: a role the service (e.g. `codebuild.amazonaws.com`) may assume for this
 * account only (`aws:SourceAccount`, the confused-deputy guard), and its inline policy.
 */
export function serviceRole(
  scope: DeliveryScope,
  suffix: string,
  service: string,
  policy: pulumi.Input<string>,
): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
  const { args, child } = scope;
  return coreServiceRole(
    `${scope.name}-${suffix}`,
    { service, policy, accountId: args.accountId, region: args.region },
    child,
  );
}
