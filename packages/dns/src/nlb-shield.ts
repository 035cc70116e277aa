/**
 * AWS Shield Advanced for an NLB service. Shield Advanced does not take an NLB's ARN: "You can
 * protect Amazon EC2 instances and Network Load Balancers by first attaching these resources to
 * Elastic IP addresses, and then protecting the Elastic IP addresses" (ddos-protections-ec2-nlb.html;
 * CreateProtection accepts `arn:aws:ec2:<region>:<account>:eip-allocation/<allocation id>`). So a
 * protected NLB is internet-facing with one Elastic IP per subnet (its subnet mappings), each
 * protected, each with health-based detection from the service's Route 53 health check.
 * https://docs.aws.amazon.com/waf/latest/developerguide/ddos-protections-ec2-nlb.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** One Elastic IP per subnet, for the NLB's subnet mappings. */
export function nlbElasticIps(
  parent: pulumi.ComponentResource,
  name: string,
  args: { readonly namePrefix: string; readonly subnetIds: ReadonlyArray<pulumi.Input<string>> },
  protect: boolean,
): aws.ec2.Eip[] {
  return args.subnetIds.map(
    (_subnet, i) =>
      new aws.ec2.Eip(
        `${name}-eip-${i}`,
        { domain: "vpc", tags: { Name: `${args.namePrefix}-nlb-${i}` } },
        // A protected service keeps its public addresses (clients and allow lists know them).
        { parent, protect },
      ),
  );
}

/** A Shield Advanced protection per Elastic IP, with health-based detection when given. */
export function nlbShield(
  parent: pulumi.ComponentResource,
  name: string,
  args: {
    readonly namePrefix: string;
    readonly accountId: string;
    readonly region: string;
    readonly shieldHealthCheckArn?: pulumi.Input<string>;
  },
  eips: readonly aws.ec2.Eip[],
): void {
  const child = { parent };
  eips.forEach((eip, i) => {
    // Protection needs an active Shield Advanced subscription in the account; the subscription
    // is an organisational commitment and is never created here.
    // https://docs.aws.amazon.com/waf/latest/developerguide/ddos-advanced-health-checks.html
    const protection = new aws.shield.Protection(
      `${name}-shield-${i}`,
      {
        name: `${args.namePrefix}-nlb-${i}`,
        resourceArn: pulumi.interpolate`arn:aws:ec2:${args.region}:${args.accountId}:eip-allocation/${eip.allocationId}`,
      },
      child,
    );
    if (args.shieldHealthCheckArn !== undefined)
      new aws.shield.ProtectionHealthCheckAssociation(
        `${name}-shield-health-${i}`,
        { shieldProtectionId: protection.id, healthCheckArn: args.shieldHealthCheckArn },
        child,
      );
  });
}
