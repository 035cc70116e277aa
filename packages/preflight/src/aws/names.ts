/**
 * Names AWS refuses: lengths and character sets per resource type, for set names and for the
 * names Pulumi generates. Without a name input, Pulumi names a resource `<logical name>-<7 hex>`
 * and fails the preview when that exceeds the type's maximum (resource.NewUniqueHex: "name plus 7
 * random chars is longer than maximum length"); with `namePrefix`, the provider appends 26.
 */
import { known } from "../context";
import type { PlanResource, Problem, Rule } from "../types";

interface NameSpec {
  /** The input holding the name. */
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  /** What the pattern allows, for messages. */
  readonly allowed: string;
  /** Pulumi generates the name when the field is absent. */
  readonly autoname: boolean;
  readonly extra?: (name: string) => string | undefined;
  readonly source: string;
}

const IAM_QUOTAS =
  "IAM and AWS STS quotas, name requirements, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const iamName = (max: number): NameSpec => ({
  field: "name",
  min: 1,
  max,
  pattern: /^[\w+=,.@-]+$/,
  allowed: "letters, digits and +=,.@_-",
  autoname: true,
  source: IAM_QUOTAS,
});

/** A CloudWatch alarm's name (AlarmName of the API call creating it), held in `field`. */
const alarmName = (field: string, api: string): NameSpec => ({
  field,
  min: 1,
  max: 255,
  pattern: /^[^\p{Cc}]+$/u,
  allowed: "UTF-8 characters without control characters",
  autoname: true,
  source: `CloudWatch API ${api} (AlarmName), https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_${api}.html`,
});

function bucketExtra(name: string): string | undefined {
  if (name.includes("..")) return "has two adjacent periods";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "is formatted as an IP address";
  for (const prefix of ["xn--", "sthree-", "amzn-s3-demo-"])
    if (name.startsWith(prefix)) return `starts with the reserved prefix ${prefix}`;
  for (const suffix of ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"])
    if (name.endsWith(suffix)) return `ends with the reserved suffix ${suffix}`;
  return undefined;
}

/** Name rules per resource type, each from the service's API reference or user guide. */
export const NAME_SPECS: Readonly<Record<string, NameSpec>> = {
  "aws:iam/role:Role": iamName(64),
  "aws:iam/policy:Policy": iamName(128),
  "aws:iam/rolePolicy:RolePolicy": iamName(128),
  "aws:iam/instanceProfile:InstanceProfile": iamName(128),
  "aws:s3/bucket:Bucket": {
    field: "bucket",
    min: 3,
    max: 63,
    pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
    allowed:
      "lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit",
    autoname: true,
    extra: bucketExtra,
    source:
      "S3 User Guide, general purpose bucket naming rules, https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
  },
  "aws:cloudwatch/logGroup:LogGroup": {
    field: "name",
    min: 1,
    max: 512,
    pattern: /^[.\-_/#A-Za-z0-9]+$/,
    allowed: "letters, digits and ._-/#",
    autoname: true,
    source:
      "CloudWatch Logs API CreateLogGroup (logGroupName), https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html",
  },
  "aws:ecr/repository:Repository": {
    field: "name",
    min: 2,
    max: 256,
    pattern: /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    allowed: "lower-case letters and digits in /-separated components, joined by single . _ or -",
    autoname: true,
    source:
      "ECR API CreateRepository (repositoryName), https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html",
  },
  "aws:eks/cluster:Cluster": {
    field: "name",
    min: 1,
    max: 100,
    pattern: /^[0-9A-Za-z][A-Za-z0-9\-_]*$/,
    allowed: "letters, digits, - and _, starting with a letter or digit",
    autoname: true,
    source:
      "EKS API CreateCluster (name), https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html",
  },
  "aws:eks/nodeGroup:NodeGroup": {
    field: "nodeGroupName",
    min: 1,
    max: 63,
    pattern: /^[0-9A-Za-z][A-Za-z0-9\-_]*$/,
    allowed: "letters, digits, - and _, starting with a letter or digit",
    autoname: true,
    source:
      "EKS API CreateNodegroup (nodegroupName), https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateNodegroup.html",
  },
  "aws:sns/topic:Topic": {
    field: "name",
    min: 1,
    max: 256,
    pattern: /^[A-Za-z0-9_-]+(\.fifo)?$/,
    allowed: "letters, digits, - and _ (and .fifo at the end of a FIFO topic)",
    autoname: true,
    source:
      "SNS API CreateTopic (Name), https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html",
  },
  "aws:kms/alias:Alias": {
    field: "name",
    min: 7,
    max: 256,
    pattern: /^alias\/[a-zA-Z0-9/_-]+$/,
    allowed: "alias/ followed by letters, digits and /_-",
    autoname: false,
    extra: (n) =>
      n.startsWith("alias/aws/")
        ? "uses the prefix alias/aws/, reserved for AWS managed keys"
        : undefined,
    source:
      "KMS API CreateAlias (AliasName), https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html",
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": alarmName("name", "PutMetricAlarm"),
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": alarmName("alarmName", "PutCompositeAlarm"),
  "aws:codebuild/project:Project": {
    field: "name",
    min: 2,
    max: 150,
    pattern: /^[A-Za-z0-9][A-Za-z0-9\-_]*$/,
    allowed: "letters, digits, - and _, starting with a letter or digit",
    autoname: true,
    source:
      "CodeBuild API CreateProject (name), https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html",
  },
  "aws:codepipeline/pipeline:Pipeline": {
    field: "name",
    min: 1,
    max: 100,
    pattern: /^[A-Za-z0-9.@\-_]+$/,
    allowed: "letters, digits and .@-_",
    autoname: true,
    source:
      "CodePipeline API PipelineDeclaration (name), https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html",
  },
  "aws:ec2/launchTemplate:LaunchTemplate": {
    field: "name",
    min: 3,
    max: 128,
    pattern: /^[a-zA-Z0-9().\-/_]+$/,
    allowed: "letters, digits and ().-/_",
    autoname: true,
    source:
      "EC2 API CreateLaunchTemplate (LaunchTemplateName), https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateLaunchTemplate.html",
  },
  "aws:ec2/securityGroup:SecurityGroup": {
    field: "name",
    min: 1,
    max: 255,
    pattern: /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/,
    allowed: "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
    autoname: true,
    extra: (n) =>
      n.toLowerCase().startsWith("sg-")
        ? 'starts with "sg-", which EC2 reserves for group ids'
        : undefined,
    source:
      "EC2 API CreateSecurityGroup (GroupName), https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
  },
};

/** The name AWS will receive, and how it came about. */
export function effectiveName(
  r: PlanResource,
  spec: NameSpec,
): { name: string; how: string } | undefined {
  const set = r.inputs[spec.field];
  if (known(set)) return { name: String(set), how: `${spec.field} "${String(set)}"` };
  if (set !== undefined) return undefined; // unknown or secret: nothing to check
  const prefix = r.inputs["namePrefix"];
  if (known(prefix))
    return {
      name: `${String(prefix)}${"0".repeat(26)}`,
      how: `namePrefix "${String(prefix)}" plus the provider's 26-character suffix`,
    };
  if (!spec.autoname) return undefined;
  // S3 bucket names are generated in lower case.
  const logical = r.type === "aws:s3/bucket:Bucket" ? r.name.toLowerCase() : r.name;
  return { name: `${logical}-${"a".repeat(7)}`, how: `the generated name "${logical}-<7 hex>"` };
}

export const awsNames: Rule = {
  id: "aws-names",
  family: "aws",
  description:
    "names (set or generated by Pulumi) outside the type's length or character set: IAM roles and policies, S3 buckets, log groups, ECR, EKS, SNS, KMS aliases, alarms, CodeBuild, CodePipeline, launch templates, security groups",
  source: `${IAM_QUOTAS}; per type in NAME_SPECS (src/aws/names.ts)`,
  *check(ctx) {
    for (const [type, spec] of Object.entries(NAME_SPECS)) {
      for (const r of ctx.ofType(type)) {
        const effective = effectiveName(r, spec);
        if (!effective) continue;
        const { name, how } = effective;
        const problem = (message: string): Problem => ({
          severity: "error",
          urn: r.urn,
          message,
          source: spec.source,
        });
        if (name.length > spec.max || name.length < spec.min) {
          yield problem(
            `${how} is ${name.length} characters; ${type.split(":").pop()} names are ${spec.min}-${spec.max}${effective.how.startsWith("the generated") ? `: shorten the logical name to at most ${spec.max - 8} characters or set ${spec.field}` : ""}`,
          );
        }
        if (!spec.pattern.test(name)) {
          yield problem(`${how} has characters AWS refuses: only ${spec.allowed}`);
        }
        const extra = spec.extra?.(name);
        if (extra) yield problem(`${how} ${extra}`);
      }
    }
    // IAM paths: 1-512 characters, starting and ending with a slash.
    for (const r of ctx.ofType("aws:iam/role:Role", "aws:iam/policy:Policy")) {
      const p = r.inputs["path"];
      if (!known(p)) continue;
      if (!/^\/$|^\/[\u0021-\u007e]*\/$/.test(String(p)) || String(p).length > 512) {
        yield {
          severity: "error",
          urn: r.urn,
          message: `path "${String(p)}" is not an IAM path: 1-512 printable ASCII characters, starting and ending with /`,
          source: IAM_QUOTAS,
        };
      }
    }
  },
};
