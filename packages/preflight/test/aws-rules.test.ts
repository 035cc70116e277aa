import * as assert from "node:assert/strict";
import { awsAlarms } from "../src/aws/alarms";
import { awsCidrs } from "../src/aws/cidr";
import { awsEncryption } from "../src/aws/encryption";
import { awsNames } from "../src/aws/names";
import { awsQuotas } from "../src/aws/quotas";
import { awsTags } from "../src/aws/tags";
import { check, messages, res } from "./fixtures";

const KEY = "aws:kms/key:Key";
const policy = (statements: object[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const root = {
  Sid: "Admin",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::200000000002:root" },
  Action: "kms:*",
  Resource: "*",
};

describe("aws-names", () => {
  it("rejects a generated IAM role name over 64 characters, a bad bucket and a reserved SG prefix", async () => {
    const findings = await check(awsNames, [
      res("aws:iam/role:Role", "a".repeat(57), { assumeRolePolicy: "{}" }),
      res("aws:s3/bucket:Bucket", "b", { bucket: "My_Bucket" }),
      res("aws:ec2/securityGroup:SecurityGroup", "sg", { name: "sg-web" }),
      res("aws:iam/role:Role", "p", { name: "r", path: "no-slashes" }),
    ]);
    assert.deepEqual(messages(findings), [
      `error: the generated name "${"a".repeat(57)}-<7 hex>" is 65 characters; Role names are 1-64: shorten the logical name to at most 56 characters or set name`,
      'error: bucket "My_Bucket" has characters AWS refuses: only lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit',
      'error: name "sg-web" starts with "sg-", which EC2 reserves for group ids',
      'error: path "no-slashes" is not an IAM path: 1-512 printable ASCII characters, starting and ending with /',
    ]);
  });

  it("accepts names within the limits, generated or set", async () => {
    const findings = await check(awsNames, [
      res("aws:iam/role:Role", "a".repeat(56), {}),
      res("aws:s3/bucket:Bucket", "b", { bucket: "dev-200000000002-velero" }),
      res("aws:cloudwatch/logGroup:LogGroup", "g", { name: "/platform/dev/vpc/flow-logs" }),
      res("aws:ecr/repository:Repository", "e", { name: "platform/etcd-backup" }),
      res("aws:iam/role:Role", "p", { name: "r", path: "/platform/" }),
    ]);
    assert.deepEqual(findings, []);
  });
});

describe("aws-tags", () => {
  it("counts the provider's default tags with the resource's own and rejects aws: keys", async () => {
    const many = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, "v"]));
    const findings = await check(awsTags, [
      res("aws:s3/bucket:Bucket", "b", { tags: many }),
      res("aws:s3/bucket:Bucket", "c", { tags: { "aws:owner": "x", Long: "v".repeat(257) } }),
    ]);
    assert.deepEqual(messages(findings), [
      "error: 51 tags with the provider's default tags; AWS allows 50 user tags per resource",
      'error: tags: tag key "aws:owner" uses the reserved prefix aws:',
      'error: tags: tag "Long" has a 257-character value; values are at most 256',
    ]);
  });

  it("accepts ordinary tags", async () => {
    assert.deepEqual(
      await check(awsTags, [res("aws:s3/bucket:Bucket", "b", { tags: { Purpose: "backup" } })]),
      [],
    );
  });
});

describe("aws-cidr-sizes", () => {
  it("rejects a /12 VPC, a subnet outside its VPC and reserved or oversized tunnel CIDRs", async () => {
    const vpc = res("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.16.0.0/16" });
    const findings = await check(awsCidrs, [
      res("aws:ec2/vpc:Vpc", "big", { cidrBlock: "10.0.0.0/12" }),
      vpc,
      res("aws:ec2/subnet:Subnet", "s", { cidrBlock: "10.17.0.0/24" }, { refs: { vpcId: [vpc] } }),
      res("aws:ec2/vpnConnection:VpnConnection", "vpn", {
        tunnel1InsideCidr: "169.254.1.0/30",
        tunnel2InsideCidr: "169.254.10.0/29",
      }),
    ]);
    assert.deepEqual(messages(findings), [
      'error: cidrBlock "10.0.0.0/12" is a /12; AWS accepts /16 to /28',
      'error: cidrBlock "10.17.0.0/24" is not inside its VPC (10.16.0.0/16)',
      'error: tunnel1InsideCidr "169.254.1.0/30" is one of the /30s AWS reserves (169.254.0.0/30, 169.254.1.0/30, 169.254.2.0/30, 169.254.3.0/30, 169.254.4.0/30, 169.254.5.0/30, 169.254.169.252/30)',
      'error: tunnel2InsideCidr "169.254.10.0/29" must be a /30 inside 169.254.0.0/16',
    ]);
  });

  it("accepts a subnet inside its VPC and valid tunnel CIDRs", async () => {
    const vpc = res("aws:ec2/vpc:Vpc", "v", { cidrBlock: "10.16.0.0/16" });
    const findings = await check(awsCidrs, [
      vpc,
      res("aws:ec2/subnet:Subnet", "s", { cidrBlock: "10.16.4.0/24" }, { refs: { vpcId: [vpc] } }),
      res("aws:ec2/vpnConnection:VpnConnection", "vpn", {
        tunnel1InsideCidr: "169.254.10.0/30",
        tunnel2InsideCidr: "169.254.10.4/30",
      }),
    ]);
    assert.deepEqual(findings, []);
  });
});

describe("aws-quotas", () => {
  it("warns above default route and rule quotas and rejects 201 DX prefixes and bad scaling", async () => {
    const table = res("aws:ec2/routeTable:RouteTable", "rt", {});
    const routes = Array.from({ length: 51 }, (_, i) =>
      res(
        "aws:ec2/route:Route",
        `r${i}`,
        { destinationCidrBlock: `10.${i}.0.0/16` },
        { refs: { routeTableId: [table] } },
      ),
    );
    const sg = res("aws:ec2/securityGroup:SecurityGroup", "sg", {
      ingress: [
        {
          protocol: "tcp",
          fromPort: 443,
          toPort: 443,
          cidrBlocks: Array.from({ length: 61 }, (_, i) => `10.${i}.0.0/16`),
        },
      ],
    });
    const prefixes = Array.from({ length: 201 }, (_, i) => `10.${i}.0.0/16`);
    const findings = await check(awsQuotas, [
      table,
      ...routes,
      sg,
      res("aws:directconnect/gatewayAssociation:GatewayAssociation", "dx", {
        allowedPrefixes: prefixes,
      }),
      res("aws:eks/nodeGroup:NodeGroup", "ng", {
        scalingConfig: { minSize: 3, desiredSize: 2, maxSize: 4 },
      }),
    ]);
    assert.deepEqual(messages(findings), [
      "warning: 51 routes in this route table; the default quota is 50: request an increase (Service Quotas) before deploying",
      "warning: 61 ingress rules in this security group; the default quota is 60: request an increase (Service Quotas) before deploying",
      "error: 201 allowed prefixes; a Direct Connect gateway association with a transit gateway takes at most 200 (not adjustable): summarise",
      "error: scalingConfig min 3, desired 2, max 4: EKS requires min <= desired <= max and max >= 1",
    ]);
  });

  it("accepts a plan within every quota", async () => {
    const table = res("aws:ec2/routeTable:RouteTable", "rt", {});
    const findings = await check(awsQuotas, [
      table,
      res("aws:ec2/route:Route", "r", {}, { refs: { routeTableId: [table] } }),
      res("aws:directconnect/gatewayAssociation:GatewayAssociation", "dx", {
        allowedPrefixes: ["10.16.0.0/14"],
      }),
      res("aws:eks/nodeGroup:NodeGroup", "ng", {
        scalingConfig: { minSize: 2, desiredSize: 2, maxSize: 4 },
      }),
    ]);
    assert.deepEqual(findings, []);
  });
});

describe("aws-encryption-access", () => {
  const alarmTo = (topic: ReturnType<typeof res>) =>
    res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "alarm",
      { alarmActions: ["arn"] },
      { refs: { alarmActions: [topic] } },
    );

  it("rejects an SNS topic under alias/aws/sns that CloudWatch alarms publish to", async () => {
    const topic = res("aws:sns/topic:Topic", "t", { kmsMasterKeyId: "alias/aws/sns" });
    const findings = await check(awsEncryption, [topic, alarmTo(topic)]);
    assert.deepEqual(messages(findings), [
      "error: topic encrypted with the AWS managed key alias/aws/sns, whose policy cannot be changed: cloudwatch.amazonaws.com (alarm) cannot publish to it; use a customer managed key whose policy lets cloudwatch.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt",
    ]);
  });

  it("rejects a customer key whose policy does not admit the publisher, accepts one that does", async () => {
    const closed = res(KEY, "closed", { policy: policy([root]) });
    const open = res(KEY, "open", {
      policy: policy([
        root,
        {
          Effect: "Allow",
          Principal: { Service: "cloudwatch.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: "*",
        },
      ]),
    });
    const t1 = res(
      "aws:sns/topic:Topic",
      "t1",
      { kmsMasterKeyId: "k" },
      { refs: { kmsMasterKeyId: [closed] } },
    );
    const t2 = res(
      "aws:sns/topic:Topic",
      "t2",
      { kmsMasterKeyId: "k" },
      { refs: { kmsMasterKeyId: [open] } },
    );
    const findings = await check(awsEncryption, [
      closed,
      open,
      t1,
      t2,
      alarmTo(t1),
      { ...alarmTo(t2), urn: "a2" },
    ]);
    assert.deepEqual(messages(findings), [
      "error: key closed's policy does not give cloudwatch.amazonaws.com kms:GenerateDataKey, kms:Decrypt: alarm cannot publish to this topic",
    ]);
  });

  it("rejects an access-log target with SSE-KMS and no grant to the logging service", async () => {
    const target = res("aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
    const source = res("aws:s3/bucket:Bucket", "data", { bucket: "data" });
    const findings = await check(awsEncryption, [
      target,
      source,
      res(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "sse",
        {
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }],
        },
        { refs: { bucket: [target] } },
      ),
      res(
        "aws:s3/bucketLogging:BucketLogging",
        "log",
        { targetBucket: "logs" },
        { refs: { bucket: [source], targetBucket: [target] } },
      ),
    ]);
    assert.deepEqual(
      messages(findings).map((m) => m.split(";")[0]),
      [
        "error: target bucket logs defaults to aws:kms",
        "error: target bucket logs has no bucket policy letting logging.s3.amazonaws.com s3:PutObject (with ACLs disabled, the only way the logging service can write): no access log would ever arrive",
      ],
    );
  });

  it("accepts an SSE-S3 access-log target whose policy grants the logging service", async () => {
    const target = res("aws:s3/bucket:Bucket", "logs", { bucket: "logs" });
    const findings = await check(awsEncryption, [
      target,
      res(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "sse",
        {
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
        },
        { refs: { bucket: [target] } },
      ),
      res(
        "aws:s3/bucketPolicy:BucketPolicy",
        "p",
        {
          policy: policy([
            {
              Effect: "Allow",
              Principal: { Service: "logging.s3.amazonaws.com" },
              Action: "s3:PutObject",
              Resource: "arn:aws:s3:::logs/*",
            },
          ]),
        },
        { refs: { bucket: [target] } },
      ),
      res(
        "aws:s3/bucketLogging:BucketLogging",
        "log",
        { targetBucket: "logs" },
        { refs: { targetBucket: [target] } },
      ),
    ]);
    assert.deepEqual(findings, []);
  });

  it("checks a log group's key policy and its encryption-context condition against the group ARN", async () => {
    const logs = (arn: string) =>
      policy([
        root,
        {
          Effect: "Allow",
          Principal: { Service: "logs.eu-west-1.amazonaws.com" },
          Action: [
            "kms:Encrypt*",
            "kms:Decrypt*",
            "kms:ReEncrypt*",
            "kms:GenerateDataKey*",
            "kms:Describe*",
          ],
          Resource: "*",
          Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": arn } },
        },
      ]);
    const good = res(KEY, "good", {
      policy: logs("arn:aws:logs:eu-west-1:200000000002:log-group:/a"),
    });
    const other = res(KEY, "other", {
      policy: logs("arn:aws:logs:eu-west-1:200000000002:log-group:/b"),
    });
    const none = res(KEY, "none", {});
    const findings = await check(awsEncryption, [
      good,
      other,
      none,
      res(
        "aws:cloudwatch/logGroup:LogGroup",
        "a",
        { name: "/a", kmsKeyId: "k" },
        { refs: { kmsKeyId: [good] } },
      ),
      res(
        "aws:cloudwatch/logGroup:LogGroup",
        "a2",
        { name: "/a", kmsKeyId: "k" },
        { refs: { kmsKeyId: [other] } },
      ),
      res(
        "aws:cloudwatch/logGroup:LogGroup",
        "a3",
        { name: "/a", kmsKeyId: "k" },
        { refs: { kmsKeyId: [none] } },
      ),
    ]);
    assert.deepEqual(messages(findings), [
      "error: key other's policy limits CloudWatch Logs to other log groups (kms:EncryptionContext:aws:logs:arn does not admit arn:aws:logs:eu-west-1:200000000002:log-group:/a)",
      "error: key none has the default key policy, which only the account's IAM principals can use, not logs.eu-west-1.amazonaws.com: creating the log group fails (CloudWatch Logs checks the key)",
    ]);
  });
});

describe("aws-alarm-periods", () => {
  const alarm = (inputs: Record<string, unknown>) =>
    res("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {
      namespace: "AWS/DX",
      metricName: "VirtualInterfaceBgpStatus",
      evaluationPeriods: 3,
      ...inputs,
    });

  it("rejects a 60 s period on a 5-minute DX metric treating missing data as breaching", async () => {
    const findings = await check(awsAlarms, [alarm({ period: 60, treatMissingData: "breaching" })]);
    assert.deepEqual(messages(findings), [
      "error: period 60 s is shorter than the 300 s at which AWS/DX VirtualInterfaceBgpStatus is published: with treatMissingData breaching, every period without a data point breaches and the alarm flaps; use a period of at least 300 s",
    ]);
    assert.match(findings[0]!.source, /directconnect\/latest\/UserGuide\/monitoring-cloudwatch/);
  });

  it("rejects periods AWS refuses and warns about metrics missing from the table", async () => {
    const findings = await check(awsAlarms, [
      alarm({ period: 90, evaluationPeriods: 1000, datapointsToAlarm: 2000 }),
      res("aws:cloudwatch/metricAlarm:MetricAlarm", "b", {
        namespace: "AWS/Foo",
        metricName: "Bar",
        period: 60,
        evaluationPeriods: 1,
      }),
    ]);
    assert.deepEqual(messages(findings), [
      "error: period 90 s: AWS accepts 10, 20, 30 or a multiple of 60",
      "error: evaluationPeriods 1000 x period 90 s = 90000 s; the evaluation window is at most one day (86,400 s)",
      "error: datapointsToAlarm 2000 exceeds evaluationPeriods 1000",
      "warning: period 90 s is shorter than the 300 s at which AWS/DX VirtualInterfaceBgpStatus is published: most periods have no data and the alarm sits in INSUFFICIENT_DATA; use a period of at least 300 s",
      "warning: the publication interval of AWS/Foo Bar is not in METRIC_PUBLICATION (packages/core/src/aws-facts/metrics.ts): add it with its source so the alarm period can be checked",
    ]);
  });

  it("accepts periods of at least the metrics' publication intervals (DX 300 s, VPN 300 s)", async () => {
    const findings = await check(awsAlarms, [
      alarm({ period: 300, treatMissingData: "breaching" }),
      res("aws:cloudwatch/metricAlarm:MetricAlarm", "v", {
        namespace: "AWS/VPN",
        metricName: "TunnelState",
        period: 300,
        evaluationPeriods: 3,
      }),
    ]);
    assert.deepEqual(findings, []);
  });
});
