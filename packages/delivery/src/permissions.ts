/**
 * IAM statements of the delivery roles that depend on facts AWS documents per service (pure).
 */

/**
 * `UseConnection` under the connection's own service prefix. AWS CodeStar Connections was renamed
 * AWS CodeConnections on 2024-03-29: connections created since carry `arn:aws:codeconnections:`,
 * older ones keep `arn:aws:codestar-connections:`, and "when specifying a resource in the IAM
 * policy, the service prefix needs to match that of the resource" (Developer Tools console User
 * Guide, "Connections rename - Summary of changes",
 * https://docs.aws.amazon.com/dtconsole/latest/userguide/rename.html).
 */
export function useConnectionAction(connectionArn: string): string {
  const service = connectionArn.split(":")[2];
  if (service !== "codeconnections" && service !== "codestar-connections")
    throw new Error(
      `connection ${connectionArn} is neither a CodeConnections nor a CodeStar Connections ARN`,
    );
  return `${service}:UseConnection`;
}

/**
 * What a CodeBuild project's service role needs for builds in a VPC: CodeBuild creates an elastic
 * network interface in the project's subnets with the project's security groups, describes the
 * network, deletes the interface after the build, and lets the CodeBuild service use it. AWS's
 * example grants CreateNetworkInterface and DeleteNetworkInterface on "*"; here they are scoped to
 * the project's subnets, security group and the account's network interfaces, and
 * CreateNetworkInterfacePermission keeps AWS's conditions (the subnets, the CodeBuild service).
 * Source: AWS CodeBuild User Guide, "Allow CodeBuild access to AWS services required to create a
 * VPC network interface" (https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html#customer-managed-policies-example-create-vpc-network-interface)
 * and "Use AWS CodeBuild with Amazon Virtual Private Cloud"
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/vpc-support.html).
 */
export function codeBuildVpcStatements(args: {
  readonly region: string;
  readonly accountId: string;
  readonly subnetIds: readonly string[];
  readonly securityGroupId: string;
}) {
  const ec2 = `arn:aws:ec2:${args.region}:${args.accountId}`;
  const subnets = args.subnetIds.map((id) => `${ec2}:subnet/${id}`);
  const interfaces = `${ec2}:network-interface/*`;
  return [
    {
      Effect: "Allow",
      Action: [
        "ec2:DescribeDhcpOptions",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeVpcs",
      ],
      Resource: "*",
    },
    {
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: [interfaces, ...subnets, `${ec2}:security-group/${args.securityGroupId}`],
    },
    { Effect: "Allow", Action: "ec2:DeleteNetworkInterface", Resource: interfaces },
    {
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterfacePermission",
      Resource: interfaces,
      Condition: {
        StringEquals: { "ec2:Subnet": subnets, "ec2:AuthorizedService": "codebuild.amazonaws.com" },
      },
    },
  ];
}

/**
 * The Pod Security Standard an application namespace enforces: restricted (no privilege, no host
 * access, non-root, seccomp RuntimeDefault, all capabilities dropped), audited and warned alike.
 * Source: Kubernetes, "Pod Security Admission" and "Pod Security Standards"
 * (https://kubernetes.io/docs/concepts/security/pod-security-admission/).
 */
export const RESTRICTED_NAMESPACE_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
} as const;
