/**
 * What Firehose needs to deliver into search, pure: its role's permissions on the domain or the
 * collection, on the VPC it reaches them in, and on the transformation function, and the
 * serverless data access policy that admits the role. Sources: Amazon Data Firehose Developer
 * Guide, "Controlling access with Amazon Data Firehose": "Grant Firehose access to a public
 * OpenSearch Service destination", "... to an OpenSearch Service destination in a VPC", "... to an
 * OpenSearch Serverless destination", "Grant Firehose access to AWS Lambda for data
 * transformation" (https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html); the
 * VPC permissions as the Firehose API lists them for VpcConfiguration.RoleARN
 * (https://docs.aws.amazon.com/firehose/latest/APIReference/API_VpcConfiguration.html).
 */
import { partitionOf, workloadIamName } from "@platform/core";

/** The ARN of a role `scopedRole(logicalName)` creates, known before it exists. */
export function scopedRoleArn(region: string, accountId: string, logicalName: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${workloadIamName(logicalName)}`;
}

/** The collection's Firehose role (collection.ts, `<collection>-firehose`). */
export function firehoseRoleArn(region: string, accountId: string, collectionName: string) {
  return scopedRoleArn(region, accountId, `${collectionName}-firehose`);
}

/**
 * Firehose describes the domain and indexes into it (bulk POST, PUT of the rotated index), and
 * reads the cluster and index state it checks before delivering; nothing else on the domain.
 */
export function firehoseDomainStatements(domainArn: string, indexName: string) {
  return [
    {
      Sid: "DescribeAndIndex",
      Effect: "Allow",
      Action: [
        "es:DescribeDomain",
        "es:DescribeDomains",
        "es:DescribeDomainConfig",
        "es:ESHttpPost",
        "es:ESHttpPut",
      ],
      Resource: [domainArn, `${domainArn}/*`],
    },
    {
      Sid: "ReadClusterState",
      Effect: "Allow",
      Action: "es:ESHttpGet",
      Resource: [
        "_all/_settings",
        "_cluster/stats",
        `${indexName}*/_mapping/*`,
        "_nodes",
        "_nodes/stats",
        "_nodes/*/stats",
        "_stats",
        `${indexName}*/_stats`,
      ].map((p) => `${domainArn}/${p}`),
    },
  ];
}

/** Firehose calls the collection's data plane (its data access policy then decides what on). */
export function firehoseCollectionStatements(collectionArn: string) {
  return [
    { Sid: "CollectionApi", Effect: "Allow", Action: "aoss:APIAccessAll", Resource: collectionArn },
  ];
}

export interface FirehoseVpcScope {
  readonly accountId: string;
  readonly region: string;
  /** The subnets Firehose places its network interfaces in. */
  readonly subnetIds: readonly string[];
}

/**
 * Firehose places, describes and removes its network interfaces in the destination's VPC. The
 * Describe calls have no resource types (Resource "*"); creation is limited to the configured
 * subnets and this account's interfaces and security groups.
 */
export function firehoseVpcStatements(s: FirehoseVpcScope) {
  const ec2 = `arn:${partitionOf(s.region)}:ec2:${s.region}:${s.accountId}`;
  return [
    {
      Sid: "DescribeVpc",
      Effect: "Allow",
      Action: [
        "ec2:DescribeVpcs",
        "ec2:DescribeVpcAttribute",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeNetworkInterfaces",
      ],
      Resource: "*",
    },
    {
      Sid: "CreateInterfaces",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: [
        `${ec2}:network-interface/*`,
        `${ec2}:security-group/*`,
        ...s.subnetIds.map((id) => `${ec2}:subnet/${id}`),
      ],
    },
    {
      Sid: "ManageInterfaces",
      Effect: "Allow",
      Action: ["ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"],
      Resource: `${ec2}:network-interface/*`,
    },
  ];
}

/** Firehose invokes the transformation function (and reads its configuration). */
export function firehoseTransformStatements(functionArn: string) {
  return [
    {
      Sid: "InvokeTransform",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"],
      Resource: [functionArn, `${functionArn}:*`],
    },
  ];
}

/** The Firehose role's search policy: destination, VPC and transformation statements. */
export function firehoseSearchPolicy(statements: readonly unknown[]) {
  return { Version: "2012-10-17", Statement: [...statements] };
}

/** What Firehose may do in the collection: create and update its index, write documents. */
export const FIREHOSE_INDEX_PERMISSIONS = [
  "aoss:CreateIndex",
  "aoss:UpdateIndex",
  "aoss:DescribeIndex",
  "aoss:WriteDocument",
] as const;

/**
 * The serverless data access policy admitting the Firehose role to its index pattern only ("Data
 * access control for Amazon OpenSearch Serverless",
 * https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html;
 * several data access policies may name the same collection, their grants add up).
 */
export function firehoseCollectionDataAccessPolicy(
  collectionName: string,
  indexName: string,
  roleArn: string,
) {
  return [
    {
      Description: `Firehose indexes ${indexName}* in ${collectionName}`,
      Rules: [
        {
          ResourceType: "index",
          Resource: [`index/${collectionName}/${indexName}*`],
          Permission: [...FIREHOSE_INDEX_PERMISSIONS],
        },
      ],
      Principal: [roleArn],
    },
  ];
}

/** Serverless policy names are 3-32 characters: the collection's name (cut) and `-firehose`. */
export function firehoseDataPolicyName(collectionName: string): string {
  return `${collectionName.slice(0, 23)}-firehose`;
}
