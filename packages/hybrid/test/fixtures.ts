import { DEFAULT_TUNNEL_OPTIONS } from "../src";
import type { AddressPlan, HybridConnectivityArgs } from "../src";

/** The hub's Transit Gateway ASN the fixtures peer with. */
export const TGW_ASN = 64512;

export const CONFIG: HybridConnectivityArgs["config"] = {
  allowedPrefixQuota: 200,
  alarmEmails: ["network-oncall@example.com"],
  directConnect: {
    gatewayAsn: 64600,
    connectionId: "dxcon-ffabc123",
    vlan: 101,
    customerAsn: 65010,
    amazonAddress: "169.254.100.1/30",
    customerAddress: "169.254.100.2/30",
    mtu: 8500,
  },
  vpn: {
    devices: [
      {
        name: "dc1-edge",
        ipAddress: "203.0.113.10",
        bgpAsn: 65010,
        tunnelInsideCidrs: ["169.254.10.0/30", "169.254.10.4/30"],
      },
      {
        name: "dc2-edge",
        ipAddress: "198.51.100.10",
        bgpAsn: 65010,
        tunnelInsideCidrs: ["169.254.11.0/30", "169.254.11.4/30"],
      },
    ],
    tunnel: DEFAULT_TUNNEL_OPTIONS,
    tunnelLogRetentionInDays: 365,
  },
};

export const PLAN: AddressPlan = {
  onPremises: ["172.16.0.0/16"],
  sharedServices: ["10.8.0.0/16"],
  environments: {
    dev: { cidr: "10.16.0.0/14", segment: "nonprod" },
    prod: { cidr: "10.24.0.0/14", segment: "prod" },
  },
};
