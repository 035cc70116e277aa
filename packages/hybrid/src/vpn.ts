/**
 * Site-to-Site VPN, one connection per on-premises device: its customer gateway, the tunnel log
 * group, the BGP connection with both tunnels' options pinned, its attachment in the hybrid table,
 * and alarms on each tunnel and on the connection.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup } from "@platform/core";
import type { AlarmFactory } from "./alarms";
import type { HybridConnectivityArgs } from "./args";
import { attachToHub } from "./attachments";
import { vpnRouterConfig } from "./router-config";
import { TUNNEL_OPTION_KEYS } from "./schema";
import type { TunnelOptions, VpnDeviceConfig } from "./schema";

/**
 * The VPN connection inputs of tunnel `n`: its inside CIDR and key, every option of `t` as
 * `tunnel<n><Option>`, and JSON logs to the device's log group.
 */
export function tunnelInputs(
  n: 1 | 2,
  device: VpnDeviceConfig,
  t: TunnelOptions,
  psk: pulumi.Input<string>,
  logGroupArn: pulumi.Input<string>,
): Record<string, unknown> {
  const options = TUNNEL_OPTION_KEYS.map((key) => [
    `tunnel${n}${key[0]!.toUpperCase()}${key.slice(1)}`,
    t[key],
  ]);
  return {
    [`tunnel${n}InsideCidr`]: device.tunnelInsideCidrs[n - 1],
    [`tunnel${n}PresharedKey`]: psk,
    ...Object.fromEntries(options),
    [`tunnel${n}LogOptions`]: {
      cloudwatchLogOptions: { logEnabled: true, logGroupArn, logOutputFormat: "json" },
    },
  };
}

/**
 * Creates one device's VPN path; returns its "no tunnel up" alarm (for the composite alarm) and
 * its part of the router config.
 */
export function vpnConnection(
  parent: pulumi.Resource,
  name: string,
  args: HybridConnectivityArgs,
  device: VpnDeviceConfig,
  alarm: AlarmFactory,
): { downAlarm: aws.cloudwatch.MetricAlarm; routerConfig: pulumi.Output<unknown> } {
  const child = { parent };
  const t = args.config.vpn.tunnel;
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
      retentionInDays: args.config.vpn.tunnelLogRetentionInDays,
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    child,
  );
  const [psk1, psk2] = args.preSharedKeys[device.name]!;
  const vpn = new aws.ec2.VpnConnection(
    `${name}-${device.name}`,
    {
      customerGatewayId: cgw.id,
      transitGatewayId: args.transitGatewayId,
      type: "ipsec.1",
      staticRoutesOnly: false,
      ...tunnelInputs(1, device, t, psk1, logs.logGroup.arn),
      ...tunnelInputs(2, device, t, psk2, logs.logGroup.arn),
      tags: { Name: `${args.namePrefix}-${device.name}` },
    } as aws.ec2.VpnConnectionArgs,
    child,
  );
  attachToHub(parent, name, args, device.name, vpn.transitGatewayAttachmentId, [vpn]);
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
  const downAlarm = alarm(
    `${device.name}-vpn-down`,
    `VPN ${device.name}: no tunnel has BGP established (AWS/VPN TunnelState maximum < 1)`,
    {
      namespace: "AWS/VPN",
      metricName: "TunnelState",
      dimensions: { VpnId: vpn.id },
      statistic: "Maximum",
      threshold: 1,
    },
  );
  const routerConfig = pulumi
    .all([
      vpn.tunnel1Address,
      vpn.tunnel2Address,
      vpn.tunnel1CgwInsideAddress,
      vpn.tunnel1VgwInsideAddress,
      vpn.tunnel2CgwInsideAddress,
      vpn.tunnel2VgwInsideAddress,
    ])
    .apply(([o1, o2, c1, a1, c2, a2]) =>
      vpnRouterConfig(device, t, args.transitGatewayAsn, [
        { outsideIp: o1, awsInsideIp: a1, customerInsideIp: c1 },
        { outsideIp: o2, awsInsideIp: a2, customerInsideIp: c2 },
      ]),
    );
  return { downAlarm, routerConfig };
}
