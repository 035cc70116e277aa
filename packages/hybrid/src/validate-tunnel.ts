/**
 * Tunnel option rules: what the EC2 API accepts (VpnTunnelOptionsSpecification) and what AWS
 * Landing Zone Accelerator checks (DPD timeout, IKE lifetimes, rekey margin, startup action only
 * with IKEv2). Paths are relative to the tunnel options block.
 */
import type { Problem } from "@platform/core";
import type { TunnelOptions } from "./schema";

/** Tunnel option values the EC2 API accepts (VpnTunnelOptionsSpecification). */
export const TUNNEL_ENCRYPTION_ALGORITHMS = ["AES128", "AES256", "AES128-GCM-16", "AES256-GCM-16"];
export const TUNNEL_INTEGRITY_ALGORITHMS = ["SHA1", "SHA2-256", "SHA2-384", "SHA2-512"];
export const PHASE1_DH_GROUPS = [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];
export const PHASE2_DH_GROUPS = [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

export function tunnelProblems(t: TunnelOptions): Problem[] {
  const problems: Problem[] = [];
  const ikev2Only = t.ikeVersions.length === 1 && t.ikeVersions[0] === "ikev2";
  if (!ikev2Only)
    problems.push({
      path: ["ikeVersions"],
      value: t.ikeVersions,
      message: 'use ["ikev2"] only; IKEv1 is weaker and AWS cannot initiate it',
    });
  if (t.startupAction === "start" && !ikev2Only) {
    problems.push({
      path: ["startupAction"],
      value: t.startupAction,
      message:
        'start (AWS initiates) is only allowed with IKEv2 only; use add or set ikeVersions to ["ikev2"]',
    });
  }
  const allowed: Array<[keyof TunnelOptions, readonly (string | number)[]]> = [
    ["phase1EncryptionAlgorithms", TUNNEL_ENCRYPTION_ALGORITHMS],
    ["phase2EncryptionAlgorithms", TUNNEL_ENCRYPTION_ALGORITHMS],
    ["phase1IntegrityAlgorithms", TUNNEL_INTEGRITY_ALGORITHMS],
    ["phase2IntegrityAlgorithms", TUNNEL_INTEGRITY_ALGORITHMS],
    ["phase1DhGroupNumbers", PHASE1_DH_GROUPS],
    ["phase2DhGroupNumbers", PHASE2_DH_GROUPS],
  ];
  for (const [key, values] of allowed) {
    const list = t[key] as readonly (string | number)[];
    const unknown = list.filter((v) => !values.includes(v));
    if (list.length === 0 || unknown.length > 0) {
      problems.push({
        path: [key],
        value: list,
        message: `${list.length === 0 ? "is empty" : `${unknown.map((v) => JSON.stringify(v)).join(", ")} is not a value AWS accepts`}; use one or more of ${values.join(", ")}`,
      });
    }
  }
  if (t.dpdTimeoutSeconds < 30)
    problems.push({
      path: ["dpdTimeoutSeconds"],
      value: t.dpdTimeoutSeconds,
      message: "must be at least 30 seconds",
    });
  if (t.phase1LifetimeSeconds < 900 || t.phase1LifetimeSeconds > 28800) {
    problems.push({
      path: ["phase1LifetimeSeconds"],
      value: t.phase1LifetimeSeconds,
      message: "must be 900 to 28800 seconds",
    });
  }
  if (t.phase2LifetimeSeconds < 900 || t.phase2LifetimeSeconds > 3600) {
    problems.push({
      path: ["phase2LifetimeSeconds"],
      value: t.phase2LifetimeSeconds,
      message: "must be 900 to 3600 seconds",
    });
  }
  if (t.rekeyMarginTimeSeconds < 60 || t.rekeyMarginTimeSeconds > t.phase2LifetimeSeconds / 2) {
    problems.push({
      path: ["rekeyMarginTimeSeconds"],
      value: t.rekeyMarginTimeSeconds,
      message: `must be 60 to half the phase 2 lifetime (${t.phase2LifetimeSeconds / 2} seconds)`,
    });
  }
  return problems;
}
