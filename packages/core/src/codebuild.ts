/**
 * What a CodeBuild project's service role needs to run builds in a VPC: CodeBuild creates an
 * elastic network interface in the project's subnets with the project's security group, describes
 * the network, deletes the interface after the build, and lets the CodeBuild service use it. AWS's
 * example grants the create and delete calls on "*"; here they are scoped to the project's subnets,
 * its security group and the account's network interfaces, and CreateNetworkInterfacePermission
 * keeps AWS's conditions (the subnets, the CodeBuild service). The describes have no resource-level
 * permissions. Sources: AWS CodeBuild User Guide, "Allow CodeBuild access to AWS services required
 * to create a VPC network interface"
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-identity-based-access-control.html#customer-managed-policies-example-create-vpc-network-interface),
 * "Use AWS CodeBuild with Amazon Virtual Private Cloud"
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/vpc-support.html); Service
 * Authorization Reference, Amazon EC2.
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
      Sid: "DescribeTheVpc",
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
      Sid: "BuildInterfaces",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterface",
      Resource: [interfaces, ...subnets, `${ec2}:security-group/${args.securityGroupId}`],
    },
    {
      Sid: "RemoveInterfaces",
      Effect: "Allow",
      Action: "ec2:DeleteNetworkInterface",
      Resource: interfaces,
    },
    {
      Sid: "InterfacePermission",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterfacePermission",
      Resource: interfaces,
      Condition: {
        StringEquals: { "ec2:Subnet": subnets, "ec2:AuthorizedService": "codebuild.amazonaws.com" },
      },
    },
  ];
}
