import * as assert from "node:assert/strict";
import {
  accessLogDeliveries,
  planExample,
  resourceNamed,
  resourcesOfType,
  topicPublishing,
} from "@platform/testing";
import type { ProgramRun } from "@platform/testing";
import complete from "../examples/complete";
import searchDomain from "../examples/search-domain";
import searchServerless from "../examples/search-serverless";
import simple from "../examples/simple";

const policyOf = (run: ProgramRun, type: string, name: string, field = "policy") =>
  JSON.parse(String(resourceNamed(run, type, name).inputs[field])) as {
    Statement: Array<{
      Sid?: string;
      Principal?: unknown;
      Condition?: unknown;
      Resource?: unknown;
    }>;
  };

const lifecycleRule = (run: ProgramRun) =>
  (
    resourceNamed(
      run,
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "archive-archive-lifecycle",
    ).inputs["rules"] as Array<Record<string, unknown>>
  )[0]!;

describe("examples", () => {
  describe("simple: an account trail and three source accounts", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(simple);
    });

    it("creates the archive bucket with Object Lock at creation, a governance lock and the lifecycle", () => {
      const bucket = resourceNamed(run, "aws:s3/bucket:Bucket", "archive-archive");
      assert.equal(bucket.inputs["objectLockEnabled"], true);
      assert.equal(bucket.protect, true);
      const lock = resourceNamed(
        run,
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        "archive-archive-object-lock",
      );
      assert.deepEqual(lock.inputs["rule"], {
        defaultRetention: { mode: "GOVERNANCE", days: 365 },
      });
      const rule = lifecycleRule(run);
      assert.deepEqual(rule["transitions"], [
        { days: 30, storageClass: "STANDARD_IA" },
        { days: 90, storageClass: "GLACIER" },
      ]);
      assert.deepEqual(rule["expiration"], { days: 2555 });
    });

    it("encrypts with the archive key, blocks public access and logs access to an SSE-S3 target S3 can deliver to", () => {
      const sse = resourceNamed(
        run,
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "archive-archive-encryption",
      );
      const rule = (
        sse.inputs["rules"] as Array<{
          applyServerSideEncryptionByDefault: Record<string, unknown>;
        }>
      )[0]!;
      assert.equal(rule.applyServerSideEncryptionByDefault["sseAlgorithm"], "aws:kms");
      const block = resourceNamed(
        run,
        "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
        "archive-archive-public-access",
      );
      assert.equal(block.inputs["restrictPublicBuckets"], true);
      const deliveries = accessLogDeliveries(run);
      assert.ok(deliveries.some((d) => d.source === "example-log-archive"));
      assert.deepEqual(
        deliveries.flatMap((d) => d.problems),
        [],
      );
    });

    it("lets CloudTrail write only for its trail, and denies anything but TLS", () => {
      const policy = policyOf(run, "aws:s3/bucketPolicy:BucketPolicy", "archive-archive-policy");
      const sids = policy.Statement.map((s) => s.Sid);
      assert.deepEqual(sids, [
        "TlsOnly",
        "CloudTrailAclCheck",
        "CloudTrailWrite",
        "LogDeliveryAclCheck",
        "LogDeliveryWrite",
      ]);
      const write = policy.Statement.find((s) => s.Sid === "CloudTrailWrite")!;
      assert.deepEqual(write.Condition, {
        StringEquals: {
          "s3:x-amz-acl": "bucket-owner-full-control",
          "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:700000000007:trail/platform-audit",
        },
      });
    });

    it("admits only the source accounts to the destination, which feeds Firehose into the archive bucket", () => {
      const policy = policyOf(
        run,
        "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy",
        "archive-collection",
        "accessPolicy",
      );
      assert.deepEqual(
        policy.Statement.map((s) => s.Principal),
        [{ AWS: ["200000000002", "300000000003", "400000000004"] }],
      );
      const stream = resourceNamed(
        run,
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "archive-collection",
      );
      const s3 = stream.inputs["extendedS3Configuration"] as Record<string, unknown>;
      assert.equal(s3["bufferingSize"], 5);
      assert.equal(s3["compressionFormat"], "UNCOMPRESSED");
      const role = resourceNamed(run, "aws:iam/role:Role", "archive-collection-destination");
      const trust = JSON.parse(String(role.inputs["assumeRolePolicy"]));
      assert.deepEqual(trust.Statement[0].Condition.StringLike["aws:SourceArn"], [
        "arn:aws:logs:eu-west-1:700000000007:*",
        "arn:aws:logs:eu-west-1:200000000002:*",
        "arn:aws:logs:eu-west-1:300000000003:*",
        "arn:aws:logs:eu-west-1:400000000004:*",
      ]);
    });

    it("records every Region with log file validation, encrypted, into the archive and its log group", () => {
      const trail = resourceNamed(run, "aws:cloudtrail/trail:Trail", "archive-trail");
      assert.equal(trail.inputs["isMultiRegionTrail"], true);
      assert.equal(trail.inputs["enableLogFileValidation"], true);
      assert.equal(trail.inputs["isOrganizationTrail"], false);
      assert.equal(trail.inputs["s3BucketName"], "example-log-archive");
      assert.ok(
        trail.dependencies.includes(
          resourceNamed(run, "aws:s3/bucketPolicy:BucketPolicy", "archive-archive-policy").urn,
        ),
      );
    });

    it("alarms on the ten security patterns through a topic CloudWatch can publish to", () => {
      assert.equal(
        resourcesOfType(run, "aws:cloudwatch/logMetricFilter:LogMetricFilter").length,
        10,
      );
      const alarms = resourcesOfType(run, "aws:cloudwatch/metricAlarm:MetricAlarm");
      assert.equal(alarms.length, 10);
      assert.ok(alarms.some((a) => a.inputs["name"] === "log-archive-root-account-use"));
      assert.deepEqual(
        topicPublishing(run).flatMap((t) => t.problems),
        [],
      );
      const sub = resourceNamed(
        run,
        "aws:sns/topicSubscription:TopicSubscription",
        "archive-alarms-email-security@example.com",
      );
      assert.equal(sub.inputs["protocol"], "email");
    });

    it("has no chat or webhook subscription unless configured", () => {
      assert.deepEqual(
        resourcesOfType(run, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration"),
        [],
      );
      assert.deepEqual(
        resourcesOfType(run, "aws:sns/topicSubscription:TopicSubscription").map(
          (s) => s.inputs["protocol"],
        ),
        ["email"],
      );
    });

    it("has no forwarder unless configured", () => {
      assert.deepEqual(resourcesOfType(run, "aws:lambda/function:Function"), []);
    });
  });

  describe("complete: an organisation archive with a forwarder, and an account's subscription", () => {
    let run: ProgramRun;
    before(async () => {
      run = await planExample(complete);
    });

    it("writes every storage class in order under a compliance lock", () => {
      const rule = lifecycleRule(run);
      assert.deepEqual(
        (rule["transitions"] as Array<{ storageClass: string }>).map((t) => t.storageClass),
        ["STANDARD_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"],
      );
      const lock = resourcesOfType(
        run,
        "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
      )[0]!;
      assert.equal(
        (lock.inputs["rule"] as { defaultRetention: { mode: string } }).defaultRetention.mode,
        "COMPLIANCE",
      );
    });

    it("creates an organisation trail writing under the organisation's prefix too", () => {
      const trail = resourceNamed(run, "aws:cloudtrail/trail:Trail", "archive-trail");
      assert.equal(trail.inputs["isOrganizationTrail"], true);
      const policy = policyOf(run, "aws:s3/bucketPolicy:BucketPolicy", "archive-archive-policy");
      assert.deepEqual(policy.Statement.find((s) => s.Sid === "CloudTrailWrite")!.Resource, [
        "arn:aws:s3:::example-org-log-archive/AWSLogs/700000000007/*",
        "arn:aws:s3:::example-org-log-archive/AWSLogs/o-a1b2c3d4e5/*",
      ]);
      const destination = policyOf(
        run,
        "aws:cloudwatch/logDestinationPolicy:LogDestinationPolicy",
        "archive-collection",
        "accessPolicy",
      );
      assert.deepEqual(destination.Statement[0]!.Condition, {
        StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
      });
    });

    it("forwards both source buckets through a Lambda with a dead-letter queue", () => {
      const fn = resourceNamed(run, "aws:lambda/function:Function", "archive-forwarder");
      assert.equal(fn.inputs["handler"], "handler.handler");
      assert.ok(
        fn.propertyDependencies["deadLetterConfig"]?.includes(
          resourceNamed(run, "aws:sqs/queue:Queue", "archive-forwarder-dlq").urn,
        ),
      );
      const env = (fn.inputs["environment"] as { variables: Record<string, string> }).variables;
      assert.deepEqual(JSON.parse(env["SOURCE_FORMATS"]!), {
        "example-alb-access-logs": "alb",
        "example-onprem-syslog": "syslog",
      });
      assert.deepEqual(
        resourcesOfType(run, "aws:s3/bucketNotification:BucketNotification").map(
          (n) => n.inputs["bucket"],
        ),
        ["example-alb-access-logs", "example-onprem-syslog"],
      );
    });

    it("sends the alarms to a webhook and, through Chatbot, to a Slack channel where nobody runs commands", () => {
      const hook = resourceNamed(
        run,
        "aws:sns/topicSubscription:TopicSubscription",
        "archive-alarms-webhook-0",
      );
      assert.equal(hook.inputs["protocol"], "https");
      assert.equal(hook.inputs["endpoint"], "https://soc.example.com/hooks/aws-security");
      const slack = resourceNamed(
        run,
        "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
        "archive-alarms-slack",
      );
      assert.equal(slack.inputs["slackTeamId"], "T07EA123LEP");
      assert.equal(slack.inputs["region"], "eu-west-1");
      assert.equal(slack.inputs["slackChannelId"], "C07EZ1ABC23");
      assert.deepEqual(slack.inputs["guardrailPolicyArns"], [
        "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess",
      ]);
      assert.equal(slack.inputs["userAuthorizationRequired"], true);
      const topic = resourceNamed(run, "aws:sns/topic:Topic", "archive-alarms");
      assert.ok(slack.propertyDependencies["snsTopicArns"]?.includes(topic.urn));
      const role = resourceNamed(run, "aws:iam/role:Role", "archive-alarms-chatbot");
      assert.ok(slack.propertyDependencies["iamRoleArn"]?.includes(role.urn));
      const trust = JSON.parse(String(role.inputs["assumeRolePolicy"]));
      assert.deepEqual(trust.Statement[0].Principal, { Service: "chatbot.amazonaws.com" });
      // Chatbot reads the alarm and its metric graph with the channel role: CloudWatch reads only.
      const reads = resourceNamed(run, "aws:iam/rolePolicy:RolePolicy", "archive-alarms-chatbot");
      assert.ok(reads.propertyDependencies["role"]?.includes(role.urn));
      const statements = policyOf(run, "aws:iam/rolePolicy:RolePolicy", "archive-alarms-chatbot")
        .Statement as Array<{ Action: string[]; Resource: unknown }>;
      assert.ok(statements.flatMap((st) => st.Action).every((a) => a.startsWith("cloudwatch:")));
      assert.deepEqual(
        statements.find((st) => st.Action.includes("cloudwatch:GetMetricWidgetImage"))?.Resource,
        "*",
      );
      assert.deepEqual(
        statements.find((st) => st.Action.includes("cloudwatch:DescribeAlarms"))?.Resource,
        "arn:aws:cloudwatch:eu-west-1:700000000007:alarm:*",
      );
    });

    it("subscribes the account's log groups but the excluded one to the destination", () => {
      const policy = resourceNamed(
        run,
        "aws:cloudwatch/logAccountPolicy:LogAccountPolicy",
        "log-subscription",
      );
      assert.equal(policy.inputs["policyType"], "SUBSCRIPTION_FILTER_POLICY");
      assert.deepEqual(JSON.parse(String(policy.inputs["policyDocument"])), {
        DestinationArn: "arn:aws:logs:eu-west-1:700000000007:destination:platform-log-archive",
        FilterPattern: "",
      });
      assert.equal(
        policy.inputs["selectionCriteria"],
        'LogGroupName NOT IN ["/aws/lambda/noisy-debug"]',
      );
    });
  });

  describe("search-domain: an OpenSearch Service domain in three private subnets", () => {
    const DOMAIN = "aws:opensearch/domain:Domain";
    let run: ProgramRun;
    before(async () => {
      run = await planExample(searchDomain);
    });

    it("spreads six data nodes and three dedicated masters over the three subnets' zones on gp3", () => {
      const domain = resourceNamed(run, DOMAIN, "archive-search");
      assert.equal(domain.inputs["domainName"], "archive-logs");
      assert.deepEqual(domain.inputs["clusterConfig"], {
        instanceType: "r7g.large.search",
        instanceCount: 6,
        zoneAwarenessEnabled: true,
        zoneAwarenessConfig: { availabilityZoneCount: 3 },
        dedicatedMasterEnabled: true,
        dedicatedMasterType: "m7g.large.search",
        dedicatedMasterCount: 3,
      });
      assert.deepEqual(domain.inputs["ebsOptions"], {
        ebsEnabled: true,
        volumeType: "gp3",
        volumeSize: 200,
      });
      assert.equal(domain.protect, true);
    });

    it("has no public endpoint: VPC subnets behind a group admitting 443 from the listed CIDRs only", () => {
      const domain = resourceNamed(run, DOMAIN, "archive-search");
      const vpc = domain.inputs["vpcOptions"] as { subnetIds: string[] };
      assert.equal(vpc.subnetIds.length, 3);
      const sg = resourceNamed(run, "aws:ec2/securityGroup:SecurityGroup", "archive-search");
      assert.equal(sg.inputs["vpcId"], "vpc-0a1b2c3d4e5f60718");
      assert.ok(domain.propertyDependencies["vpcOptions"]?.includes(sg.urn));
      const rules = resourcesOfType(
        run,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      ).filter((r) => r.name.startsWith("archive-search-https-"));
      assert.deepEqual(
        rules.map((r) => [r.inputs["cidrIpv4"], r.inputs["fromPort"], r.inputs["toPort"]]),
        [
          ["10.70.0.0/16", 443, 443],
          ["172.16.0.0/12", 443, 443],
        ],
      );
      // The other group is Firehose's (search-delivery.ts), admitted by the domain's on 443.
      assert.deepEqual(
        resourcesOfType(run, "aws:ec2/securityGroup:SecurityGroup").map((g) => g.name),
        ["archive-search", "archive-collection-search-firehose"],
      );
    });

    it("encrypts at rest with its own key (used through OpenSearch only) and node to node, HTTPS with TLS 1.2+ PFS", () => {
      const domain = resourceNamed(run, DOMAIN, "archive-search");
      assert.equal((domain.inputs["encryptAtRest"] as { enabled: boolean }).enabled, true);
      const key = resourceNamed(run, "aws:kms/key:Key", "archive-search-key");
      assert.ok(domain.propertyDependencies["encryptAtRest"]?.includes(key.urn));
      assert.equal(key.protect, true);
      assert.deepEqual(domain.inputs["nodeToNodeEncryption"], { enabled: true });
      assert.deepEqual(domain.inputs["domainEndpointOptions"], {
        enforceHttps: true,
        tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10",
      });
      const use = policyOf(run, "aws:kms/key:Key", "archive-search-key").Statement.find(
        (s) => s.Sid === "OpenSearchServiceUsesKey",
      )!;
      assert.deepEqual(use.Condition, {
        StringEquals: {
          "kms:ViaService": "es.eu-west-1.amazonaws.com",
          "kms:CallerAccount": "700000000007",
        },
      });
    });

    it("uses fine-grained access control with an IAM master role, and admits only the named roles", () => {
      const domain = resourceNamed(run, DOMAIN, "archive-search");
      assert.deepEqual(domain.inputs["advancedSecurityOptions"], {
        enabled: true,
        internalUserDatabaseEnabled: false,
        masterUserOptions: { masterUserArn: "arn:aws:iam::700000000007:role/search-admin" },
      });
      const access = policyOf(run, DOMAIN, "archive-search", "accessPolicies");
      assert.deepEqual(
        access.Statement.map((s) => [s.Principal, s.Resource]),
        [
          [
            {
              AWS: [
                "arn:aws:iam::700000000007:role/search-admin",
                "arn:aws:iam::700000000007:role/search-readers",
                // The Firehose role that delivers the archive's logs (search-delivery.ts).
                "arn:aws:iam::700000000007:role/stack-archive-collection-firehose",
              ],
            },
            "arn:aws:es:eu-west-1:700000000007:domain/archive-logs/*",
          ],
        ],
      );
    });

    it("publishes application, slow and audit logs to an encrypted group OpenSearch may write, created first", () => {
      const domain = resourceNamed(run, DOMAIN, "archive-search");
      const group = resourceNamed(
        run,
        "aws:cloudwatch/logGroup:LogGroup",
        "archive-search-logs-logs",
      );
      assert.equal(group.inputs["name"], "/aws/opensearch/archive-logs");
      assert.ok(group.inputs["kmsKeyId"]);
      const options = domain.inputs["logPublishingOptions"] as Array<{ logType: string }>;
      assert.deepEqual(
        options.map((o) => o.logType),
        ["ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS", "AUDIT_LOGS"],
      );
      const policy = resourceNamed(
        run,
        "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
        "archive-search-logs",
      );
      assert.ok(domain.dependencies.includes(policy.urn));
      const doc = policyOf(
        run,
        "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
        "archive-search-logs",
        "policyDocument",
      );
      assert.deepEqual(doc.Statement[0]!.Principal, { Service: "es.amazonaws.com" });
      assert.deepEqual(doc.Statement[0]!.Condition, {
        StringEquals: { "aws:SourceAccount": "700000000007" },
        ArnLike: { "aws:SourceArn": "arn:aws:es:eu-west-1:700000000007:domain/archive-logs" },
      });
    });

    it("delivers the logs into the domain through a Lambda transformation, backing every document up to the archive", () => {
      const stream = resourceNamed(
        run,
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "archive-collection",
      );
      const domain = resourceNamed(run, DOMAIN, "archive-search");
      assert.equal(stream.inputs["destination"], "opensearch");
      assert.equal(stream.inputs["extendedS3Configuration"], undefined);
      const os = stream.inputs["opensearchConfiguration"] as Record<string, unknown>;
      assert.equal(os["domainArn"], `arn:aws:es:eu-west-1:700000000007:domain/archive-logs`);
      assert.equal(os["indexName"], "platform-logs");
      assert.equal(os["indexRotationPeriod"], "OneWeek");
      assert.equal(os["retryDuration"], 900);
      assert.equal(os["s3BackupMode"], "AllDocuments");
      const backup = os["s3Configuration"] as Record<string, unknown>;
      const bucket = resourceNamed(run, "aws:s3/bucket:Bucket", "archive-archive");
      assert.ok(stream.propertyDependencies["opensearchConfiguration"]?.includes(bucket.urn));
      assert.equal(backup["prefix"], "cloudwatch-logs/");
      assert.equal(backup["compressionFormat"], "GZIP");
      assert.match(String(backup["kmsKeyArn"]), /^arn:aws:kms:/);
      const vpc = os["vpcConfig"] as { subnetIds: string[]; securityGroupIds: string[] };
      assert.deepEqual(vpc.subnetIds, [
        "subnet-0a000000000000001",
        "subnet-0b000000000000002",
        "subnet-0c000000000000003",
      ]);
      const transform = resourceNamed(
        run,
        "aws:lambda/function:Function",
        "archive-collection-search-transform",
      );
      const [processor] = (
        os["processingConfiguration"] as {
          processors: Array<{ type: string; parameters: Array<{ parameterName: string }> }>;
        }
      ).processors;
      assert.equal(processor!.type, "Lambda");
      assert.equal(processor!.parameters[0]!.parameterName, "LambdaArn");
      assert.ok(stream.propertyDependencies["opensearchConfiguration"]?.includes(transform.urn));
      assert.ok(stream.dependencies.includes(domain.urn));
      // The domain's group admits Firehose's group on 443.
      const firehoseSg = resourceNamed(
        run,
        "aws:ec2/securityGroup:SecurityGroup",
        "archive-collection-search-firehose",
      );
      const ingress = resourceNamed(
        run,
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        "archive-collection-search-firehose-ingress",
      );
      assert.ok(
        ingress.propertyDependencies["referencedSecurityGroupId"]?.includes(firehoseSg.urn),
      );
      assert.ok(ingress.propertyDependencies["securityGroupId"]?.includes(domain.urn));
      assert.equal(ingress.inputs["fromPort"], 443);
      // The role's search policy names this domain.
      const search = policyOf(
        run,
        "aws:iam/rolePolicy:RolePolicy",
        "archive-collection-search-firehose-search",
      );
      assert.ok(
        search.Statement.some(
          (st) =>
            JSON.stringify(st.Resource) ===
            JSON.stringify([
              "arn:aws:es:eu-west-1:700000000007:domain/archive-logs",
              "arn:aws:es:eu-west-1:700000000007:domain/archive-logs/*",
            ]),
        ),
      );
    });
  });

  describe("search-serverless: a collection behind a VPC endpoint", () => {
    let run: ProgramRun;
    const policy = (name: string) =>
      resourceNamed(run, "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy", name);
    before(async () => {
      run = await planExample(searchServerless);
    });

    it("creates the time-series collection after its encryption and network policies, protected", () => {
      const collection = resourceNamed(
        run,
        "aws:opensearch/serverlessCollection:ServerlessCollection",
        "archive-search",
      );
      assert.equal(collection.inputs["name"], "archive-logs");
      assert.equal(collection.inputs["type"], "TIMESERIES");
      assert.equal(collection.inputs["standbyReplicas"], "ENABLED");
      assert.equal(collection.protect, true);
      for (const p of ["archive-search-encryption", "archive-search-network"])
        assert.ok(collection.dependencies.includes(policy(p).urn), p);
    });

    it("encrypts with its own key, not an AWS-owned one", () => {
      const encryption = policy("archive-search-encryption");
      assert.equal(encryption.inputs["type"], "encryption");
      const doc = JSON.parse(String(encryption.inputs["policy"])) as Record<string, unknown>;
      assert.equal(doc["AWSOwnedKey"], false);
      assert.match(String(doc["KmsARN"]), /^arn:aws:kms:eu-west-1:\d{12}:key\//);
      assert.deepEqual(doc["Rules"], [
        { ResourceType: "collection", Resource: ["collection/archive-logs"] },
      ]);
    });

    it("admits the collection and dashboards only through the VPC endpoint, never from the internet", () => {
      const endpoint = resourceNamed(
        run,
        "aws:opensearch/serverlessVpcEndpoint:ServerlessVpcEndpoint",
        "archive-search",
      );
      assert.deepEqual(endpoint.inputs["subnetIds"], [
        "subnet-0a000000000000001",
        "subnet-0b000000000000002",
      ]);
      const network = policy("archive-search-network");
      assert.equal(network.inputs["type"], "network");
      assert.ok(network.propertyDependencies["policy"]?.includes(endpoint.urn));
      const [rule] = JSON.parse(String(network.inputs["policy"])) as Array<Record<string, unknown>>;
      assert.equal(rule!["AllowFromPublic"], false);
      assert.equal((rule!["SourceVPCEs"] as string[]).length, 1);
    });

    it("grants the configured principals read and write, and nobody else", () => {
      const data = resourceNamed(
        run,
        "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy",
        "archive-search-data",
      );
      assert.equal(data.inputs["type"], "data");
      const [rule] = JSON.parse(String(data.inputs["policy"])) as Array<{
        Principal: string[];
        Rules: Array<{ ResourceType: string; Permission: string[] }>;
      }>;
      assert.deepEqual(rule!.Principal, [
        "arn:aws:iam::700000000007:role/search-admin",
        "arn:aws:iam::700000000007:role/log-ingest",
      ]);
      assert.ok(rule!.Rules.every((r) => !r.Permission.includes("aoss:*")));
    });
    it("delivers the logs into the collection, backing every document up to the archive, admitted by its own data policy", () => {
      const stream = resourceNamed(
        run,
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "archive-collection",
      );
      const collection = resourceNamed(
        run,
        "aws:opensearch/serverlessCollection:ServerlessCollection",
        "archive-search",
      );
      assert.equal(stream.inputs["destination"], "opensearchserverless");
      const os = stream.inputs["opensearchserverlessConfiguration"] as Record<string, unknown>;
      assert.ok(
        stream.propertyDependencies["opensearchserverlessConfiguration"]?.includes(collection.urn),
      );
      assert.equal(os["s3BackupMode"], "AllDocuments");
      assert.equal(
        (os["s3Configuration"] as Record<string, unknown>)["prefix"],
        "cloudwatch-logs/",
      );
      const data = resourceNamed(
        run,
        "aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy",
        "archive-collection-search-firehose",
      );
      assert.equal(data.inputs["name"], "archive-logs-firehose");
      const [rule] = JSON.parse(String(data.inputs["policy"])) as Array<{
        Principal: string[];
        Rules: Array<{ Resource: string[]; Permission: string[] }>;
      }>;
      assert.deepEqual(rule!.Principal, [
        "arn:aws:iam::700000000007:role/stack-archive-collection-firehose",
      ]);
      assert.deepEqual(rule!.Rules[0]!.Resource, ["index/archive-logs/cloudwatch-logs*"]);
      assert.ok(!rule!.Rules[0]!.Permission.includes("aoss:DeleteIndex"));
      assert.ok(stream.dependencies.includes(data.urn));
    });
  });
});
