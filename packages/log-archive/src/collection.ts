/**
 * Collection: the CloudWatch Logs destination every account's subscription filter policy points
 * at, the Firehose stream behind it, and their roles. Events flow
 * account log group -> (account-level subscription) -> destination -> Firehose -> archive bucket.
 * Source: CloudWatch Logs User Guide, "Cross-account account-level subscriptions using Firehose"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CrossAccountSubscriptions-Firehose-Account.html).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { scopedRole, serviceTrustPolicy } from "@platform/core";
import {
  destinationAccessPolicy,
  destinationRolePolicy,
  destinationTrustCondition,
  firehoseRolePolicy,
} from "./policies";
import type { CollectionConfig } from "./schema";
import { searchDelivery } from "./search-delivery";
import { firehoseRoleArn } from "./search-delivery-policies";
import type { SearchTarget } from "./search-delivery";

export interface CollectionArgs {
  readonly config: CollectionConfig;
  readonly bucketArn: pulumi.Input<string>;
  readonly keyArn: pulumi.Input<string>;
  readonly accountId: string;
  readonly region: string;
  /** With search on: the stream delivers there and backs every document up to the bucket. */
  readonly search?: { readonly target: SearchTarget; readonly namePrefix: string };
}

export interface Collection {
  readonly stream: aws.kinesis.FirehoseDeliveryStream;
  readonly destination: aws.cloudwatch.LogDestination;
}

/** The destination's ARN, known from config (accounts' subscriptions are configured with it). */
export function destinationArn(region: string, accountId: string, destinationName: string) {
  return `arn:aws:logs:${region}:${accountId}:destination:${destinationName}`;
}

/** Children: `<name>-firehose` (role, policy), `<name>` (stream, destination, its policy), `<name>-destination` (role, policy). */
export function collection(
  name: string,
  args: CollectionArgs,
  opts: pulumi.CustomResourceOptions,
): Collection {
  const { config, accountId, region } = args;
  const firehoseRole = scopedRole(
    `${name}-firehose`,
    {
      accountId,
      region,
      description: "Firehose writes subscribed log events to the log archive",
      assumeRolePolicy: serviceTrustPolicy("firehose.amazonaws.com", {
        condition: { StringEquals: { "aws:SourceAccount": accountId } },
      }),
    },
    opts,
  );
  const firehoseWrite = new aws.iam.RolePolicy(
    `${name}-firehose`,
    {
      role: firehoseRole.name,
      policy: pulumi
        .all([args.bucketArn, args.keyArn])
        .apply(([bucket, key]) => JSON.stringify(firehoseRolePolicy(bucket, key, region))),
    },
    opts,
  );
  const searched =
    args.search &&
    searchDelivery(
      `${name}-search`,
      {
        target: args.search.target,
        index: config.searchIndex,
        // Known from the name, as the domain's access policy names it (log-archive.ts).
        roleArn: firehoseRoleArn(region, accountId, name),
        roleName: firehoseRole.name,
        backup: {
          bucketArn: args.bucketArn,
          keyArn: args.keyArn,
          prefix: config.prefix,
          bufferingSizeMb: config.bufferingSizeMb,
          bufferingIntervalSeconds: config.bufferingIntervalSeconds,
        },
        namePrefix: args.search.namePrefix,
        accountId,
        region,
      },
      opts,
    );
  // CloudWatch Logs delivers subscribed events gzip-compressed; Firehose stores them as they come
  // (UNCOMPRESSED), so objects are gzip once, not twice. With search, the destination is
  // OpenSearch (search-delivery.ts); the provider replaces a stream whose `destination` changes,
  // so switching search on or off replaces the stream, which keeps its name: delete first.
  const stream = searched
    ? new aws.kinesis.FirehoseDeliveryStream(
        name,
        {
          name: config.destinationName,
          serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
          ...searched.streamArgs,
        },
        {
          ...opts,
          dependsOn: [firehoseWrite, ...searched.dependsOn],
          deleteBeforeReplace: true,
        },
      )
    : new aws.kinesis.FirehoseDeliveryStream(
        name,
        {
          name: config.destinationName,
          destination: "extended_s3",
          serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" },
          extendedS3Configuration: {
            bucketArn: args.bucketArn,
            roleArn: firehoseRole.arn,
            kmsKeyArn: args.keyArn,
            prefix: config.prefix,
            bufferingSize: config.bufferingSizeMb,
            bufferingInterval: config.bufferingIntervalSeconds,
            compressionFormat: "UNCOMPRESSED",
          },
        },
        { ...opts, dependsOn: [firehoseWrite] },
      );
  const subscribers = {
    sourceAccounts: config.sourceAccounts,
    organizationId: config.organizationId,
  };
  const destinationRole = scopedRole(
    `${name}-destination`,
    {
      accountId,
      region,
      description: "CloudWatch Logs puts subscribed events into the archive's Firehose stream",
      assumeRolePolicy: serviceTrustPolicy("logs.amazonaws.com", {
        condition: destinationTrustCondition(region, accountId, subscribers),
      }),
    },
    opts,
  );
  const destinationPut = new aws.iam.RolePolicy(
    `${name}-destination`,
    {
      role: destinationRole.name,
      policy: stream.arn.apply((arn) => JSON.stringify(destinationRolePolicy(arn))),
    },
    opts,
  );
  const destination = new aws.cloudwatch.LogDestination(
    name,
    { name: config.destinationName, roleArn: destinationRole.arn, targetArn: stream.arn },
    { ...opts, dependsOn: [destinationPut] },
  );
  new aws.cloudwatch.LogDestinationPolicy(
    name,
    {
      destinationName: destination.name,
      accessPolicy: JSON.stringify(
        destinationAccessPolicy(
          destinationArn(region, accountId, config.destinationName),
          subscribers,
        ),
      ),
    },
    opts,
  );
  return { stream, destination };
}
