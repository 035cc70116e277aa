/**
 * Defaults made explicit: a default security group with no rules, and the default NACL with
 * AWS's own allow-all rules (the subnets' security lives in security groups) adopted as code.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

/** The rule AWS puts in a default NACL, in each direction: all traffic allowed. */
const ALLOW_ALL = {
  protocol: "-1",
  ruleNo: 100,
  action: "allow",
  cidrBlock: "0.0.0.0/0",
  fromPort: 0,
  toPort: 0,
};

export function managedDefaults(
  parent: pulumi.Resource,
  name: string,
  vpc: aws.ec2.Vpc,
  subnets: readonly aws.ec2.Subnet[],
): void {
  new aws.ec2.DefaultSecurityGroup(
    `${name}-default-sg`,
    { vpcId: vpc.id, ingress: [], egress: [], tags: { Name: `${name}-default-closed` } },
    { parent },
  );
  new aws.ec2.DefaultNetworkAcl(
    `${name}-default-nacl`,
    {
      defaultNetworkAclId: vpc.defaultNetworkAclId,
      subnetIds: subnets.map((s) => s.id),
      ingress: [ALLOW_ALL],
      egress: [ALLOW_ALL],
      tags: { Name: `${name}-default` },
    },
    { parent },
  );
}
