/**
 * The Pod Identity roles of the stack, each with only what its pod does:
 * - Loki and Tempo read and write their own bucket with its key;
 * - Grafana reads CloudWatch metrics and alarms (the CloudWatch datasource; Grafana docs, IAM
 *   policies for the CloudWatch data source:
 *   https://grafana.com/docs/grafana/latest/datasources/aws-cloudwatch/#configure-aws-authentication);
 * - Alertmanager publishes to the receivers' topics, encrypted with their keys.
 * Roles are `scopedRole`s (stack-* names, permissions boundary) trusted by pods.eks.amazonaws.com.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityRole } from "@platform/eks";
import type { EncryptedBucketSet } from "@platform/core";
import type { ObservabilityArgs } from "./observability";

type Statement = { Effect: "Allow"; Action: string | string[]; Resource: string | string[] };

/** Object read/write on one bucket and use of its key. */
export function bucketStatements(bucketArn: string, keyArn: string): Statement[] {
  return [
    {
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
      Resource: `${bucketArn}/*`,
    },
    { Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
    {
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: keyArn,
    },
  ];
}

/**
 * Read-only CloudWatch for Grafana: metrics (GetMetricData, GetMetricStatistics, ListMetrics and
 * DescribeAlarmsForMetric have no resource types, so "*"), the account's alarms (scoped to its
 * alarm ARNs), and the EC2 descriptions it lists dimension values with (no resource types).
 * Service Authorization Reference, Amazon CloudWatch:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html
 * These are the metric and alarm reads of AWS's policy for a Grafana CloudWatch datasource (AWS
 * managed policy AmazonGrafanaCloudWatchAccess,
 * https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonGrafanaCloudWatchAccess.html);
 * left out on purpose: CloudWatch Logs (StartQuery, GetLogEvents read log data), GetInsightRuleReport,
 * tag:GetResources and oam:* (the dashboards use SEARCH expressions, not tag filters or links).
 */
export function cloudwatchRead(account: { accountId: string; region: string }): Statement[] {
  return [
    {
      Effect: "Allow",
      Action: [
        "cloudwatch:GetMetricData",
        "cloudwatch:GetMetricStatistics",
        "cloudwatch:ListMetrics",
        "cloudwatch:DescribeAlarmsForMetric",
        "ec2:DescribeRegions",
        "ec2:DescribeInstances",
        "ec2:DescribeTags",
      ],
      Resource: "*",
    },
    {
      Effect: "Allow",
      Action: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"],
      Resource: `arn:aws:cloudwatch:${account.region}:${account.accountId}:alarm:*`,
    },
  ];
}

/** Publish to the topics, with their keys (SNS encrypts with the publisher's key access). */
export function publishStatements(topicArns: string[], keyArns: string[]): Statement[] {
  return [
    { Effect: "Allow", Action: "sns:Publish", Resource: topicArns },
    { Effect: "Allow", Action: ["kms:GenerateDataKey", "kms:Decrypt"], Resource: keyArns },
  ];
}

/**
 * A Pod Identity role `<name>-<id>` with its inline policy, associated with the service account
 * in the namespace. Returns the association (what the release waits for).
 */
export function podRole(
  parent: pulumi.Resource,
  name: string,
  id: string,
  args: ObservabilityArgs,
  namespace: string,
  serviceAccount: string,
  statements: pulumi.Input<Statement[]>,
): aws.eks.PodIdentityAssociation {
  const child = { parent };
  const role = podIdentityRole(`${name}-${id}`, args, child);
  new aws.iam.RolePolicy(
    `${name}-${id}`,
    {
      role: role.name,
      policy: pulumi
        .output(statements)
        .apply((s) => JSON.stringify({ Version: "2012-10-17", Statement: s })),
    },
    child,
  );
  return new aws.eks.PodIdentityAssociation(
    `${name}-${id}`,
    { clusterName: args.clusterName, namespace, serviceAccount, roleArn: role.arn },
    child,
  );
}

/** The bucket statements of a store as an input. */
export function storeStatements(set: EncryptedBucketSet): pulumi.Output<Statement[]> {
  return pulumi
    .all([set.bucket.bucket.arn, set.key.arn])
    .apply(([bucket, key]) => bucketStatements(bucket, key));
}
