/**
 * The forwarder's resources: the Lambda (src/forwarder/handler.ts, compiled), its log groups, a
 * dead-letter queue for events it could not forward after Lambda's retries, a role scoped to
 * exactly those, and the invocation wiring of each source bucket.
 */
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup, serviceRole } from "@platform/core";
import { forwarderRolePolicy } from "./policies";
import type { ForwarderConfig } from "./schema";

export interface ForwarderArgs {
  readonly config: ForwarderConfig;
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

/** SQS keeps a message at most 14 days (SQS API reference, MessageRetentionPeriod). */
export const DLQ_RETENTION_SECONDS = 1_209_600;

/**
 * The compiled handler's directory. The stack runs the compiled package (dist/), where this
 * module sits next to dist/forwarder/handler.js, which the archive ships with its sibling modules.
 */
export const FORWARDER_CODE_DIR = path.join(__dirname, "forwarder");

/** Children: `<name>` (function, role, policy), `<name>-logs` and `<name>-runtime` (groups), `<name>-dlq`, `<name>-<bucket>`. */
export function forwarder(
  name: string,
  args: ForwarderArgs,
  opts: pulumi.CustomResourceOptions,
): aws.lambda.Function {
  const { config, accountId, region } = args;
  const functionName = `${args.namePrefix}-log-forwarder`;
  const group = (suffix: string, logGroupName: string) =>
    new EncryptedLogGroup(
      `${name}-${suffix}`,
      {
        logGroupName,
        retentionInDays: config.retentionInDays,
        accountId,
        region,
        protect: args.protect,
      },
      opts,
    ).logGroup;
  const target = group("logs", config.logGroupName);
  const runtime = group("runtime", `/aws/lambda/${functionName}`);
  const dlq = new aws.sqs.Queue(
    `${name}-dlq`,
    {
      name: `${functionName}-dlq`,
      sqsManagedSseEnabled: true,
      messageRetentionSeconds: DLQ_RETENTION_SECONDS,
    },
    opts,
  );
  const { role, policy } = serviceRole(
    name,
    {
      service: "lambda.amazonaws.com",
      accountId,
      region,
      description:
        "The log forwarder reads source objects and writes their lines to CloudWatch Logs",
      policy: pulumi.all([target.arn, runtime.arn, dlq.arn]).apply(([t, r, q]) =>
        JSON.stringify(
          forwarderRolePolicy({
            targetGroupArn: t,
            runtimeGroupArn: r,
            queueArn: q,
            sourceBuckets: config.sourceBuckets.map((b) => b.bucketName),
          }),
        ),
      ),
    },
    opts,
  );
  const fn = new aws.lambda.Function(
    name,
    {
      name: functionName,
      runtime: "nodejs22.x",
      handler: "handler.handler",
      code: new pulumi.asset.AssetArchive({
        ".": new pulumi.asset.FileArchive(FORWARDER_CODE_DIR),
      }),
      role: role.arn,
      timeout: 300,
      memorySize: 512,
      deadLetterConfig: { targetArn: dlq.arn },
      loggingConfig: { logFormat: "Text", logGroup: runtime.name },
      environment: {
        variables: {
          LOG_GROUP_NAME: config.logGroupName,
          SOURCE_FORMATS: JSON.stringify(
            Object.fromEntries(config.sourceBuckets.map((b) => [b.bucketName, b.format])),
          ),
        },
      },
    },
    { ...opts, dependsOn: [policy] },
  );
  for (const b of config.sourceBuckets) {
    const permission = new aws.lambda.Permission(
      `${name}-${b.bucketName}`,
      {
        action: "lambda:InvokeFunction",
        function: fn.name,
        principal: "s3.amazonaws.com",
        sourceArn: `arn:aws:s3:::${b.bucketName}`,
        sourceAccount: accountId,
      },
      opts,
    );
    // A bucket has one notification configuration: the forwarder owns its source buckets'.
    new aws.s3.BucketNotification(
      `${name}-${b.bucketName}`,
      {
        bucket: b.bucketName,
        lambdaFunctions: [{ lambdaFunctionArn: fn.arn, events: ["s3:ObjectCreated:*"] }],
      },
      { ...opts, dependsOn: [permission] },
    );
  }
  return fn;
}
