/**
 * The hybrid component's config: Direct Connect, Site-to-Site VPN with its tunnel options, failover
 * alarms, and the secrets each part needs. The network stack composes this schema; the config types
 * are inferred from it (`HybridConfig`, `TunnelOptions`), never written twice.
 */
import { logRetentionDaysSchema, nameSchema } from "@platform/core";
import { z } from "zod";

export const IKE_VERSIONS = ["ikev1", "ikev2"] as const;
export const DPD_ACTIONS = ["clear", "restart", "none"] as const;
export const STARTUP_ACTIONS = ["add", "start"] as const;

const int = (what: string) =>
  z.number({ error: `expected ${what}` }).int({ error: `expected ${what} as a whole number` });

/**
 * Tunnel options. The defaults are a strong set: IKEv2 only, AES-256(-GCM), SHA-2, DH groups 19-21,
 * AWS initiates.
 */
const tunnelOptionsSchema = z.strictObject({
  ikeVersions: z.array(z.enum(IKE_VERSIONS)).default(["ikev2"]),
  phase1EncryptionAlgorithms: z.array(z.string()).default(["AES256", "AES256-GCM-16"]),
  phase2EncryptionAlgorithms: z.array(z.string()).default(["AES256", "AES256-GCM-16"]),
  phase1IntegrityAlgorithms: z.array(z.string()).default(["SHA2-256", "SHA2-384", "SHA2-512"]),
  phase2IntegrityAlgorithms: z.array(z.string()).default(["SHA2-256", "SHA2-384", "SHA2-512"]),
  phase1DhGroupNumbers: z.array(z.number().int()).default([19, 20, 21]),
  phase2DhGroupNumbers: z.array(z.number().int()).default([19, 20, 21]),
  phase1LifetimeSeconds: int("seconds").default(28800),
  phase2LifetimeSeconds: int("seconds").default(3600),
  rekeyMarginTimeSeconds: int("seconds").default(540),
  dpdTimeoutSeconds: int("seconds").default(30),
  dpdTimeoutAction: z
    .enum(DPD_ACTIONS, { error: `expected one of ${DPD_ACTIONS.join(", ")}` })
    .default("restart"),
  startupAction: z
    .enum(STARTUP_ACTIONS, { error: `expected one of ${STARTUP_ACTIONS.join(", ")}` })
    .default("start"),
});

/** The tunnel options of both tunnels of every VPN connection, as validated. */
export type TunnelOptions = z.infer<typeof tunnelOptionsSchema>;

/** Every tunnel option at its default (the schema's defaults, not a second copy). */
export const DEFAULT_TUNNEL_OPTIONS: TunnelOptions = tunnelOptionsSchema.parse({});

/** The option keys in their declared order (each is the VPN connection input `tunnel<n><Key>`). */
export const TUNNEL_OPTION_KEYS = Object.keys(tunnelOptionsSchema.shape) as Array<
  keyof TunnelOptions
>;

/** Direct Connect and Site-to-Site VPN; tunnel options default to a strong set. */
export const hybridSchema = z.strictObject({
  /** The segment whose route table DX and VPN associate with. */
  segment: nameSchema.default("hybrid"),
  directConnect: z
    .strictObject({
      /** ASN of the DX gateway (Amazon side); must differ from the Transit Gateway's. */
      gatewayAsn: int("the DX gateway's private ASN"),
      /** Existing dedicated or hosted connection, e.g. dxcon-ffabc123. */
      connectionId: z.string().regex(/^dx(con|lag)-[a-z0-9]+$/, {
        error: "expected a connection id such as dxcon-ffabc123",
      }),
      vlan: int("a VLAN id"),
      /** The on-premises router's BGP ASN. */
      customerAsn: int("the on-premises router's ASN"),
      /** BGP peer addresses in CIDR form, e.g. 169.254.100.1/30 and 169.254.100.2/30. */
      amazonAddress: z.string(),
      customerAddress: z.string(),
      /** 1500 or 8500 (jumbo) for a transit VIF. */
      mtu: int("1500 or 8500").default(8500),
    })
    .optional(),
  vpn: z.strictObject({
    devices: z
      .array(
        z.strictObject({
          /** Name of the on-premises device; used in resource names. */
          name: nameSchema,
          ipAddress: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, {
            error: "expected the device's public IPv4 address",
          }),
          bgpAsn: int("the device's BGP ASN"),
          /** Inside CIDRs of its two tunnels: /30s in 169.254.0.0/16, not AWS-reserved. */
          tunnelInsideCidrs: z.tuple([z.string(), z.string()], {
            error: "expected two /30 inside CIDRs, one per tunnel",
          }),
        }),
      )
      .min(1, { error: "expected at least one on-premises device (two for redundancy)" }),
    /** Both tunnels of every connection; omitted keys take the strong defaults. */
    tunnel: tunnelOptionsSchema.prefault({}),
    tunnelLogRetentionInDays: logRetentionDaysSchema.default(365),
  }),
  alarmEmails: z
    .array(z.string().email({ error: "expected an email address" }))
    .min(1, { error: "expected at least one address for failover alarms" }),
  /** Allowed prefixes per DX gateway association to a Transit Gateway (AWS quota). */
  allowedPrefixQuota: int("the allowed-prefix quota").default(200),
});

/** A hybrid section as validated, defaults applied. */
export type HybridConfig = z.infer<typeof hybridSchema>;
/** The transit VIF and its BGP session, as validated. */
export type DirectConnectConfig = NonNullable<HybridConfig["directConnect"]>;
/** One on-premises VPN device, as validated. */
export type VpnDeviceConfig = HybridConfig["vpn"]["devices"][number];

/** PSKs: 8-64 letters, digits, . or _, not starting with 0 (AWS rules). DX MD5 key: 6-80, no spaces. */
export function secretRule(name: string, value: string): string | undefined {
  if (name.startsWith("vpnPsk-") && !/^[1-9a-zA-Z._][a-zA-Z0-9._]{7,63}$/.test(value)) {
    return "a pre-shared key must be 8-64 letters, digits, . or _, and not start with 0";
  }
  if (name === "dxBgpAuthKey" && !/^\S{6,80}$/.test(value))
    return "the BGP auth key must be 6-80 characters without spaces";
  return undefined;
}

/** Secrets each VPN device needs: one pre-shared key per tunnel. */
export function missingHybridSecrets(
  cfg: { hybrid?: { directConnect?: unknown; vpn: { devices: Array<{ name: string }> } } },
  secrets: Record<string, unknown>,
): string[] {
  if (!cfg.hybrid) return [];
  const names = cfg.hybrid.vpn.devices.flatMap((d) => [`vpnPsk-${d.name}-1`, `vpnPsk-${d.name}-2`]);
  if (cfg.hybrid.directConnect) names.push("dxBgpAuthKey");
  return names.filter((n) => !(n in secrets));
}
