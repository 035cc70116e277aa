/**
 * Audit: the CloudTrail trail (multi-Region, global service events, log file validation,
 * encrypted with the archive key) delivering to the archive bucket and to an encrypted log group
 * that the security alarms read. An organisation trail is created by the management account or
 * CloudTrail's delegated administrator (the archive account); it then logs every member account.
 * Source: CloudTrail User Guide, "Creating a trail for an organization"
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup, scopedRole, serviceTrustPolicy } from "@platform/core";
import { logWritePolicy } from "./policies";
import type { AuditConfig } from "./schema";

export interface AuditArgs {
  readonly config: AuditConfig;
  readonly trailArn: string;
  readonly bucketName: pulumi.Input<string>;
  readonly keyArn: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
  /** The bucket policy CloudTrail checks when the trail is created. */
  readonly bucketPolicy: pulumi.Resource;
  readonly protect?: boolean;
}

/** Children: `<name>` (trail, role, policy) and `<name>-logs` (the encrypted group). */
export function audit(
  name: string,
  args: AuditArgs,
  opts: pulumi.CustomResourceOptions,
): { trail: aws.cloudtrail.Trail; logGroup: aws.cloudwatch.LogGroup } {
  const { config, accountId, region } = args;
  const logGroup = new EncryptedLogGroup(
    `${name}-logs`,
    {
      logGroupName: `/platform/log-archive/cloudtrail/${config.trailName}`,
      retentionInDays: config.retentionInDays,
      accountId,
      region,
      protect: args.protect,
    },
    opts,
  ).logGroup;
  const role = scopedRole(
    name,
    {
      accountId,
      region,
      description: "CloudTrail writes the trail's events to its log group",
      assumeRolePolicy: serviceTrustPolicy("cloudtrail.amazonaws.com", {
        condition: { StringEquals: { "aws:SourceArn": args.trailArn } },
      }),
    },
    opts,
  );
  const policy = new aws.iam.RolePolicy(
    name,
    { role: role.name, policy: logGroup.arn.apply((arn) => JSON.stringify(logWritePolicy(arn))) },
    opts,
  );
  const trail = new aws.cloudtrail.Trail(
    name,
    {
      name: config.trailName,
      s3BucketName: args.bucketName,
      kmsKeyId: args.keyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      isOrganizationTrail: config.scope === "organization",
      // CloudTrail takes the group's ARN with the `:*` stream wildcard.
      cloudWatchLogsGroupArn: logGroup.arn.apply((arn) => `${arn}:*`),
      cloudWatchLogsRoleArn: role.arn,
    },
    { ...opts, protect: args.protect, dependsOn: [args.bucketPolicy, policy] },
  );
  return { trail, logGroup };
}
