/**
 * `PrivateZone` (`platform:dns:PrivateZone`): an environment's private hosted zone
 * (`<env>.<internal domain>`) in its own account, associated with its VPC, and with the hub's
 * shared-services VPC in the network account so that the Resolver inbound endpoint there answers
 * it for on premises. A zone and a VPC in different accounts are associated in two steps: the
 * zone's account authorises the association (`CreateVPCAssociationAuthorization`), then the VPC's
 * account associates (`AssociateVPCWithHostedZone`)
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zone-private-associate-vpcs-different-accounts.html).
 * The environment's VPC also gets the hub's shared forwarding rules (on-premises domains).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { domainLabel } from "./resolver";

export interface PrivateZoneArgs {
  /** The zone's name, `<env>.<internal domain>`. */
  readonly zoneName: string;
  /** The environment's VPC (the zone is created associated with it). */
  readonly vpcId: pulumi.Input<string>;
  /**
   * The hub's shared-services VPC and a provider in the network account (the VPC's owner makes
   * the association). Omitted: the zone is answered only inside the environment's VPC.
   */
  readonly hub?: {
    readonly vpcId: pulumi.Input<string>;
    readonly region: string;
    readonly provider: aws.Provider;
  };
  /** The hub's forwarding rules (shared through RAM), by domain, to associate with the VPC. */
  readonly ruleIds?: Readonly<Record<string, pulumi.Input<string>>>;
  /**
   * The RAM share of the rules to accept first, when the hub shares by invitation (organisation
   * sharing needs no acceptance).
   */
  readonly acceptShareArn?: pulumi.Input<string>;
  /** Protect the zone (prod). */
  readonly protect?: boolean;
}

export class PrivateZone extends pulumi.ComponentResource {
  public readonly zoneId: pulumi.Output<string>;
  public readonly zoneName: string;

  constructor(name: string, args: PrivateZoneArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dns:PrivateZone", name, {}, opts);
    const child = { parent: this };
    const zone = new aws.route53.Zone(
      `${name}-zone`,
      {
        name: args.zoneName,
        comment: `Private zone of ${args.zoneName}, managed by Pulumi`,
        vpcs: [{ vpcId: args.vpcId }],
        tags: { Name: args.zoneName },
      },
      // The hub's association is its own resource: an inline `vpcs` list would remove it on the
      // next update, so the zone ignores changes to it (the provider's documented pattern).
      { ...child, protect: args.protect, ignoreChanges: ["vpcs"] },
    );
    this.zoneId = zone.id;
    this.zoneName = args.zoneName;

    if (args.hub) {
      const authorization = new aws.route53.VpcAssociationAuthorization(
        `${name}-hub`,
        { zoneId: zone.id, vpcId: args.hub.vpcId, vpcRegion: args.hub.region },
        child,
      );
      new aws.route53.ZoneAssociation(
        `${name}-hub`,
        {
          zoneId: authorization.zoneId,
          vpcId: authorization.vpcId,
          vpcRegion: args.hub.region,
        },
        { ...child, provider: args.hub.provider, dependsOn: [authorization] },
      );
    }

    const accepted =
      args.acceptShareArn === undefined
        ? []
        : [
            new aws.ram.ResourceShareAccepter(
              `${name}-rules`,
              { shareArn: args.acceptShareArn },
              child,
            ),
          ];
    for (const [domain, ruleId] of Object.entries(args.ruleIds ?? {}))
      new aws.route53.ResolverRuleAssociation(
        `${name}-forward-${domainLabel(domain)}`,
        { resolverRuleId: ruleId, vpcId: args.vpcId },
        { ...child, dependsOn: accepted },
      );

    this.registerOutputs({ zoneId: this.zoneId, zoneName: this.zoneName });
  }
}
