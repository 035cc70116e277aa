/**
 * An Amazon OpenSearch Serverless collection reached only through a VPC endpoint: its encryption
 * policy (a customer key), network policy (the endpoint, never public) and data access policy (the
 * configured principals). A collection is created only if an encryption policy covers its name,
 * so the collection depends on that policy ("Encryption at rest for Amazon OpenSearch
 * Serverless", https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html).
 * Policy and endpoint names are unique per type, so each takes the collection's name.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import {
  collectionDataAccessPolicy,
  collectionEncryptionPolicy,
  collectionNetworkPolicy,
} from "./search-policies";
import { searchKey, searchSecurityGroup } from "./search-common";
import type { SearchServerlessConfig } from "./search-schema";

export interface SearchServerlessArgs {
  readonly config: SearchServerlessConfig;
  readonly accountId: string;
  readonly region: string;
}

/**
 * Children: `<name>-key`, `<name>-encryption`, `<name>` (security group, its `-https-<i>` rules,
 * the VPC endpoint, the collection), `<name>-network`, `<name>-data`.
 */
export function searchServerless(
  name: string,
  args: SearchServerlessArgs,
  opts: pulumi.CustomResourceOptions,
): aws.opensearch.ServerlessCollection {
  const { config, accountId, region } = args;
  const collectionName = config.collectionName;
  const key = searchKey(
    `${name}-key`,
    {
      description: `Encrypts OpenSearch Serverless collection ${collectionName}`,
      service: "aoss",
      accountId,
      region,
      protect: config.protect,
    },
    opts,
  );
  const encryption = new aws.opensearch.ServerlessSecurityPolicy(
    `${name}-encryption`,
    {
      name: collectionName,
      type: "encryption",
      description: `Customer key for ${collectionName}`,
      policy: key.arn.apply((arn) =>
        JSON.stringify(collectionEncryptionPolicy(collectionName, arn)),
      ),
    },
    opts,
  );
  const sg = searchSecurityGroup(
    name,
    {
      vpcId: config.vpcId,
      allowedCidrs: config.allowedCidrs,
      description: `HTTPS to OpenSearch Serverless collection ${collectionName}`,
      tagName: `${collectionName}-search`,
    },
    opts,
  );
  const endpoint = new aws.opensearch.ServerlessVpcEndpoint(
    name,
    {
      name: collectionName,
      vpcId: config.vpcId,
      subnetIds: [...config.subnetIds],
      securityGroupIds: [sg.id],
    },
    opts,
  );
  const network = new aws.opensearch.ServerlessSecurityPolicy(
    `${name}-network`,
    {
      name: collectionName,
      type: "network",
      description: `VPC endpoint access only to ${collectionName}`,
      policy: endpoint.id.apply((id) =>
        JSON.stringify(collectionNetworkPolicy(collectionName, id)),
      ),
    },
    opts,
  );
  new aws.opensearch.ServerlessAccessPolicy(
    `${name}-data`,
    {
      name: collectionName,
      type: "data",
      description: `Read and write ${collectionName}`,
      policy: JSON.stringify(collectionDataAccessPolicy(collectionName, config.principals)),
    },
    opts,
  );
  return new aws.opensearch.ServerlessCollection(
    name,
    {
      name: collectionName,
      type: config.type,
      description: "Log archive search",
      standbyReplicas: config.standbyReplicas ? "ENABLED" : "DISABLED",
    },
    { ...opts, protect: config.protect, dependsOn: [encryption, network] },
  );
}
