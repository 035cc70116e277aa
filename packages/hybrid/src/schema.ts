/**
 * The hybrid component's config: Direct Connect, Site-to-Site VPN with its tunnel options, failover
 * alarms, and the secrets each part needs. The network stack composes this schema; the config type
 * is inferred from it (`HybridConfig`).
 */
import { logRetentionDaysSchema, nameSchema } from "@platform/core";
import { z } from "zod";
import { DEFAULT_TUNNEL_OPTIONS, DPD_ACTIONS, IKE_VERSIONS, STARTUP_ACTIONS } from "./spec";

const int = (what: string) =>
  z.number({ error: `expected ${what}` }).int({ error: `expected ${what} as a whole number` });
const d = DEFAULT_TUNNEL_OPTIONS;

/** Direct Connect and Site-to-Site VPN; tunnel options default to a strong set. */
export const hybridSchema = z.strictObject({
  /** The segment whose route table DX and VPN associate with. */
  segment: nameSchema.default("hybrid"),
  directConnect: z
    .strictObject({
      gatewayAsn: int("the DX gateway's private ASN"),
      connectionId: z.string().regex(/^dx(con|lag)-[a-z0-9]+$/, {
        error: "expected a connection id such as dxcon-ffabc123",
      }),
      vlan: int("a VLAN id"),
      customerAsn: int("the on-premises router's ASN"),
      amazonAddress: z.string(),
      customerAddress: z.string(),
      mtu: int("1500 or 8500").default(8500),
    })
    .optional(),
  vpn: z.strictObject({
    devices: z
      .array(
        z.strictObject({
          name: nameSchema,
          ipAddress: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, {
            error: "expected the device's public IPv4 address",
          }),
          bgpAsn: int("the device's BGP ASN"),
          tunnelInsideCidrs: z.tuple([z.string(), z.string()], {
            error: "expected two /30 inside CIDRs, one per tunnel",
          }),
        }),
      )
      .min(1, { error: "expected at least one on-premises device (two for redundancy)" }),
    tunnel: z
      .strictObject({
        ikeVersions: z.array(z.enum(IKE_VERSIONS)).default(["ikev2"]),
        phase1EncryptionAlgorithms: z.array(z.string()).default([...d.phase1EncryptionAlgorithms]),
        phase2EncryptionAlgorithms: z.array(z.string()).default([...d.phase2EncryptionAlgorithms]),
        phase1IntegrityAlgorithms: z.array(z.string()).default([...d.phase1IntegrityAlgorithms]),
        phase2IntegrityAlgorithms: z.array(z.string()).default([...d.phase2IntegrityAlgorithms]),
        phase1DhGroupNumbers: z.array(z.number().int()).default([...d.phase1DhGroupNumbers]),
        phase2DhGroupNumbers: z.array(z.number().int()).default([...d.phase2DhGroupNumbers]),
        phase1LifetimeSeconds: int("seconds").default(d.phase1LifetimeSeconds),
        phase2LifetimeSeconds: int("seconds").default(d.phase2LifetimeSeconds),
        rekeyMarginTimeSeconds: int("seconds").default(d.rekeyMarginTimeSeconds),
        dpdTimeoutSeconds: int("seconds").default(d.dpdTimeoutSeconds),
        dpdTimeoutAction: z
          .enum(DPD_ACTIONS, { error: `expected one of ${DPD_ACTIONS.join(", ")}` })
          .default(d.dpdTimeoutAction),
        startupAction: z
          .enum(STARTUP_ACTIONS, { error: `expected one of ${STARTUP_ACTIONS.join(", ")}` })
          .default(d.startupAction),
      })
      .default({ ...d, ikeVersions: [...d.ikeVersions] } as never),
    tunnelLogRetentionInDays: logRetentionDaysSchema.default(365),
  }),
  alarmEmails: z
    .array(z.string().email({ error: "expected an email address" }))
    .min(1, { error: "expected at least one address for failover alarms" }),
  allowedPrefixQuota: int("the allowed-prefix quota").default(200),
});

/** A hybrid section as validated, defaults applied. */
export type HybridConfig = z.infer<typeof hybridSchema>;

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
