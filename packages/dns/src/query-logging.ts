/**
 * Resolver query logging (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs.html):
 * the queries of the shared-services VPC (those from on premises through the inbound endpoint and
 * those forwarded through the outbound endpoint included) go to an encrypted CloudWatch log group
 * of this account. The account-level subscription filter policy of the log archive ships every log
 * group of the account to the central archive, so this group reaches the central logs.
 *
 * Resolver delivers query logs as AWS vended logs, written by `delivery.logs.amazonaws.com`: "The
 * log group where the logs are being sent must have a resource policy that includes certain
 * permissions. If the log group currently does not have a resource policy, and the user setting
 * up the logging has the logs:PutResourcePolicy, logs:DescribeResourcePolicies, and
 * logs:DescribeLogGroups permissions for the log group, then AWS automatically creates" it
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-infrastructure-CWL.html).
 * The component writes that policy itself, scoped to its group, this account and its log
 * deliveries (the confused-deputy conditions of the same page), so the policy is in the plan and
 * in state rather than created aside by AWS.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup } from "@platform/core";
import type { QueryLoggingConfig } from "./schema";

export interface QueryLoggingArgs {
  readonly config: QueryLoggingConfig;
  /** The shared-services VPC (always logged). */
  readonly vpcId: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
  readonly namePrefix: string;
  readonly protect?: boolean;
}

/** The log group's name: one per Resolver query logging configuration. */
export const queryLogGroupName = (namePrefix: string) =>
  `/platform/${namePrefix}/route53-resolver/query-logs`;

/** The log group resource policy that lets vended-log delivery write into one group. */
export function queryLogDeliveryPolicy(accountId: string, region: string, logGroupName: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AWSLogDeliveryWrite",
        Effect: "Allow",
        Principal: { Service: "delivery.logs.amazonaws.com" },
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:aws:logs:${region}:${accountId}:log-group:${logGroupName}:log-stream:*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": `arn:aws:logs:${region}:${accountId}:*` },
        },
      },
    ],
  };
}

/**
 * The log group, its delivery policy, the query logging configuration and its association with
 * the shared-services VPC and each of `config.vpcIds`. Returns the configuration's id.
 */
export function resolverQueryLogging(
  name: string,
  args: QueryLoggingArgs,
  parent: pulumi.Resource,
): pulumi.Output<string> {
  const child = { parent };
  const logGroupName = queryLogGroupName(args.namePrefix);
  const logs = new EncryptedLogGroup(
    `${name}-query-logs`,
    {
      logGroupName,
      retentionInDays: args.config.retentionInDays,
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    child,
  );
  const policy = new aws.cloudwatch.LogResourcePolicy(
    `${name}-query-logs`,
    {
      policyName: `${args.namePrefix}-resolver-query-logs`,
      policyDocument: JSON.stringify(
        queryLogDeliveryPolicy(args.accountId, args.region, logGroupName),
      ),
    },
    child,
  );
  const config = new aws.route53.ResolverQueryLogConfig(
    `${name}-query-logs`,
    {
      name: `${args.namePrefix}-resolver-query-logs`,
      destinationArn: logs.logGroup.arn,
      tags: { Name: `${args.namePrefix}-resolver-query-logs` },
    },
    { parent, dependsOn: [policy] },
  );
  const vpcs: Array<[string, pulumi.Input<string>]> = [
    ["shared-services", args.vpcId],
    ...args.config.vpcIds.map((id): [string, string] => [id, id]),
  ];
  for (const [label, resourceId] of vpcs)
    new aws.route53.ResolverQueryLogConfigAssociation(
      `${name}-query-logs-${label}`,
      { resolverQueryLogConfigId: config.id, resourceId },
      child,
    );
  return config.id;
}
