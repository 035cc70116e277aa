/**
 * Delivery into search: with `search` a domain or a serverless collection, the collection's
 * Firehose stream (collection.ts) delivers into it instead of S3, and backs up every document
 * (`AllDocuments`) into the archive bucket under the same prefix, with the archive key. CloudWatch
 * Logs' records carry several events each, which OpenSearch cannot take as one document, so a
 * small transformation function (src/search-transform/) turns each into one JSON document first
 * ("Writing to Amazon Data Firehose using CloudWatch Logs",
 * https://docs.aws.amazon.com/firehose/latest/dev/writing-with-cloudwatch-logs.html). Firehose
 * reaches the domain or the collection's VPC endpoint from network interfaces it places in the
 * search subnets, under its own security group.
 */
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup, serviceRole } from "@platform/core";
import { logWritePolicy } from "./policies";
import { domainArn } from "./search-policies";
import type { SearchIndexConfig } from "./schema";
import {
  firehoseCollectionDataAccessPolicy,
  firehoseCollectionStatements,
  firehoseDataPolicyName,
  firehoseDomainStatements,
  firehoseSearchPolicy,
  firehoseTransformStatements,
  firehoseVpcStatements,
} from "./search-delivery-policies";
import type { SearchDomainConfig, SearchServerlessConfig } from "./search-schema";

/** The compiled transformation function's directory (dist/search-transform/ next to this module). */
export const SEARCH_TRANSFORM_CODE_DIR = path.join(__dirname, "search-transform");

/**
 * Firehose hands the function at most this much per call (Lambda processor BufferSizeInMBs,
 * 0.2-3): the decompressed documents it returns must stay under Lambda's 6 MB response.
 */
export const TRANSFORM_BUFFER_MB = "0.5";
/** The guardrails' minimum retention (log-group-retention-kms). */
export const TRANSFORM_LOG_RETENTION_DAYS = 365;

/** What the stream delivers into: the domain (search-domain.ts) or the collection (search-serverless.ts). */
export type SearchTarget =
  | {
      readonly kind: "domain";
      readonly config: SearchDomainConfig;
      readonly domain: aws.opensearch.Domain;
    }
  | {
      readonly kind: "serverless";
      readonly config: SearchServerlessConfig;
      readonly collection: aws.opensearch.ServerlessCollection;
    };

export interface SearchDeliveryArgs {
  readonly target: SearchTarget;
  readonly index: SearchIndexConfig;
  /** The Firehose role (collection.ts), its ARN as known from its name, and its name. */
  readonly roleArn: string;
  readonly roleName: pulumi.Input<string>;
  /** The archive backup: bucket, key, prefix and buffering as the S3 stream had them. */
  readonly backup: {
    readonly bucketArn: pulumi.Input<string>;
    readonly keyArn: pulumi.Input<string>;
    readonly prefix: string;
    readonly bufferingSizeMb: number;
    readonly bufferingIntervalSeconds: number;
  };
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
}

/** The stream's destination inputs, and what must exist before the stream. */
export interface SearchDelivery {
  readonly streamArgs: Pick<
    aws.kinesis.FirehoseDeliveryStreamArgs,
    "destination" | "opensearchConfiguration" | "opensearchserverlessConfiguration"
  >;
  readonly dependsOn: pulumi.Resource[];
}

/**
 * Children: `<name>-transform` (function, role, policy, log group `-transform-logs`),
 * `<name>-firehose` (security group, its `-egress` rule, the search group's `-ingress` rule for
 * a domain, the serverless data access policy), `<name>-firehose-search` (the role's policy).
 */
export function searchDelivery(
  name: string,
  args: SearchDeliveryArgs,
  opts: pulumi.CustomResourceOptions,
): SearchDelivery {
  const { target, index, accountId, region, backup } = args;
  const transform = transformFunction(`${name}-transform`, args, opts);
  const sg = new aws.ec2.SecurityGroup(
    `${name}-firehose`,
    {
      vpcId: target.config.vpcId,
      description: "Firehose network interfaces delivering logs to search",
      tags: { Name: `${args.namePrefix}-firehose-search` },
    },
    opts,
  );
  const dependsOn: pulumi.Resource[] = [];
  const statements: pulumi.Output<unknown[]>[] = [];
  const arn =
    target.kind === "domain" ? domainArn(region, accountId, target.config.domainName) : "";
  if (target.kind === "domain") {
    // The domain's group (search-domain.ts) admits the Firehose group on 443, and Firehose's
    // group lets only that out (Firehose API, VpcConfiguration.SecurityGroupIds).
    const domainSg = target.domain.vpcOptions.apply((v) => v?.securityGroupIds?.[0] ?? "");
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-firehose-egress`,
      {
        securityGroupId: sg.id,
        description: "HTTPS to the search domain",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        referencedSecurityGroupId: domainSg,
      },
      opts,
    );
    dependsOn.push(
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-firehose-ingress`,
        {
          securityGroupId: domainSg,
          description: "HTTPS from Firehose",
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          referencedSecurityGroupId: sg.id,
        },
        opts,
      ),
    );
    dependsOn.push(target.domain);
    statements.push(pulumi.output(firehoseDomainStatements(arn, index.indexName)));
  } else {
    // The collection's VPC endpoint admits `allowedCidrs` (search-common.ts): Firehose's
    // interfaces sit in the endpoint's subnets, whose ranges those CIDRs must cover (README).
    target.config.allowedCidrs.forEach((cidr, i) => {
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-firehose-egress-${i}`,
        {
          securityGroupId: sg.id,
          description: `HTTPS to the collection's VPC endpoint in ${cidr}`,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrIpv4: cidr,
        },
        opts,
      );
    });
    dependsOn.push(
      new aws.opensearch.ServerlessAccessPolicy(
        `${name}-firehose`,
        {
          name: firehoseDataPolicyName(target.config.collectionName),
          type: "data",
          description: `Firehose writes ${index.indexName}*`,
          policy: JSON.stringify(
            firehoseCollectionDataAccessPolicy(
              target.config.collectionName,
              index.indexName,
              args.roleArn,
            ),
          ),
        },
        opts,
      ),
    );
    statements.push(target.collection.arn.apply((arn) => firehoseCollectionStatements(arn)));
  }
  const subnetIds = [...target.config.subnetIds];
  statements.push(pulumi.output(firehoseVpcStatements({ accountId, region, subnetIds })));
  statements.push(transform.arn.apply((arn) => firehoseTransformStatements(arn)));
  dependsOn.push(
    new aws.iam.RolePolicy(
      `${name}-firehose-search`,
      {
        role: args.roleName,
        policy: pulumi
          .all(statements)
          .apply((parts) => JSON.stringify(firehoseSearchPolicy(parts.flat()))),
      },
      opts,
    ),
  );
  const common = {
    roleArn: args.roleArn,
    indexName: index.indexName,
    bufferingSize: index.bufferingSizeMb,
    bufferingInterval: index.bufferingIntervalSeconds,
    retryDuration: index.retrySeconds,
    // Every document, delivered or not, also goes to the archive (Firehose marks the ones it could
    // not deliver or transform with their own key prefixes in the same bucket).
    s3BackupMode: "AllDocuments",
    s3Configuration: {
      bucketArn: backup.bucketArn,
      roleArn: args.roleArn,
      kmsKeyArn: backup.keyArn,
      prefix: backup.prefix,
      bufferingSize: backup.bufferingSizeMb,
      bufferingInterval: backup.bufferingIntervalSeconds,
      // The documents are decompressed by the transformation: gzip them again for the archive.
      compressionFormat: "GZIP",
    },
    vpcConfig: { subnetIds, securityGroupIds: [sg.id], roleArn: args.roleArn },
    processingConfiguration: {
      enabled: true,
      processors: [
        {
          type: "Lambda",
          parameters: [
            { parameterName: "LambdaArn", parameterValue: transform.arn },
            { parameterName: "BufferSizeInMBs", parameterValue: TRANSFORM_BUFFER_MB },
          ],
        },
      ],
    },
  };
  const streamArgs: SearchDelivery["streamArgs"] =
    target.kind === "domain"
      ? {
          destination: "opensearch",
          opensearchConfiguration: {
            ...common,
            domainArn: arn,
            indexRotationPeriod: index.rotation,
          },
        }
      : {
          destination: "opensearchserverless",
          opensearchserverlessConfiguration: {
            ...common,
            collectionEndpoint: target.collection.collectionEndpoint,
          },
        };
  return { streamArgs, dependsOn };
}

/** The transformation function, its role (its own log group only) and log group. */
function transformFunction(
  name: string,
  args: SearchDeliveryArgs,
  opts: pulumi.CustomResourceOptions,
): aws.lambda.Function {
  const { accountId, region } = args;
  const functionName = `${args.namePrefix}-search-transform`;
  const runtime = new EncryptedLogGroup(
    `${name}-logs`,
    {
      logGroupName: `/aws/lambda/${functionName}`,
      retentionInDays: TRANSFORM_LOG_RETENTION_DAYS,
      accountId,
      region,
      protect: args.target.config.protect,
    },
    opts,
  ).logGroup;
  const { role, policy } = serviceRole(
    name,
    {
      service: "lambda.amazonaws.com",
      accountId,
      region,
      description: "Turns CloudWatch Logs records into search documents for Firehose",
      policy: runtime.arn.apply((arn) => JSON.stringify(logWritePolicy(arn))),
    },
    opts,
  );
  return new aws.lambda.Function(
    name,
    {
      name: functionName,
      runtime: "nodejs22.x",
      handler: "handler.handler",
      code: new pulumi.asset.AssetArchive({
        ".": new pulumi.asset.FileArchive(SEARCH_TRANSFORM_CODE_DIR),
      }),
      role: role.arn,
      // Firehose waits at most 5 minutes for a transformation call.
      timeout: 60,
      memorySize: 256,
      loggingConfig: { logFormat: "Text", logGroup: runtime.name },
    },
    { ...opts, dependsOn: [policy] },
  );
}
