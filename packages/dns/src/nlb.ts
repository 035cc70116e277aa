/**
 * `NlbService` (`platform:dns:NlbService`): a service exposed through a Network Load Balancer, in
 * the one safe pattern. WAF cannot attach to an NLB, so the layers are: a security group attached
 * at creation (it can never be added later) admitting only the configured sources on the listener
 * ports; TLS terminated with an ACM certificate and AWS's recommended TLS policy where the
 * protocol allows; target groups with health checks; access logs to the service's log bucket;
 * deletion protection in prod; AWS Shield Advanced by config (on for internet-facing services in
 * prod) on the NLB's Elastic IPs, with health-based detection from a Route 53 health check.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Problem } from "@platform/core";
import { nlbLogBucket } from "./nlb-logs";
import { NLB_TLS_POLICY, nlbProdProblems } from "./nlb-rules";
import { nlbSecurityGroup } from "./nlb-security-group";
import { nlbElasticIps, nlbShield } from "./nlb-shield";
import { nlbServiceSchema } from "./schema";
import type { NlbServiceConfigInput } from "./schema";

export interface NlbServiceArgs {
  /** The service's listeners, sources and options, as `nlbServiceSchema` takes them. */
  readonly config: NlbServiceConfigInput;
  readonly vpcId: pulumi.Input<string>;
  /**
   * Where the targets are (e.g. the VPC's CIDR): the security group lets the NLB reach them on
   * their ports and health-check ports, and nowhere else.
   */
  readonly targetCidrs: ReadonlyArray<pulumi.Input<string>>;
  /** One subnet per AZ: private subnets for internal, public for internet-facing. */
  readonly subnetIds: ReadonlyArray<pulumi.Input<string>>;
  /** Names the load balancer (at most 32 characters with its suffix) and its bucket. */
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * Prod: deletion protection must stay on, the log bucket (and Elastic IPs) are protected, Shield
   * Advanced on for an internet-facing service.
   */
  readonly prod: boolean;
  /**
   * A Route 53 health check of the service (e.g. `PublicRecords.healthCheckIds`' ARN) for Shield
   * Advanced's health-based detection of each Elastic IP: it reports events faster and with fewer
   * false positives.
   */
  readonly shieldHealthCheckArn?: pulumi.Input<string>;
}

/** What `NlbService` refuses beyond the schema's own problems (paths under `config`). */
export function nlbServiceArgProblems(args: NlbServiceArgs): Problem[] {
  const parsed = nlbServiceSchema.safeParse(args.config);
  if (!parsed.success)
    return parsed.error.issues.map((i) => ({
      path: ["config", ...i.path.map(String)],
      value: i.input,
      message: i.message,
    }));
  return nlbProdProblems(parsed.data, args.prod).map((p) => ({
    ...p,
    path: ["config", ...p.path],
  }));
}

export class NlbService extends pulumi.ComponentResource {
  public readonly loadBalancerArn: pulumi.Output<string>;
  /** For an alias record (`alias.name`, `alias.zoneId` of @platform/dns records). */
  public readonly dnsName: pulumi.Output<string>;
  public readonly zoneId: pulumi.Output<string>;
  public readonly securityGroupId: pulumi.Output<string>;
  /** Target group per listener port: the targets' owner registers them. */
  public readonly targetGroupArns: Record<number, pulumi.Output<string>>;
  public readonly logBucket: pulumi.Output<string>;

  constructor(name: string, args: NlbServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:dns:NlbService", name, {}, opts);
    const problems = nlbServiceArgProblems(args);
    if (problems.length)
      throw new pulumi.ResourceError(
        `invalid NLB service:\n  ${problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("\n  ")}`,
        this,
      );
    const config = nlbServiceSchema.parse(args.config);
    const child = { parent: this };

    const sg = nlbSecurityGroup(this, name, args, config);
    const shield = config.shieldAdvanced ?? (args.prod && config.scheme === "internet-facing");
    const eips = shield ? nlbElasticIps(this, name, args, args.prod) : [];

    const prefix = `nlb/${args.namePrefix}`;
    const logs = nlbLogBucket(this, name, {
      bucketName: `${args.namePrefix}-${args.accountId}-nlb-logs`,
      prefix,
      accountId: args.accountId,
      region: args.region,
      expireDays: config.accessLogDays,
      protect: args.prod,
    });
    const lb = new aws.lb.LoadBalancer(
      `${name}-nlb`,
      {
        name: args.namePrefix.slice(0, 28) + "-nlb",
        loadBalancerType: "network",
        internal: config.scheme === "internal",
        // Shield Advanced protects an NLB through its Elastic IPs, one per subnet (nlb-shield.ts).
        ...(shield
          ? {
              subnetMappings: args.subnetIds.map((subnetId, i) => ({
                subnetId,
                allocationId: eips[i]!.allocationId,
              })),
            }
          : { subnets: [...args.subnetIds] }),
        // Set at creation or never (load-balancer-security-groups.html).
        securityGroups: [sg.id],
        enableCrossZoneLoadBalancing: config.crossZone,
        enableDeletionProtection: config.deletionProtection,
        accessLogs: { bucket: logs.bucket.id, prefix, enabled: true },
        tags: { Name: `${args.namePrefix}-nlb` },
      },
      { ...child, dependsOn: [logs.policy] },
    );

    this.targetGroupArns = {};
    for (const l of config.listeners) {
      const targetPort = l.targetPort ?? l.port;
      // TLS terminates at the NLB: the targets receive TCP.
      const targetProtocol = l.protocol === "TLS" ? "TCP" : l.protocol;
      const hc = l.healthCheck;
      const group = new aws.lb.TargetGroup(
        `${name}-${l.port}`,
        {
          name: `${args.namePrefix.slice(0, 24)}-${l.port}`,
          port: targetPort,
          protocol: targetProtocol,
          vpcId: args.vpcId,
          targetType: config.targetType,
          healthCheck: {
            enabled: true,
            protocol: hc.protocol,
            port: String(hc.port ?? targetPort),
            path: hc.protocol === "TCP" ? undefined : (hc.path ?? "/"),
            interval: hc.intervalSeconds,
            healthyThreshold: hc.healthyThreshold,
            unhealthyThreshold: hc.unhealthyThreshold,
          },
          tags: { Name: `${args.namePrefix}-${l.port}` },
        },
        child,
      );
      new aws.lb.Listener(
        `${name}-${l.port}`,
        {
          loadBalancerArn: lb.arn,
          port: l.port,
          protocol: l.protocol,
          ...(l.protocol === "TLS"
            ? { certificateArn: l.certificateArn, sslPolicy: NLB_TLS_POLICY }
            : {}),
          defaultActions: [{ type: "forward", targetGroupArn: group.arn }],
        },
        child,
      );
      this.targetGroupArns[l.port] = group.arn;
    }

    if (shield) nlbShield(this, name, args, eips);

    this.loadBalancerArn = lb.arn;
    this.dnsName = lb.dnsName;
    this.zoneId = lb.zoneId;
    this.securityGroupId = sg.id;
    this.logBucket = logs.bucket.id;
    this.registerOutputs({
      loadBalancerArn: this.loadBalancerArn,
      dnsName: this.dnsName,
      zoneId: this.zoneId,
      securityGroupId: this.securityGroupId,
      targetGroupArns: this.targetGroupArns,
      logBucket: this.logBucket,
    });
  }
}
