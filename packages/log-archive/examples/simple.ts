/**
 * A log archive for three workload accounts: an account trail, the default lifecycle (Standard-IA
 * at 30 days, Glacier Flexible Retrieval at 90, expiry after 7 years) under a one-year governance
 * lock, and one email recipient of the security alarms.
 */
import { LogArchive, logArchiveSchema } from "../src";

export default function simple() {
  const archive = new LogArchive("archive", {
    config: logArchiveSchema.parse({
      storage: { bucketName: "example-log-archive" },
      collection: { sourceAccounts: ["200000000002", "300000000003", "400000000004"] },
      alerting: { emails: ["security@example.com"] },
    }),
    namePrefix: "log-archive",
    accountId: "700000000007",
    region: "eu-west-1",
  });
  return { destinationArn: archive.destinationArn, bucketName: archive.bucket.bucket };
}
