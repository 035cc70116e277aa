import type { DashboardSpec } from "./model";

// CloudWatch SEARCH finds every connection and tunnel without naming them (CloudWatch docs,
// Using search expressions in graphs: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-search-expressions.html).
// AWS/DX ConnectionState is 1 up / 0 down; AWS/VPN TunnelState is 1 up / 0 down, per VpnId
// (Direct Connect and Site-to-Site VPN User Guides, CloudWatch metrics).
const dxState = `SEARCH('{AWS/DX,ConnectionId} MetricName="ConnectionState"', 'Minimum', 300)`;
const vpnState = `SEARCH('{AWS/VPN,VpnId} MetricName="TunnelState"', 'Maximum', 300)`;

/** The hybrid network (DX primary, VPN failover) in the same Grafana as the cluster. */
export const networkDashboard: DashboardSpec = {
  uid: "platform-network",
  title: "Platform / Network (DX and VPN)",
  description:
    "Direct Connect and Site-to-Site VPN from CloudWatch: connection and tunnel state, traffic per tunnel, and whether on-premises traffic is on the VPN failover path (docs/runbooks/dx-vpn-failover.md).",
  rows: [
    {
      title: "State",
      panels: [
        {
          title: "On VPN",
          description:
            "1 when every Direct Connect connection is down while a VPN tunnel is up: traffic is on the failover path (the hybrid stack's traffic-on-vpn alarm).",
          kind: "stat",
          queries: [
            { cloudwatch: dxState, id: "dx", hidden: true },
            { cloudwatch: vpnState, id: "vpn", hidden: true },
            { cloudwatch: "IF(MAX(dx) < 1 AND MAX(vpn) > 0, 1, 0)", id: "onvpn", legend: "on VPN" },
          ],
        },
        {
          title: "Direct Connect state",
          description: "ConnectionState per DX connection (1 up, 0 down).",
          kind: "timeseries",
          queries: [{ cloudwatch: dxState, id: "dx", legend: "${PROP('Dim.ConnectionId')}" }],
        },
        {
          title: "VPN tunnel state",
          description: "TunnelState per VPN connection (1 when a tunnel is up).",
          kind: "timeseries",
          queries: [{ cloudwatch: vpnState, id: "vpn", legend: "${PROP('Dim.VpnId')}" }],
        },
      ],
    },
    {
      title: "Traffic",
      panels: [
        {
          title: "Direct Connect traffic",
          description: "Bits per second in and out per DX connection.",
          kind: "timeseries",
          unit: "bps",
          queries: [
            {
              cloudwatch: `SEARCH('{AWS/DX,ConnectionId} MetricName="ConnectionBpsEgress" OR MetricName="ConnectionBpsIngress"', 'Average', 300)`,
              id: "dxbps",
              legend: "${PROP('Dim.ConnectionId')} ${PROP('MetricName')}",
            },
          ],
        },
        {
          title: "VPN tunnel traffic",
          description: "Bytes in and out per VPN connection (TunnelDataIn, TunnelDataOut).",
          kind: "timeseries",
          unit: "decbytes",
          queries: [
            {
              cloudwatch: `SEARCH('{AWS/VPN,VpnId} MetricName="TunnelDataIn" OR MetricName="TunnelDataOut"', 'Sum', 300)`,
              id: "vpnbytes",
              legend: "${PROP('Dim.VpnId')} ${PROP('MetricName')}",
            },
          ],
        },
      ],
    },
  ],
};
