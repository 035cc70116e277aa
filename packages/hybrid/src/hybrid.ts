import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { alarmTiming, EncryptedLogGroup, encryptedTopic } from "@platform/core";
import type { AddressPlan } from "./prefixes";
import {
  dxAllowedPrefixes,
  prefixProblems,
  unplannedSharedVpcs,
  vpnAdvertisedPrefixes,
} from "./prefixes";
import type { HybridSpec } from "./spec";
import { hybridProblems } from "./validation";

export interface HybridConnectivityArgs {
  readonly spec: HybridSpec;
  readonly addressPlan: AddressPlan;
  /**
   * CIDRs of the VPCs the hub attaches inside the shared-services ranges (the shared-services VPC).
   * Only the ranges holding one are advertised to on-premises: the others have no route.
   */
  readonly attachedSharedVpcs: readonly string[];
  /** Whether the hybrid segment summarises spokes (see @platform/transit-gateway). */
  readonly hybridSummarises: boolean;
  readonly transitGatewayId: pulumi.Input<string>;
  /** The hybrid segment's route table: DX and VPN attachments associate with it. */
  readonly hybridRouteTableId: pulumi.Input<string>;
  /** Tables of the segments allowed to reach on-premises: DX and VPN propagate into them. */
  readonly propagateRouteTableIds: Readonly<Record<string, pulumi.Input<string>>>;
  /** BGP MD5 key of the transit VIF (a secret). */
  readonly dxBgpAuthKey?: pulumi.Input<string>;
  /** Pre-shared keys per device, tunnel 1 and 2 (secrets). */
  readonly preSharedKeys: Readonly<
    Record<string, readonly [pulumi.Input<string>, pulumi.Input<string>]>
  >;
  readonly alarmEmails: readonly string[];
  readonly tunnelLogRetentionInDays: number;
  readonly namePrefix: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

/**
 * Direct Connect (transit VIF on an existing connection, DX gateway, association with allowed
 * prefixes from the address plan) and one Site-to-Site VPN per on-premises device as failover,
 * both attached to the Transit Gateway, associated with the hybrid table and propagated into the
 * segments that reach on-premises; alarms on every tunnel, the DX connection and its BGP session,
 * and a composite alarm for "traffic is on VPN".
 */
export class HybridConnectivity extends pulumi.ComponentResource {
  readonly topicArn: pulumi.Output<string>;
  /** What the on-premises team configures on its routers (no secrets). */
  readonly routerConfig: pulumi.Output<unknown>;

  constructor(name: string, args: HybridConnectivityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:network:HybridConnectivity", name, {}, opts);
    const { spec } = args;
    const problems = [
      ...hybridProblems(spec).map(
        (p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`,
      ),
      ...prefixProblems(
        dxAllowedPrefixes(args.addressPlan, args.attachedSharedVpcs),
        vpnAdvertisedPrefixes(args.addressPlan, args.hybridSummarises, args.attachedSharedVpcs),
        spec.allowedPrefixQuota,
      ),
      ...unplannedSharedVpcs(args.addressPlan, args.attachedSharedVpcs).map(
        (vpc) =>
          `attached shared-services VPC ${vpc} lies in no shared-services range of the address plan (${args.addressPlan.sharedServices.join(", ")})`,
      ),
    ];
    for (const device of spec.vpn.devices) {
      if (!args.preSharedKeys[device.name])
        problems.push(`no pre-shared keys for VPN device ${device.name}`);
    }
    if (spec.directConnect && !args.dxBgpAuthKey)
      problems.push("directConnect needs a BGP auth key (a secret)");
    if (problems.length)
      throw new pulumi.ResourceError(
        `invalid hybrid connectivity:\n  ${problems.join("\n  ")}`,
        this,
      );

    const child = { parent: this };
    const anchor = { parent: this, protect: args.protect };

    // CloudWatch alarms cannot publish to a topic under alias/aws/sns: a customer key they may use.
    const { topic } = encryptedTopic(
      `${name}-alarms`,
      {
        topicName: `${args.namePrefix}-hybrid-alarms`,
        publishers: ["cloudwatch"],
        accountId: args.accountId,
        region: args.region,
        protect: args.protect,
      },
      child,
    );
    args.alarmEmails.forEach(
      (email, i) =>
        new aws.sns.TopicSubscription(
          `${name}-alarms-${i}`,
          { topic: topic.arn, protocol: "email", endpoint: email },
          child,
        ),
    );
    this.topicArn = topic.arn;
    const alarm = (
      id: string,
      description: string,
      a: Omit<
        aws.cloudwatch.MetricAlarmArgs,
        | "alarmActions"
        | "okActions"
        | "insufficientDataActions"
        | "comparisonOperator"
        | "evaluationPeriods"
        | "period"
        | "treatMissingData"
      > & { namespace: string; metricName: string },
    ) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${id}`,
        {
          name: `${args.namePrefix}-${id}`,
          alarmDescription: description,
          comparisonOperator: "LessThanThreshold",
          // Period and missing data follow the metric's publication interval (METRIC_PUBLICATION):
          // a shorter period sees empty periods and, with missing data as breaching, flaps.
          ...alarmTiming(a.namespace, a.metricName),
          alarmActions: [topic.arn],
          okActions: [topic.arn],
          // A delivery gap is reported as such (INSUFFICIENT_DATA), not as an outage.
          insufficientDataActions: [topic.arn],
          ...a,
        },
        child,
      );

    const attach = (
      id: string,
      attachmentId: pulumi.Input<string>,
      dependsOn: pulumi.Resource[],
    ) => {
      new aws.ec2transitgateway.RouteTableAssociation(
        `${name}-${id}-associate-hybrid`,
        {
          transitGatewayAttachmentId: attachmentId,
          transitGatewayRouteTableId: args.hybridRouteTableId,
          replaceExistingAssociation: false,
        },
        { ...child, dependsOn },
      );
      for (const [segment, tableId] of Object.entries(args.propagateRouteTableIds)) {
        new aws.ec2transitgateway.RouteTablePropagation(
          `${name}-${id}-propagate-${segment}`,
          { transitGatewayAttachmentId: attachmentId, transitGatewayRouteTableId: tableId },
          { ...child, dependsOn },
        );
      }
    };

    // Direct Connect.
    const dxPrefixes = dxAllowedPrefixes(args.addressPlan, args.attachedSharedVpcs);
    let dxAlarms: aws.cloudwatch.MetricAlarm[] = [];
    let dxConfig: Record<string, unknown> | undefined;
    if (spec.directConnect) {
      const dx = spec.directConnect;
      const gateway = new aws.directconnect.Gateway(
        `${name}-dxgw`,
        { name: `${args.namePrefix}-dxgw`, amazonSideAsn: String(dx.gatewayAsn) },
        anchor,
      );
      const vif = new aws.directconnect.TransitVirtualInterface(
        `${name}-vif`,
        {
          name: `${args.namePrefix}-transit-vif`,
          connectionId: dx.connectionId,
          dxGatewayId: gateway.id,
          vlan: dx.vlan,
          bgpAsn: dx.customerAsn,
          addressFamily: "ipv4",
          amazonAddress: dx.amazonAddress,
          customerAddress: dx.customerAddress,
          mtu: dx.mtu,
          bgpAuthKey: args.dxBgpAuthKey,
          sitelinkEnabled: false,
        },
        anchor,
      );
      const association = new aws.directconnect.GatewayAssociation(
        `${name}-dxgw-tgw`,
        {
          dxGatewayId: gateway.id,
          associatedGatewayId: args.transitGatewayId,
          allowedPrefixes: dxPrefixes,
        },
        child,
      );
      const dxAttachment = aws.ec2transitgateway.getDirectConnectGatewayAttachmentOutput(
        { transitGatewayId: args.transitGatewayId, dxGatewayId: gateway.id },
        { parent: this, dependsOn: [association] },
      );
      attach("dx", dxAttachment.id, [association]);
      dxAlarms = [
        alarm(
          "dx-connection-down",
          "Direct Connect connection is down (AWS/DX ConnectionState < 1): traffic fails over to VPN",
          {
            namespace: "AWS/DX",
            metricName: "ConnectionState",
            dimensions: { ConnectionId: dx.connectionId },
            statistic: "Minimum",
            threshold: 1,
          },
        ),
        alarm(
          "dx-bgp-down",
          "BGP on the transit VIF is down (AWS/DX VirtualInterfaceBgpStatus < 1): AWS withdrew DX routes, traffic is on VPN",
          {
            namespace: "AWS/DX",
            metricName: "VirtualInterfaceBgpStatus",
            dimensions: { ConnectionId: dx.connectionId, VirtualInterfaceId: vif.id },
            statistic: "Minimum",
            threshold: 1,
          },
        ),
      ];
      dxConfig = {
        vlan: dx.vlan,
        amazonAddress: dx.amazonAddress,
        customerAddress: dx.customerAddress,
        awsAsn: dx.gatewayAsn,
        customerAsn: dx.customerAsn,
        mtu: dx.mtu,
        bfd: "enable asynchronous BFD on your router (AWS has it on); without it failover waits for the 90 s BGP hold timer",
      };
    }

    // Site-to-Site VPN, one connection per on-premises device.
    const t = spec.vpn.tunnel;
    const vpnDownAlarms: aws.cloudwatch.MetricAlarm[] = [];
    const vpnConfig = spec.vpn.devices.map((device) => {
      const cgw = new aws.ec2.CustomerGateway(
        `${name}-${device.name}`,
        {
          bgpAsn: String(device.bgpAsn),
          ipAddress: device.ipAddress,
          type: "ipsec.1",
          deviceName: device.name,
          tags: { Name: `${args.namePrefix}-${device.name}` },
        },
        child,
      );
      const logs = new EncryptedLogGroup(
        `${name}-${device.name}-tunnel-logs`,
        {
          logGroupName: `/platform/${args.namePrefix}/vpn/${device.name}`,
          retentionInDays: args.tunnelLogRetentionInDays,
          accountId: args.accountId,
          region: args.region,
          protect: args.protect,
        },
        child,
      );
      const [psk1, psk2] = args.preSharedKeys[device.name]!;
      const tunnel = (n: 1 | 2, psk: pulumi.Input<string>) => ({
        [`tunnel${n}InsideCidr`]: device.tunnelInsideCidrs[n - 1],
        [`tunnel${n}PresharedKey`]: psk,
        [`tunnel${n}IkeVersions`]: t.ikeVersions,
        [`tunnel${n}Phase1EncryptionAlgorithms`]: t.phase1EncryptionAlgorithms,
        [`tunnel${n}Phase2EncryptionAlgorithms`]: t.phase2EncryptionAlgorithms,
        [`tunnel${n}Phase1IntegrityAlgorithms`]: t.phase1IntegrityAlgorithms,
        [`tunnel${n}Phase2IntegrityAlgorithms`]: t.phase2IntegrityAlgorithms,
        [`tunnel${n}Phase1DhGroupNumbers`]: t.phase1DhGroupNumbers,
        [`tunnel${n}Phase2DhGroupNumbers`]: t.phase2DhGroupNumbers,
        [`tunnel${n}Phase1LifetimeSeconds`]: t.phase1LifetimeSeconds,
        [`tunnel${n}Phase2LifetimeSeconds`]: t.phase2LifetimeSeconds,
        [`tunnel${n}RekeyMarginTimeSeconds`]: t.rekeyMarginTimeSeconds,
        [`tunnel${n}DpdTimeoutSeconds`]: t.dpdTimeoutSeconds,
        [`tunnel${n}DpdTimeoutAction`]: t.dpdTimeoutAction,
        [`tunnel${n}StartupAction`]: t.startupAction,
        [`tunnel${n}LogOptions`]: {
          cloudwatchLogOptions: {
            logEnabled: true,
            logGroupArn: logs.logGroup.arn,
            logOutputFormat: "json",
          },
        },
      });
      const vpn = new aws.ec2.VpnConnection(
        `${name}-${device.name}`,
        {
          customerGatewayId: cgw.id,
          transitGatewayId: args.transitGatewayId,
          type: "ipsec.1",
          staticRoutesOnly: false,
          ...tunnel(1, psk1),
          ...tunnel(2, psk2),
          tags: { Name: `${args.namePrefix}-${device.name}` },
        } as aws.ec2.VpnConnectionArgs,
        child,
      );
      attach(device.name, vpn.transitGatewayAttachmentId, [vpn]);
      for (const n of [1, 2] as const) {
        alarm(
          `${device.name}-tunnel${n}-down`,
          `VPN ${device.name} tunnel ${n}: BGP is not established (AWS/VPN TunnelState < 1; for BGP VPNs 1 means established)`,
          {
            namespace: "AWS/VPN",
            metricName: "TunnelState",
            dimensions: {
              VpnId: vpn.id,
              TunnelIpAddress: n === 1 ? vpn.tunnel1Address : vpn.tunnel2Address,
            },
            statistic: "Maximum",
            threshold: 1,
          },
        );
      }
      vpnDownAlarms.push(
        alarm(
          `${device.name}-vpn-down`,
          `VPN ${device.name}: no tunnel has BGP established (AWS/VPN TunnelState maximum < 1)`,
          {
            namespace: "AWS/VPN",
            metricName: "TunnelState",
            dimensions: { VpnId: vpn.id },
            statistic: "Maximum",
            threshold: 1,
          },
        ),
      );
      return pulumi
        .all([
          vpn.tunnel1Address,
          vpn.tunnel2Address,
          vpn.tunnel1CgwInsideAddress,
          vpn.tunnel1VgwInsideAddress,
          vpn.tunnel2CgwInsideAddress,
          vpn.tunnel2VgwInsideAddress,
        ])
        .apply(([o1, o2, c1, a1, c2, a2]) => ({
          device: device.name,
          customerAsn: device.bgpAsn,
          awsAsn: spec.transitGatewayAsn,
          tunnels: [
            {
              outsideIp: o1,
              insideCidr: device.tunnelInsideCidrs[0],
              awsInsideIp: a1,
              customerInsideIp: c1,
            },
            {
              outsideIp: o2,
              insideCidr: device.tunnelInsideCidrs[1],
              awsInsideIp: a2,
              customerInsideIp: c2,
            },
          ],
          ike: {
            versions: t.ikeVersions,
            phase1: t.phase1EncryptionAlgorithms,
            phase2: t.phase2EncryptionAlgorithms,
            dpdTimeoutAction: t.dpdTimeoutAction,
            startupAction: t.startupAction,
          },
          preSharedKeys: "in the stack's secret config (vpnPsk-<device>-<n>); never in outputs",
        }));
    });

    // "Traffic is on VPN": Direct Connect is down while at least one VPN connection is up.
    if (dxAlarms.length && vpnDownAlarms.length) {
      const dxDown = dxAlarms.map((a) => pulumi.interpolate`ALARM("${a.name}")`);
      const allVpnDown = vpnDownAlarms.map((a) => pulumi.interpolate`ALARM("${a.name}")`);
      new aws.cloudwatch.CompositeAlarm(
        `${name}-traffic-on-vpn`,
        {
          alarmName: `${args.namePrefix}-traffic-on-vpn`,
          alarmDescription:
            "Direct Connect is down and VPN carries on-premises traffic: follow docs/runbooks/dx-vpn-failover.md",
          alarmRule: pulumi
            .all([pulumi.all(dxDown), pulumi.all(allVpnDown)])
            .apply(([dx, vpn]) => `(${dx.join(" OR ")}) AND NOT (${vpn.join(" AND ")})`),
          alarmActions: [topic.arn],
          okActions: [topic.arn],
        },
        child,
      );
    }

    this.routerConfig = pulumi.all(vpnConfig).apply((vpn) => ({
      awsAsns: {
        transitGateway: spec.transitGatewayAsn,
        directConnectGateway: spec.directConnect?.gatewayAsn,
      },
      directConnect: dxConfig,
      vpn,
      prefixesAwsAdvertisesOverDx: dxPrefixes,
      prefixesAwsAdvertisesOverVpn: vpnAdvertisedPrefixes(
        args.addressPlan,
        args.hybridSummarises,
        args.attachedSharedVpcs,
      ),
      prefixesToAdvertiseToAws: args.addressPlan.onPremises,
      preference: {
        inbound:
          "prefer routes learned from the Direct Connect BGP neighbour: local-preference 200 on the DX session, 100 on the VPN tunnels (AWS advertises the same prefixes on both)",
        outbound:
          "advertise the same on-premises prefixes over DX and VPN; AWS prefers DX for equal prefixes (Transit Gateway route order). If you must influence AWS further, use BGP communities 7224:7100-7300 on the DX session; never advertise more specific prefixes over VPN",
      },
    }));
    this.registerOutputs({ topicArn: this.topicArn, routerConfig: this.routerConfig });
  }
}
