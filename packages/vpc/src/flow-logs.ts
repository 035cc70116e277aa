/**
 * The VPC's flow logs: to an S3 bucket, or to a CloudWatch log group (with retention and a KMS key
 * per VPC, `cloudWatchFlowLog` in @platform/core).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { cloudWatchFlowLog, flowLogTargetInputs } from "@platform/core";
import type { VpcConfig } from "./schema";

export interface FlowLogsContext {
  readonly flowLogs: VpcConfig["flowLogs"];
  /** Used in the log group's name: /platform/<namePrefix>/vpc/<name>/flow-logs. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

export function vpcFlowLogs(
  parent: pulumi.Resource,
  name: string,
  vpc: aws.ec2.Vpc,
  args: FlowLogsContext,
): void {
  if (args.flowLogs.destination === "s3") {
    new aws.ec2.FlowLog(
      `${name}-flow-logs`,
      {
        ...flowLogTargetInputs({ vpcId: vpc.id }),
        logDestinationType: "s3",
        logDestination: args.flowLogs.bucketArn,
      },
      { parent },
    );
    return;
  }
  cloudWatchFlowLog(
    `${name}-flow-logs`,
    {
      target: { vpcId: vpc.id },
      logGroupName: `/platform/${args.namePrefix}/vpc/${name}/flow-logs`,
      retentionInDays: args.flowLogs.retentionInDays,
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    { parent },
  );
}
