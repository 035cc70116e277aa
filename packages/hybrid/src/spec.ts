/** The hybrid connectivity spec, as the network stack's config gives it (plain values). */
export const IKE_VERSIONS = ["ikev1", "ikev2"] as const;
export const DPD_ACTIONS = ["clear", "restart", "none"] as const;
export const STARTUP_ACTIONS = ["add", "start"] as const;

export interface DirectConnectSpec {
  /** ASN of the DX gateway (Amazon side); must differ from the Transit Gateway's. */
  readonly gatewayAsn: number;
  /** Existing dedicated or hosted connection, e.g. dxcon-ffabc123. */
  readonly connectionId: string;
  readonly vlan: number;
  /** The on-premises router's BGP ASN. */
  readonly customerAsn: number;
  /** BGP peer addresses in CIDR form, e.g. 169.254.100.1/30 and 169.254.100.2/30. */
  readonly amazonAddress: string;
  readonly customerAddress: string;
  /** 1500 or 8500 (jumbo) for a transit VIF. */
  readonly mtu: number;
}

export interface TunnelOptions {
  readonly ikeVersions: readonly string[];
  readonly phase1EncryptionAlgorithms: readonly string[];
  readonly phase2EncryptionAlgorithms: readonly string[];
  readonly phase1IntegrityAlgorithms: readonly string[];
  readonly phase2IntegrityAlgorithms: readonly string[];
  readonly phase1DhGroupNumbers: readonly number[];
  readonly phase2DhGroupNumbers: readonly number[];
  readonly phase1LifetimeSeconds: number;
  readonly phase2LifetimeSeconds: number;
  readonly rekeyMarginTimeSeconds: number;
  readonly dpdTimeoutSeconds: number;
  readonly dpdTimeoutAction: (typeof DPD_ACTIONS)[number];
  readonly startupAction: (typeof STARTUP_ACTIONS)[number];
}

/** A strong default: IKEv2 only, AES-256(-GCM), SHA-2, DH groups 19-21, AWS initiates. */
export const DEFAULT_TUNNEL_OPTIONS: TunnelOptions = {
  ikeVersions: ["ikev2"],
  phase1EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
  phase2EncryptionAlgorithms: ["AES256", "AES256-GCM-16"],
  phase1IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
  phase2IntegrityAlgorithms: ["SHA2-256", "SHA2-384", "SHA2-512"],
  phase1DhGroupNumbers: [19, 20, 21],
  phase2DhGroupNumbers: [19, 20, 21],
  phase1LifetimeSeconds: 28800,
  phase2LifetimeSeconds: 3600,
  rekeyMarginTimeSeconds: 540,
  dpdTimeoutSeconds: 30,
  dpdTimeoutAction: "restart",
  startupAction: "start",
};

export interface VpnDeviceSpec {
  /** Name of the on-premises device; used in resource names. */
  readonly name: string;
  readonly ipAddress: string;
  readonly bgpAsn: number;
  /** Inside CIDRs of its two tunnels: /30s in 169.254.0.0/16, not AWS-reserved. */
  readonly tunnelInsideCidrs: readonly [string, string];
}

export interface HybridSpec {
  readonly transitGatewayAsn: number;
  readonly directConnect?: DirectConnectSpec;
  readonly vpn: { readonly devices: readonly VpnDeviceSpec[]; readonly tunnel: TunnelOptions };
  /** Allowed prefixes per DX gateway association to a Transit Gateway (AWS quota). */
  readonly allowedPrefixQuota: number;
}

/** A config problem: the path under the hybrid block, the bad value, and the fix. */
export type { Problem } from "@platform/core";
