import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type {
  PolicyResource,
  ResourceValidationPolicy,
  StackValidationPolicy,
} from "@pulumi/policy";
import { byType, ofTypes, referrers } from "./lib";

interface CryptoConfig {
  allowedEncryption: string[];
  allowedIntegrity: string[];
  minDhGroup: number;
}

const TUNNELS = ["tunnel1", "tunnel2"] as const;

export function vpnTunnelCrypto(): ResourceValidationPolicy {
  return {
    name: "vpn-tunnel-crypto",
    description:
      "Both VPN tunnels use IKEv2 only, strong phase 1/2 algorithms and DH groups, and a pinned DPD timeout action.",
    severity: "high",
    remediationSteps:
      'Set tunnelN IKE versions to ["ikev2"], encryption/integrity/DH lists to the allowed sets, and tunnelNDpdTimeoutAction explicitly.',
    configSchema: {
      properties: {
        allowedEncryption: {
          type: "array",
          items: { type: "string" },
          default: ["AES256", "AES256-GCM-16"],
        },
        allowedIntegrity: {
          type: "array",
          items: { type: "string" },
          default: ["SHA2-256", "SHA2-384", "SHA2-512"],
        },
        minDhGroup: { type: "number", default: 19 },
      },
    },
    validateResource: validateResourceOfType(aws.ec2.VpnConnection, (vpn, args, report) => {
      const cfg = args.getConfig<CryptoConfig>();
      const props = vpn as unknown as Record<string, unknown>;
      for (const t of TUNNELS) {
        const list = (key: string) => props[`${t}${key}`] as Array<string | number> | undefined;
        const ike = list("IkeVersions");
        if (!ike || ike.length !== 1 || ike[0] !== "ikev2")
          report(
            `${t}: IKE versions must be exactly ["ikev2"], got ${JSON.stringify(ike ?? "AWS default (ikev1, ikev2)")}`,
          );
        for (const phase of ["Phase1", "Phase2"]) {
          const enc = list(`${phase}EncryptionAlgorithms`);
          const integ = list(`${phase}IntegrityAlgorithms`);
          const dh = list(`${phase}DhGroupNumbers`);
          if (!enc?.length || enc.some((a) => !cfg.allowedEncryption.includes(String(a))))
            report(
              `${t}: ${phase.toLowerCase()} encryption ${JSON.stringify(enc ?? "AWS default")} is not within ${cfg.allowedEncryption.join(", ")}`,
            );
          if (!integ?.length || integ.some((a) => !cfg.allowedIntegrity.includes(String(a))))
            report(
              `${t}: ${phase.toLowerCase()} integrity ${JSON.stringify(integ ?? "AWS default")} is not within ${cfg.allowedIntegrity.join(", ")}`,
            );
          if (!dh?.length || dh.some((g) => Number(g) < cfg.minDhGroup))
            report(
              `${t}: ${phase.toLowerCase()} DH groups ${JSON.stringify(dh ?? "AWS default")} include groups below ${cfg.minDhGroup}`,
            );
        }
        if (!props[`${t}DpdTimeoutAction`])
          report(
            `${t}: DPD timeout action is not pinned (the API documents two different defaults)`,
          );
      }
    }),
  };
}

export function vpnTunnelLogging(): ResourceValidationPolicy {
  return {
    name: "vpn-tunnel-logging",
    description: "Both VPN tunnels send their logs to CloudWatch Logs.",
    severity: "medium",
    remediationSteps:
      "Set tunnelNLogOptions.cloudwatchLogOptions with logEnabled: true and a log group ARN for both tunnels.",
    validateResource: validateResourceOfType(aws.ec2.VpnConnection, (vpn, _args, report) => {
      const props = vpn as unknown as Record<
        string,
        { cloudwatchLogOptions?: { logEnabled?: boolean; logGroupArn?: string } } | undefined
      >;
      for (const t of TUNNELS) {
        const cw = props[`${t}LogOptions`]?.cloudwatchLogOptions;
        if (!cw?.logEnabled || !cw.logGroupArn)
          report(`${t}: tunnel logs are not sent to CloudWatch Logs`);
      }
    }),
  };
}

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

function alarmsByNamespace(
  index: Map<string, PolicyResource[]>,
  namespace: string,
): PolicyResource[] {
  return ofTypes(index, ALARM).filter((a) => a.props["namespace"] === namespace);
}

function notifies(alarm: PolicyResource): boolean {
  return ((alarm.props["alarmActions"] as unknown[] | undefined)?.length ?? 0) > 0;
}

export function hybridAlarms(): StackValidationPolicy {
  return {
    name: "hybrid-alarms",
    description:
      "Every VPN connection and Direct Connect connection has a state alarm wired to a notification topic.",
    severity: "high",
    remediationSteps:
      "Add MetricAlarms on AWS/VPN TunnelState (dimension VpnId) and AWS/DX ConnectionState (dimension ConnectionId) with alarmActions.",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const vpnAlarms = referrers(
        alarmsByNamespace(index, "AWS/VPN").filter(notifies),
        "dimensions",
      );
      for (const vpn of ofTypes(index, "aws:ec2/vpnConnection:VpnConnection")) {
        if (!vpnAlarms.has(vpn.urn))
          report(
            `VPN connection ${vpn.name} has no AWS/VPN state alarm with a notification action`,
            vpn.urn,
          );
      }
      const dxAlarmed = new Set(
        alarmsByNamespace(index, "AWS/DX")
          .filter(notifies)
          .map(
            (a) => (a.props["dimensions"] as Record<string, string> | undefined)?.["ConnectionId"],
          )
          .filter(Boolean),
      );
      for (const vif of ofTypes(
        index,
        "aws:directconnect/transitVirtualInterface:TransitVirtualInterface",
      )) {
        const connection = String(vif.props["connectionId"] ?? "");
        if (!dxAlarmed.has(connection))
          report(
            `Direct Connect connection ${connection} (VIF ${vif.name}) has no AWS/DX ConnectionState alarm with a notification action`,
            vif.urn,
          );
      }
    },
  };
}

export function dxVpnRedundancy(): StackValidationPolicy {
  return {
    name: "dx-vpn-redundancy",
    description:
      "A Transit Gateway with a Direct Connect association also has a VPN with both tunnels configured, and DX and VPN alarms exist.",
    severity: "high",
    remediationSteps:
      "Add Site-to-Site VPN connections to the same Transit Gateway as the failover path, with both tunnels' options set, and their alarms.",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const vpns = ofTypes(index, "aws:ec2/vpnConnection:VpnConnection").filter(
        (v) =>
          v.props["transitGatewayId"] &&
          v.props["tunnel1InsideCidr"] &&
          v.props["tunnel2InsideCidr"],
      );
      for (const assoc of ofTypes(
        index,
        "aws:directconnect/gatewayAssociation:GatewayAssociation",
      )) {
        if (vpns.length === 0)
          report(
            `Direct Connect association ${assoc.name} has no VPN failover with both tunnels configured`,
            assoc.urn,
          );
        if (
          alarmsByNamespace(index, "AWS/DX").length === 0 ||
          alarmsByNamespace(index, "AWS/VPN").length === 0
        ) {
          report(
            `Direct Connect association ${assoc.name}: DX and VPN alarms must both exist`,
            assoc.urn,
          );
        }
      }
    },
  };
}
