/**
 * Whether the AWS services that publish to each SNS topic in a planned run can use the topic's
 * KMS key: CloudWatch alarms (alarm and OK actions) and CodeStar notification rules (targets).
 * A topic under an AWS-managed key (`alias/aws/sns`) cannot receive their messages, and a
 * customer key must allow the service kms:GenerateDataKey* and kms:Decrypt. Sources:
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services,
 * https://docs.aws.amazon.com/dtconsole/latest/userguide/set-up-sns.html
 */
import type { ProgramRun } from "@platform/engine";
import { resourcesOfType } from "@platform/engine";

export interface TopicPublishing {
  readonly topic: string;
  /** Service principals that publish to the topic in this run. */
  readonly publishers: string[];
  /** Why a publisher's messages would never arrive; empty when they can. */
  readonly problems: string[];
}

type Statement = {
  Effect?: string;
  Principal?: { Service?: string | string[] };
  Action?: string | string[];
};

const PUBLISHERS: ReadonlyArray<[type: string, properties: string[], service: string]> = [
  [
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    ["alarmActions", "okActions", "insufficientDataActions"],
    "cloudwatch.amazonaws.com",
  ],
  [
    "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    ["alarmActions", "okActions", "insufficientDataActions"],
    "cloudwatch.amazonaws.com",
  ],
  [
    "aws:codestarnotifications/notificationRule:NotificationRule",
    ["targets"],
    "codestar-notifications.amazonaws.com",
  ],
];

const list = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

export function topicPublishing(run: ProgramRun): TopicPublishing[] {
  const byUrn = new Map(run.resources.map((r) => [r.urn, r]));
  return resourcesOfType(run, "aws:sns/topic:Topic").map((topic) => {
    const publishers = [
      ...new Set(
        PUBLISHERS.flatMap(([type, properties, service]) =>
          resourcesOfType(run, type).some((r) =>
            properties.some((p) => r.propertyDependencies[p]?.includes(topic.urn)),
          )
            ? [service]
            : [],
        ),
      ),
    ];
    const problems: string[] = [];
    const keyId = String(topic.inputs["kmsMasterKeyId"] ?? "");
    const key = (topic.propertyDependencies["kmsMasterKeyId"] ?? [])
      .map((u) => byUrn.get(u))
      .find((r) => r?.type === "aws:kms/key:Key");
    const statements: Statement[] = key
      ? (
          JSON.parse(String(key.inputs["policy"] ?? '{"Statement":[]}')) as {
            Statement: Statement[];
          }
        ).Statement
      : [];
    for (const service of publishers) {
      if (!keyId) continue; // unencrypted: nothing stops delivery (policies judge encryption)
      if (!key) {
        problems.push(`${service} cannot use key ${keyId} (not a customer key of this stack)`);
        continue;
      }
      const allowed = (action: string) =>
        statements.some(
          (s) =>
            s.Effect === "Allow" &&
            list(s.Principal?.Service).includes(service) &&
            list(s.Action).some(
              (a) => a === action || (a.endsWith("*") && action.startsWith(a.slice(0, -1))),
            ),
        );
      const missing = ["kms:GenerateDataKey", "kms:Decrypt"].filter((a) => !allowed(a));
      if (missing.length)
        problems.push(
          `the key policy of ${key.name} does not allow ${service} ${missing.join(", ")}`,
        );
    }
    return { topic: topic.name, publishers, problems };
  });
}
