/**
 * A log archive with an OpenSearch Service domain for search and dashboards: six data nodes over
 * three private subnets (zones), three dedicated masters, reached on 443 from the corporate
 * network and the archive VPC only, administered by an IAM role. The archive's Firehose stream
 * indexes every account's logs into weekly indices (and still backs every document up to the
 * archive bucket).
 */
import { LogArchive, logArchiveSchema } from "../src";

export default function searchDomain() {
  const archive = new LogArchive("archive", {
    config: logArchiveSchema.parse({
      storage: { bucketName: "example-search-log-archive" },
      collection: {
        sourceAccounts: ["200000000002"],
        searchIndex: { indexName: "platform-logs", rotation: "OneWeek", retrySeconds: 900 },
      },
      search: {
        kind: "domain",
        domainName: "archive-logs",
        vpcId: "vpc-0a1b2c3d4e5f60718",
        subnetIds: [
          "subnet-0a000000000000001",
          "subnet-0b000000000000002",
          "subnet-0c000000000000003",
        ],
        allowedCidrs: ["10.70.0.0/16", "172.16.0.0/12"],
        instanceCount: 6,
        dedicatedMaster: { instanceType: "m7g.large.search", count: 3 },
        volumeSizeGb: 200,
        masterUserRoleArn: "arn:aws:iam::700000000007:role/search-admin",
        accessRoleArns: ["arn:aws:iam::700000000007:role/search-readers"],
      },
    }),
    namePrefix: "log-archive",
    accountId: "700000000007",
    region: "eu-west-1",
  });
  return { domainName: archive.searchDomain?.domainName };
}
