import * as pulumi from "@pulumi/pulumi";
import {
  ConfigError,
  accountIdSchema,
  addProblems,
  cidrSchema,
  environmentSchema,
  isConnectionArn,
  loadStackConfig,
  logRetentionDaysSchema,
  missingSecretProblem,
  nameSchema,
  privateAsnSchema,
  tagsSchema,
} from "@platform/core";
import {
  DEFAULT_TUNNEL_OPTIONS,
  DPD_ACTIONS,
  IKE_VERSIONS,
  STARTUP_ACTIONS,
} from "@platform/hybrid";
import { SEGMENT_TIERS, RAM_SHARING_MODES } from "@platform/transit-gateway";
import { vpcSchema } from "@platform/vpc";
import { z } from "zod";
import { networkProblems } from "./validate";

const principalSchema = z.union(
  [
    accountIdSchema,
    z
      .string()
      .regex(
        /^arn:aws[a-z-]*:organizations::\d{12}:(organization|ou)\/o-[a-z0-9]+(\/ou-[a-z0-9-]+)?$/,
      ),
  ],
  {
    error: "expected a 12-digit account id or an organisation/OU ARN",
  },
);

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

/** CodeBuild compute types a Linux container runner project accepts. */
export const RUNNER_COMPUTE_TYPES = [
  "BUILD_GENERAL1_SMALL",
  "BUILD_GENERAL1_MEDIUM",
  "BUILD_GENERAL1_LARGE",
  "BUILD_GENERAL1_XLARGE",
  "BUILD_GENERAL1_2XLARGE",
] as const;

/**
 * The shared-services VPC (attached to the hub in a shared-tier segment) and the deploy runner in
 * its private subnets, from which environment stacks' `preview`/`up` reach the private EKS
 * endpoints over the Transit Gateway (docs/adr/0004-deploy-runner-topology.md).
 */
export const sharedServicesSchema = z.strictObject({
  /** The segment whose table the VPC's attachment is associated with; a shared-tier segment. */
  segment: nameSchema.default("shared"),
  /** Inside one of addressPlan.sharedServices; private and transit tiers, and a NAT for GitHub. */
  vpc: vpcSchema,
  deployRunner: z
    .strictObject({
      /** The CodeBuild project; jobs run on codebuild-<projectName>-<run id>-<attempt>. */
      projectName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/, {
        error: "expected a CodeBuild project name: 2-255 letters, digits, - or _",
      }),
      /** The repository whose workflow jobs the runner takes. */
      repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: "expected owner/repository" }),
      /** An existing CodeConnections (GitHub App) connection; its handshake is done in the console. */
      connectionArn: z.string().refine(isConnectionArn, {
        error:
          "expected a CodeConnections connection ARN, arn:aws:codeconnections:<region>:<account>:connection/<id>",
      }),
      computeType: z
        .enum(RUNNER_COMPUTE_TYPES, { error: `expected one of ${RUNNER_COMPUTE_TYPES.join(", ")}` })
        .default("BUILD_GENERAL1_MEDIUM"),
      image: z.string().min(1).default("aws/codebuild/amazonlinux-x86_64-standard:5.0"),
      /** Docker in the build (image builds during `up`); needs privilegedAllowlist in the pack config. */
      privileged: z.boolean({ error: "expected true or false" }).default(false),
      buildTimeoutMinutes: z
        .number()
        .int()
        .min(5, { error: "CodeBuild allows 5-2160 minutes" })
        .max(2160, { error: "CodeBuild allows 5-2160 minutes" })
        .default(120),
      logRetentionInDays: logRetentionDaysSchema.default(365),
    })
    .optional(),
});

/** PSKs: 8-64 letters, digits, . or _, not starting with 0 (AWS rules). DX MD5 key: 6-80, no spaces. */
export function secretRule(name: string, value: string): string | undefined {
  if (name.startsWith("vpnPsk-") && !/^[1-9a-zA-Z._][a-zA-Z0-9._]{7,63}$/.test(value)) {
    return "a pre-shared key must be 8-64 letters, digits, . or _, and not start with 0";
  }
  if (name === "dxBgpAuthKey" && !/^\S{6,80}$/.test(value))
    return "the BGP auth key must be 6-80 characters without spaces";
  return undefined;
}

export const networkStackSchema = z
  .strictObject({
    account: environmentSchema,
    tags: tagsSchema,
    transitGateway: z.strictObject({
      amazonSideAsn: privateAsnSchema,
      /** Accounts or OUs the Transit Gateway is shared with (RAM). */
      shareWith: z.array(principalSchema),
      /**
       * organization: RAM sharing with AWS Organizations is enabled (docs/bootstrap/README.md);
       * invitation: each spoke stack accepts the share (account ids only).
       */
      sharing: z.enum(RAM_SHARING_MODES, {
        error: `expected ${RAM_SHARING_MODES.join(" or ")} (see docs/bootstrap/README.md, RAM sharing)`,
      }),
      flowLogsRetentionInDays: logRetentionDaysSchema,
    }),
    /** Segment name -> tier, the segments it may reach, and whether it is isolated. */
    segments: z.record(
      nameSchema,
      z.strictObject({
        tier: z.enum(SEGMENT_TIERS, { error: `expected one of ${SEGMENT_TIERS.join(", ")}` }),
        reaches: z.array(z.string()),
        isolated: z.boolean().optional(),
        summarise: z.boolean().optional(),
      }),
    ),
    hybrid: hybridSchema.optional(),
    sharedServices: sharedServicesSchema.optional(),
    /** The organisation's address plan: the single source for every environment's range. */
    addressPlan: z.strictObject({
      onPremises: z.array(cidrSchema).min(1, { error: "expected the on-premises ranges" }),
      sharedServices: z.array(cidrSchema),
      environments: z.record(nameSchema, z.strictObject({ cidr: cidrSchema, segment: nameSchema })),
    }),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, networkProblems(cfg)));

/** The hub's config as validated (validate.ts checks the rules across values). */
export type NetworkStackShape = z.infer<typeof networkStackSchema>;

/** Secrets each VPN device needs: one pre-shared key per tunnel. */
function missingSecrets(
  cfg: { hybrid?: { directConnect?: unknown; vpn: { devices: Array<{ name: string }> } } },
  secrets: Record<string, unknown>,
): string[] {
  if (!cfg.hybrid) return [];
  const names = cfg.hybrid.vpn.devices.flatMap((d) => [`vpnPsk-${d.name}-1`, `vpnPsk-${d.name}-2`]);
  if (cfg.hybrid.directConnect) names.push("dxBgpAuthKey");
  return names.filter((n) => !(n in secrets));
}

/** The validated config of the hub; invalid config throws here, before any resource exists. */
export const config = loadStackConfig(networkStackSchema, {
  optionalSecrets: ["dxBgpAuthKey"],
  secretPattern: /^vpnPsk-/,
  secretRule,
});

const missing = missingSecrets(config, config.secrets);
if (missing.length > 0) {
  const source = { project: pulumi.getProject(), stack: pulumi.getStack() };
  throw new ConfigError(
    missing.map((n) => missingSecretProblem(source, n)),
    missing.map((n) => `${source.project}:${n}`),
  );
}
