/**
 * The log archive of the security account: storage, collection, audit, alerting and (optionally)
 * the forwarder and search, each its own module; this component only composes them.
 */
import * as pulumi from "@pulumi/pulumi";
import type * as aws from "@pulumi/aws";
import { alerting } from "./alerting";
import { audit } from "./audit";
import { collection, destinationArn } from "./collection";
import { forwarder } from "./forwarding";
import { trailArn } from "./policies";
import type { LogArchiveConfig } from "./schema";
import type { SearchTarget } from "./search-delivery";
import { firehoseRoleArn } from "./search-delivery-policies";
import { searchDomain } from "./search-domain";
import { searchServerless } from "./search-serverless";
import { archiveStorage } from "./storage";

export interface LogArchiveArgs {
  /** The validated config (logArchiveSchema). */
  readonly config: LogArchiveConfig;
  /** Prefix of names that must be unique in the account (functions, metrics), e.g. log-archive. */
  readonly namePrefix: string;
  /** The archive account and Region. */
  readonly accountId: string;
  readonly region: string;
}

export class LogArchive extends pulumi.ComponentResource {
  readonly key: aws.kms.Key;
  readonly bucket: aws.s3.Bucket;
  readonly stream: aws.kinesis.FirehoseDeliveryStream;
  readonly destination: aws.cloudwatch.LogDestination;
  /** What every account's subscription points at (known from config). */
  readonly destinationArn: string;
  readonly trail: aws.cloudtrail.Trail;
  readonly trailLogGroup: aws.cloudwatch.LogGroup;
  readonly alarmTopic: aws.sns.Topic;
  readonly forwarder?: aws.lambda.Function;
  /** With `search.kind: domain`. */
  readonly searchDomain?: aws.opensearch.Domain;
  /** With `search.kind: serverless`. */
  readonly searchCollection?: aws.opensearch.ServerlessCollection;

  constructor(name: string, args: LogArchiveArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:logging:LogArchive", name, {}, opts);
    const { config, accountId, region } = args;
    const child = { parent: this };
    const protect = config.storage.protect;
    const delivery = {
      accountId,
      region,
      trailArn: trailArn(region, accountId, config.audit.trailName),
      organizationId: config.collection.organizationId,
      sourceAccounts: config.collection.sourceAccounts,
    };
    const storage = archiveStorage(`${name}-archive`, { config: config.storage, delivery }, child);
    this.key = storage.key;
    this.bucket = storage.bucket;
    // Search first: the stream delivers into it. The domain's access policy admits the Firehose
    // role (collection.ts) by its ARN, known before the role exists.
    const firehose = firehoseRoleArn(region, accountId, `${name}-collection`);
    const search = config.search;
    let target: SearchTarget | undefined;
    if (search.kind === "domain") {
      this.searchDomain = searchDomain(
        `${name}-search`,
        {
          config: { ...search, accessRoleArns: [...search.accessRoleArns, firehose] },
          accountId,
          region,
        },
        child,
      );
      target = { kind: "domain", config: search, domain: this.searchDomain };
    } else if (search.kind === "serverless") {
      this.searchCollection = searchServerless(
        `${name}-search`,
        { config: search, accountId, region },
        child,
      );
      target = { kind: "serverless", config: search, collection: this.searchCollection };
    }
    const collected = collection(
      `${name}-collection`,
      {
        config: config.collection,
        bucketArn: storage.bucket.arn,
        keyArn: storage.key.arn,
        accountId,
        region,
        search: target && { target, namePrefix: args.namePrefix },
      },
      child,
    );
    this.stream = collected.stream;
    this.destination = collected.destination;
    this.destinationArn = destinationArn(region, accountId, config.collection.destinationName);
    const trail = audit(
      `${name}-trail`,
      {
        config: config.audit,
        trailArn: delivery.trailArn,
        bucketName: storage.bucket.bucket,
        keyArn: storage.key.arn,
        bucketPolicy: storage.policy,
        accountId,
        region,
        protect,
      },
      child,
    );
    this.trail = trail.trail;
    this.trailLogGroup = trail.logGroup;
    this.alarmTopic = alerting(
      `${name}-alarms`,
      {
        config: config.alerting,
        logGroupName: trail.logGroup.name,
        namePrefix: args.namePrefix,
        accountId,
        region,
        protect,
      },
      child,
    );
    if (config.forwarder)
      this.forwarder = forwarder(
        `${name}-forwarder`,
        { config: config.forwarder, namePrefix: args.namePrefix, accountId, region, protect },
        child,
      );
    this.registerOutputs({
      bucketName: this.bucket.bucket,
      destinationArn: this.destinationArn,
      trailArn: this.trail.arn,
      alarmTopicArn: this.alarmTopic.arn,
    });
  }
}
