/**
 * The security group in front of a search endpoint (domain ENIs or the serverless VPC endpoint):
 * HTTPS (443) from the configured CIDRs only, as separate rule resources (no inline rules), and no
 * egress rule (the group is stateful: replies need none, and the endpoint starts no connection).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

export interface SearchSecurityGroupArgs {
  readonly vpcId: string;
  readonly allowedCidrs: readonly string[];
  readonly description: string;
  /** The Name tag. */
  readonly tagName: string;
}

/** Children: `<name>` (the group), `<name>-https-<i>` (one ingress rule per CIDR). */
export function searchSecurityGroup(
  name: string,
  args: SearchSecurityGroupArgs,
  opts: pulumi.CustomResourceOptions,
): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(
    name,
    { vpcId: args.vpcId, description: args.description, tags: { Name: args.tagName } },
    opts,
  );
  args.allowedCidrs.forEach((cidr, i) => {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-https-${i}`,
      {
        securityGroupId: sg.id,
        description: `HTTPS from ${cidr}`,
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrIpv4: cidr,
      },
      opts,
    );
  });
  return sg;
}
