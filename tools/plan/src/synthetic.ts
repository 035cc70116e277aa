/**
 * A synthetic stack for the policy benchmark: n resources in the proportions a real environment
 * has (VPCs with subnets and flow logs, buckets with their companions, keys, log groups,
 * security groups and rules, IAM role policies, workloads), all linked by property dependencies.
 */
import type { CapturedResource } from "@platform/policy-runner";

export function syntheticStack(n: number): CapturedResource[] {
  const out: CapturedResource[] = [];
  let i = 0;
  const add = (
    type: string,
    inputs: Record<string, unknown>,
    deps: Record<string, CapturedResource[]> = {},
    protect = false,
  ) => {
    const name = `r${i++}`;
    const propertyDependencies = Object.fromEntries(
      Object.entries(deps).map(([k, v]) => [k, v.map((r) => r.urn)]),
    );
    const r: CapturedResource = {
      urn: `urn:pulumi:bench::p::${type}::${name}`,
      type,
      name,
      inputs,
      dependencies: Object.values(propertyDependencies).flat(),
      propertyDependencies,
      protect,
    };
    out.push(r);
    return r;
  };
  // VPC v gets the v-th /24 of prod's /14 (1,024 of them): disjoint up to ~16,000 resources.
  for (let v = 0; out.length < n; v++) {
    const k = out.length;
    const vpc = add("aws:ec2/vpc:Vpc", { cidrBlock: `10.${24 + ((v >> 8) % 4)}.${v % 256}.0/24` });
    add("aws:ec2/flowLog:FlowLog", { trafficType: "ALL" }, { vpcId: [vpc] });
    for (let s = 0; s < 4; s++)
      add(
        "aws:ec2/subnet:Subnet",
        { mapPublicIpOnLaunch: false, tags: { Tier: "private" } },
        { vpcId: [vpc] },
      );
    const bucket = add("aws:s3/bucket:Bucket", { bucket: `b${k}` });
    add(
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      {
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      { bucket: [bucket] },
    );
    add(
      "aws:s3/bucketVersioning:BucketVersioning",
      { versioningConfiguration: { status: "Enabled" } },
      { bucket: [bucket] },
    );
    const key = add("aws:kms/key:Key", { enableKeyRotation: true }, {}, true);
    add(
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      {
        rules: [
          { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" } },
        ],
      },
      { bucket: [bucket, key] },
    );
    add(
      "aws:cloudwatch/logGroup:LogGroup",
      { retentionInDays: 400, kmsKeyId: "k" },
      { kmsKeyId: [key] },
    );
    const sg = add("aws:ec2/securityGroup:SecurityGroup", { vpcId: "v" }, { vpcId: [vpc] });
    add(
      "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
      { cidrIpv4: "10.0.0.0/8", fromPort: 443, toPort: 443, ipProtocol: "tcp" },
      { securityGroupId: [sg] },
    );
    add("aws:iam/rolePolicy:RolePolicy", {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
      }),
    });
    const securityContext = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    };
    const resources = {
      requests: { cpu: "100m", memory: "64Mi" },
      limits: { cpu: "1", memory: "256Mi" },
    };
    const container = { name: "c", image: "app:1.0", securityContext, resources };
    add("kubernetes:apps/v1:Deployment", {
      spec: { template: { spec: { containers: [container] } } },
    });
  }
  return out.slice(0, n);
}
