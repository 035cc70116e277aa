import { accountProvider, defaultTags } from "@platform/core";
import { LogArchive } from "@platform/log-archive";
import { config } from "./config";

const env = config.account;
const provider = accountProvider("log-archive-account", {
  env,
  tags: defaultTags(env, config.tags),
});

const archive = new LogArchive(
  "log-archive",
  {
    config: {
      storage: config.storage,
      collection: config.collection,
      audit: config.audit,
      alerting: config.alerting,
      forwarder: config.forwarder,
      search: config.search,
    },
    namePrefix: env.name,
    accountId: env.accountId,
    region: env.region,
  },
  { provider },
);

/** What every account's `logging.destinationArn` is set to (same Region as its log groups). */
export const destinationArn = archive.destinationArn;
export const bucketName = archive.bucket.bucket;
export const trailArn = archive.trail.arn;
export const alarmTopicArn = archive.alarmTopic.arn;
export const accountId = env.accountId;
export const region = env.region;
