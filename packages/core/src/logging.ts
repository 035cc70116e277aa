import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { scopedRole, serviceTrustPolicy } from "./role";
import { accountAdministersKey } from "./statements";

export interface EncryptedLogGroupArgs {
  /** Log group name, e.g. /platform/dev/vpc/flow-logs. */
  readonly logGroupName: string;
  readonly retentionInDays: number;
  readonly accountId: string;
  readonly region: string;
  /** Protect the key and the group from deletion (prod). */
  readonly protect?: boolean;
}

/**
 * A CloudWatch log group with retention, encrypted by its own customer-managed KMS key (rotation
 * on) whose policy lets CloudWatch Logs use it only for this log group.
 */
export class EncryptedLogGroup extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: EncryptedLogGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:core:EncryptedLogGroup", name, {}, opts);
    const logGroupArn = `arn:aws:logs:${args.region}:${args.accountId}:log-group:${args.logGroupName}`;
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts log group ${args.logGroupName}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: JSON.stringify(logsKeyPolicy(args.accountId, args.region, logGroupArn)),
      },
      { parent: this, protect: args.protect },
    );
    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-logs`,
      { name: args.logGroupName, retentionInDays: args.retentionInDays, kmsKeyId: this.key.arn },
      { parent: this, protect: args.protect },
    );
    this.registerOutputs({ keyArn: this.key.arn, logGroupArn: this.logGroup.arn });
  }
}

/** Key policy: the account administers the key; CloudWatch Logs may use it for one log group. */
export function logsKeyPolicy(accountId: string, region: string, logGroupArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(accountId),
      {
        Sid: "CloudWatchLogsUsesKeyForOneGroup",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*",
        ],
        Resource: "*",
        Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": logGroupArn } },
      },
    ],
  };
}

/** A role that AWS delivery services (VPC flow logs) assume to write to one log group. */
export function logDeliveryRole(
  name: string,
  args: { service: string; accountId: string; region: string; logGroupArn: pulumi.Input<string> },
  opts: pulumi.CustomResourceOptions,
): aws.iam.Role {
  const role = scopedRole(
    name,
    {
      accountId: args.accountId,
      region: args.region,
      assumeRolePolicy: serviceTrustPolicy(args.service, {
        condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
      }),
    },
    opts,
  );
  new aws.iam.RolePolicy(
    `${name}-write`,
    {
      role: role.name,
      policy: pulumi.output(args.logGroupArn).apply((arn) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
              Resource: [arn, `${arn}:*`],
            },
          ],
        }),
      ),
    },
    opts,
  );
  return role;
}

/** What a flow log captures: a VPC, or a Transit Gateway or one of its attachments. */
export type FlowLogTarget =
  | { readonly vpcId: pulumi.Input<string> }
  | { readonly transitGatewayId: pulumi.Input<string> }
  | { readonly transitGatewayAttachmentId: pulumi.Input<string> };

/**
 * The target-specific inputs of a flow log: the target id, and the options EC2 CreateFlowLogs
 * accepts for that resource type. Transit gateway resource types take no traffic type (AWS
 * returns an error if one is given) and only a 60-second aggregation interval; VPCs require a
 * traffic type and accept 60 or 600 (we log all traffic every minute).
 * Source: "Create and manage AWS Transit Gateway Flow Logs using APIs or the CLI",
 * https://docs.aws.amazon.com/vpc/latest/tgw/flow-logs-api-cli.html, and the provider's
 * FlowLogArgs (trafficType "Required if eniId, regionalNatGatewayId, subnetId, or vpcId").
 */
export function flowLogTargetInputs(target: FlowLogTarget): {
  vpcId?: pulumi.Input<string>;
  transitGatewayId?: pulumi.Input<string>;
  transitGatewayAttachmentId?: pulumi.Input<string>;
  trafficType?: "ALL";
  maxAggregationInterval: 60;
} {
  if ("vpcId" in target) return { ...target, trafficType: "ALL", maxAggregationInterval: 60 };
  return { ...target, maxAggregationInterval: 60 };
}

export interface CloudWatchFlowLogArgs {
  /** What to log: a VPC, a Transit Gateway or a Transit Gateway attachment. */
  readonly target: FlowLogTarget;
  readonly logGroupName: string;
  readonly retentionInDays: number;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

/**
 * Flow logs (one-minute aggregation; all traffic where the resource type takes a traffic type) to
 * an encrypted log group, written through a delivery role scoped to that group. Children are named
 * `<name>-logs`, `<name>-key`, `<name>`.
 */
export function cloudWatchFlowLog(
  name: string,
  args: CloudWatchFlowLogArgs,
  opts: pulumi.CustomResourceOptions,
): aws.ec2.FlowLog {
  const group = new EncryptedLogGroup(
    name,
    {
      logGroupName: args.logGroupName,
      retentionInDays: args.retentionInDays,
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    opts,
  );
  // Transit Gateway flow logs to CloudWatch Logs use the same delivery service principal
  // (https://docs.aws.amazon.com/vpc/latest/tgw/flow-logs-cwl.html).
  const role = logDeliveryRole(
    name,
    {
      service: "vpc-flow-logs.amazonaws.com",
      accountId: args.accountId,
      region: args.region,
      logGroupArn: group.logGroup.arn,
    },
    opts,
  );
  return new aws.ec2.FlowLog(
    name,
    {
      ...flowLogTargetInputs(args.target),
      logDestinationType: "cloud-watch-logs",
      logDestination: group.logGroup.arn,
      iamRoleArn: role.arn,
    },
    opts,
  );
}
