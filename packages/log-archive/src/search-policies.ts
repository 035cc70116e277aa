/**
 * Search's policy documents, pure (plain values in, JSON-able objects out): the keys of the domain
 * and of the serverless collection, the domain's access policy, the CloudWatch Logs resource
 * policy OpenSearch publishes logs under, and the serverless encryption, network and data access
 * policies.
 */
import { accountAdministersKey } from "@platform/core";

/** The domain's ARN, known from config (its access policy names it before it exists). */
export function domainArn(region: string, accountId: string, domainName: string): string {
  return `arn:aws:es:${region}:${accountId}:domain/${domainName}`;
}

/**
 * A search key: the account administers it, and any principal of the account may use it, but only
 * through the search service (`kms:ViaService`, `kms:CallerAccount`: the key policy AWS documents
 * for the service), which creates the grants of the domain or collection; no other use of the key
 * is allowed without an IAM permission.
 * Sources: "Encryption of data at rest for Amazon OpenSearch Service"
 * (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html),
 * "Encryption at rest for Amazon OpenSearch Serverless", key policy
 * (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-encryption.html).
 */
export function searchKeyPolicy(accountId: string, region: string, service: "es" | "aoss") {
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(accountId),
      {
        Sid: service === "es" ? "OpenSearchServiceUsesKey" : "OpenSearchServerlessUsesKey",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:CreateGrant",
          "kms:DescribeKey",
        ],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:ViaService": `${service}.${region}.amazonaws.com`,
            "kms:CallerAccount": accountId,
          },
        },
      },
    ],
  };
}

/**
 * The domain access policy: only the master user and the listed roles, each by ARN, may send
 * HTTP requests to the domain's indices; fine-grained access control then maps them to roles
 * inside OpenSearch. No `*` principal. Source: "Identity and Access Management in Amazon OpenSearch
 * Service", resource-based policies
 * (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html).
 */
export function domainAccessPolicy(arn: string, principals: readonly string[]) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "NamedRolesOnly",
        Effect: "Allow",
        Principal: { AWS: [...new Set(principals)] },
        Action: "es:ESHttp*",
        Resource: `${arn}/*`,
      },
    ],
  };
}

/**
 * The CloudWatch Logs resource policy that lets OpenSearch Service write the domain's logs to one
 * log group, only for this account's domain (the confused-deputy conditions). Source: "Monitoring
 * OpenSearch logs with Amazon CloudWatch Logs", enabling log publishing
 * (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/createdomain-configure-slow-logs.html).
 */
export function domainLogsResourcePolicy(logGroupArn: string, accountId: string, arn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OpenSearchPublishesLogs",
        Effect: "Allow",
        Principal: { Service: "es.amazonaws.com" },
        Action: ["logs:PutLogEvents", "logs:CreateLogStream"],
        Resource: `${logGroupArn}:*`,
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": arn },
        },
      },
    ],
  };
}

/** The serverless encryption policy: the collection is encrypted with the customer key. */
export function collectionEncryptionPolicy(collectionName: string, keyArn: string) {
  return {
    Rules: [{ ResourceType: "collection", Resource: [`collection/${collectionName}`] }],
    AWSOwnedKey: false,
    KmsARN: keyArn,
  };
}

/**
 * The serverless network policy: the collection and its dashboards only through the VPC endpoint,
 * never from the internet. Source: "Network access for Amazon OpenSearch Serverless"
 * (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-network.html).
 */
export function collectionNetworkPolicy(collectionName: string, vpcEndpointId: string) {
  const resource = [`collection/${collectionName}`];
  return [
    {
      Description: `VPC endpoint access only to ${collectionName}`,
      Rules: [
        { ResourceType: "collection", Resource: resource },
        { ResourceType: "dashboard", Resource: resource },
      ],
      AllowFromPublic: false,
      SourceVPCEs: [vpcEndpointId],
    },
  ];
}

/** What the data access policy's principals may do on the collection and its indices. */
export const COLLECTION_PERMISSIONS = [
  "aoss:CreateCollectionItems",
  "aoss:UpdateCollectionItems",
  "aoss:DescribeCollectionItems",
] as const;
export const INDEX_PERMISSIONS = [
  "aoss:CreateIndex",
  "aoss:UpdateIndex",
  "aoss:DescribeIndex",
  "aoss:ReadDocument",
  "aoss:WriteDocument",
] as const;

/**
 * The serverless data access policy: the listed principals read and write the collection's
 * indices (no delete of the collection's items or indices). Source: "Data access control for
 * Amazon OpenSearch Serverless"
 * (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-data-access.html).
 */
export function collectionDataAccessPolicy(collectionName: string, principals: readonly string[]) {
  return [
    {
      Description: `Read and write ${collectionName}`,
      Rules: [
        {
          ResourceType: "collection",
          Resource: [`collection/${collectionName}`],
          Permission: [...COLLECTION_PERMISSIONS],
        },
        {
          ResourceType: "index",
          Resource: [`index/${collectionName}/*`],
          Permission: [...INDEX_PERMISSIONS],
        },
      ],
      Principal: [...new Set(principals)],
    },
  ];
}
