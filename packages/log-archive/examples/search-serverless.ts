/**
 * A log archive with an OpenSearch Serverless time-series collection, encrypted with its own key
 * and reached only through a VPC endpoint in two private subnets; two roles read and write it.
 * The archive's Firehose stream indexes the logs into it from those subnets, whose ranges are
 * within `allowedCidrs` (the endpoint admits only those).
 */
import { LogArchive, logArchiveSchema } from "../src";

export default function searchServerless() {
  const archive = new LogArchive("archive", {
    config: logArchiveSchema.parse({
      storage: { bucketName: "example-aoss-log-archive" },
      collection: { sourceAccounts: ["200000000002"] },
      search: {
        kind: "serverless",
        collectionName: "archive-logs",
        vpcId: "vpc-0a1b2c3d4e5f60718",
        subnetIds: ["subnet-0a000000000000001", "subnet-0b000000000000002"],
        allowedCidrs: ["10.70.0.0/16"],
        principals: [
          "arn:aws:iam::700000000007:role/search-admin",
          "arn:aws:iam::700000000007:role/log-ingest",
        ],
      },
    }),
    namePrefix: "log-archive",
    accountId: "700000000007",
    region: "eu-west-1",
  });
  return { collectionName: archive.searchCollection?.name };
}
