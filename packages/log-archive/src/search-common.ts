/**
 * What a domain and a serverless collection both have: their own rotating KMS key, usable by the
 * account only through the search service (search-policies.ts), and the security group in front
 * of the endpoint (domain ENIs or the serverless VPC endpoint): HTTPS (443) from the configured
 * CIDRs only, as separate rule resources (no inline rules), and no egress rule (the group is
 * stateful: replies need none, and the endpoint starts no connection).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { searchKeyPolicy } from "./search-policies";

export interface SearchKeyArgs {
  readonly description: string;
  readonly service: "es" | "aoss";
  readonly accountId: string;
  readonly region: string;
  readonly protect: boolean;
}

/** A search key, `<name>` (protected by config). */
export function searchKey(
  name: string,
  args: SearchKeyArgs,
  opts: pulumi.CustomResourceOptions,
): aws.kms.Key {
  return new aws.kms.Key(
    name,
    {
      description: args.description,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
      policy: JSON.stringify(searchKeyPolicy(args.accountId, args.region, args.service)),
    },
    { ...opts, protect: args.protect },
  );
}

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
