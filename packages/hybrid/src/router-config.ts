/**
 * What the on-premises team configures on its routers (no secrets): peerings, tunnels, the
 * prefixes each side advertises and which path to prefer. Pure: resource outputs are resolved by
 * the caller.
 */
import type { AddressPlan } from "./prefixes";
import { dxAllowedPrefixes, vpnAdvertisedPrefixes } from "./prefixes";
import type { DirectConnectConfig, TunnelOptions, VpnDeviceConfig } from "./schema";

/** The transit VIF's BGP session as the router sees it. */
export function dxRouterConfig(dx: DirectConnectConfig): Record<string, unknown> {
  return {
    vlan: dx.vlan,
    amazonAddress: dx.amazonAddress,
    customerAddress: dx.customerAddress,
    awsAsn: dx.gatewayAsn,
    customerAsn: dx.customerAsn,
    mtu: dx.mtu,
    bfd: "enable asynchronous BFD on your router (AWS has it on); without it failover waits for the 90 s BGP hold timer",
  };
}

/** Addresses AWS assigned to one tunnel: outside IP, AWS and customer inside IPs. */
export interface TunnelAddresses {
  readonly outsideIp: string;
  readonly awsInsideIp: string;
  readonly customerInsideIp: string;
}

/** One VPN connection as the device sees it. */
export function vpnRouterConfig(
  device: VpnDeviceConfig,
  t: TunnelOptions,
  transitGatewayAsn: number,
  tunnels: readonly [TunnelAddresses, TunnelAddresses],
) {
  return {
    device: device.name,
    customerAsn: device.bgpAsn,
    awsAsn: transitGatewayAsn,
    tunnels: tunnels.map((tunnel, i) => ({
      outsideIp: tunnel.outsideIp,
      insideCidr: device.tunnelInsideCidrs[i],
      awsInsideIp: tunnel.awsInsideIp,
      customerInsideIp: tunnel.customerInsideIp,
    })),
    ike: {
      versions: t.ikeVersions,
      phase1: t.phase1EncryptionAlgorithms,
      phase2: t.phase2EncryptionAlgorithms,
      dpdTimeoutAction: t.dpdTimeoutAction,
      startupAction: t.startupAction,
    },
    preSharedKeys: "in the stack's secret config (vpnPsk-<device>-<n>); never in outputs",
  };
}

/** The whole router config: ASNs, DX and VPN sessions, prefixes both ways, path preference. */
export function routerConfig(input: {
  readonly transitGatewayAsn: number;
  readonly directConnect?: DirectConnectConfig;
  readonly vpn: readonly unknown[];
  readonly addressPlan: AddressPlan;
  readonly attachedSharedVpcs: readonly string[];
  readonly hybridSummarises: boolean;
}) {
  return {
    awsAsns: {
      transitGateway: input.transitGatewayAsn,
      directConnectGateway: input.directConnect?.gatewayAsn,
    },
    directConnect: input.directConnect ? dxRouterConfig(input.directConnect) : undefined,
    vpn: input.vpn,
    prefixesAwsAdvertisesOverDx: dxAllowedPrefixes(input.addressPlan, input.attachedSharedVpcs),
    prefixesAwsAdvertisesOverVpn: vpnAdvertisedPrefixes(
      input.addressPlan,
      input.hybridSummarises,
      input.attachedSharedVpcs,
    ),
    prefixesToAdvertiseToAws: input.addressPlan.onPremises,
    preference: {
      inbound:
        "prefer routes learned from the Direct Connect BGP neighbour: local-preference 200 on the DX session, 100 on the VPN tunnels (AWS advertises the same prefixes on both)",
      outbound:
        "advertise the same on-premises prefixes over DX and VPN; AWS prefers DX for equal prefixes (Transit Gateway route order). If you must influence AWS further, use BGP communities 7224:7100-7300 on the DX session; never advertise more specific prefixes over VPN",
    },
  };
}
