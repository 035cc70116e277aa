/**
 * Search for the log archive: Amazon OpenSearch Service domains (`es`) and OpenSearch Serverless
 * collections, their security and access policies and VPC endpoints (`aoss`). Every `aoss` action
 * the resources call takes Resource `*` (no resource-level permissions), except UpdateCollection.
 */
import { inputOr, sar } from "./shared";
import type { ActionsTable, TypeActions } from "./shared";

const ES = sar("Amazon OpenSearch Service");
const AOSS = sar("Amazon OpenSearch Serverless");

const domainArn: TypeActions["arn"] = (r, at) =>
  `arn:aws:es:${at.region}:${at.account}:domain/${inputOr(r, "domainName")}`;
// A collection's ARN ends in its generated id, unknown before it exists.
const collectionArn: TypeActions["arn"] = (_r, at) =>
  `arn:aws:aoss:${at.region}:${at.account}:collection/*`;

export const SEARCH_ACTIONS: ActionsTable = {
  // The domain's key is granted to the service at creation (encryption at rest); the first VPC
  // domain of an account also needs iam:CreateServiceLinkedRole for opensearchservice.amazonaws.com
  // (the bootstrap's SERVICE_LINKED_ROLES).
  "aws:opensearch/domain:Domain": {
    source: ES,
    create: ["es:CreateDomain", "es:AddTags"],
    update: ["es:UpdateDomainConfig", "es:UpgradeDomain", "es:AddTags"],
    read: ["es:DescribeDomain", "es:DescribeDomainConfig", "es:ListTags"],
    arn: domainArn,
  },
  "aws:opensearch/serverlessCollection:ServerlessCollection": {
    source: AOSS,
    create: ["aoss:CreateCollection", "aoss:TagResource"],
    update: ["aoss:UpdateCollection"],
    read: ["aoss:BatchGetCollection", "aoss:ListTagsForResource"],
    arn: collectionArn,
  },
  "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy": {
    source: AOSS,
    create: ["aoss:CreateSecurityPolicy"],
    update: ["aoss:UpdateSecurityPolicy"],
    read: ["aoss:GetSecurityPolicy"],
    arn: collectionArn,
  },
  "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy": {
    source: AOSS,
    create: ["aoss:CreateAccessPolicy"],
    update: ["aoss:UpdateAccessPolicy"],
    read: ["aoss:GetAccessPolicy"],
    arn: collectionArn,
  },
  // OpenSearch Serverless creates the endpoint's network interfaces and private DNS with the
  // caller's EC2 and Route 53 permissions ("Access Amazon OpenSearch Serverless using an interface
  // endpoint", https://docs.aws.amazon.com/opensearch-service/latest/developerguide/serverless-vpc.html);
  // both services are in the deployer's DEPLOY_SERVICES.
  "aws:opensearch/serverlessVpcEndpoint:ServerlessVpcEndpoint": {
    source: AOSS,
    create: ["aoss:CreateVpcEndpoint", "ec2:DescribeVpcEndpoints"],
    update: ["aoss:UpdateVpcEndpoint"],
    read: ["aoss:BatchGetVpcEndpoint"],
    arn: collectionArn,
  },
};
