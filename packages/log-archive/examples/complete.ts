/**
 * An organisation's log archive: an organisation trail, a compliance-mode lock, every storage
 * class down to Deep Archive, a forwarder for load balancer access logs and on-premises syslog
 * files, alarms also to a webhook and a Slack channel; and a workload account's subscription of
 * all its log groups but one to the archive.
 */
import {
  accountLogSubscription,
  LogArchive,
  logArchiveSchema,
  logSubscriptionSchema,
} from "../src";

export default function complete() {
  const archive = new LogArchive("archive", {
    config: logArchiveSchema.parse({
      storage: {
        bucketName: "example-org-log-archive",
        objectLock: { mode: "COMPLIANCE", days: 400 },
        lifecycle: {
          standardIaDays: 30,
          glacierInstantRetrievalDays: 90,
          glacierFlexibleRetrievalDays: 180,
          deepArchiveDays: 365,
          expireDays: 3650,
        },
        noncurrentDays: 30,
      },
      collection: {
        organizationId: "o-a1b2c3d4e5",
        bufferingSizeMb: 64,
        bufferingIntervalSeconds: 600,
      },
      audit: { trailName: "org-audit", scope: "organization", retentionInDays: 731 },
      alerting: {
        emails: ["security@example.com", "soc@example.com"],
        webhooks: ["https://soc.example.com/hooks/aws-security"],
        slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" },
      },
      forwarder: {
        sourceBuckets: [
          { bucketName: "example-alb-access-logs", format: "alb" },
          { bucketName: "example-onprem-syslog", format: "syslog" },
        ],
      },
    }),
    namePrefix: "log-archive",
    accountId: "700000000007",
    region: "eu-west-1",
  });
  // In a workload account (its own stack and provider): ship every log group but one.
  accountLogSubscription(
    "log-subscription",
    logSubscriptionSchema.parse({
      destinationArn: archive.destinationArn,
      excludeLogGroups: ["/aws/lambda/noisy-debug"],
    }),
    {},
  );
  return { destinationArn: archive.destinationArn, forwarder: archive.forwarder?.name };
}
