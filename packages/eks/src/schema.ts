/**
 * The EKS component's config: the cluster, its node groups, add-ons, API access and Velero backups.
 * Stacks and the environment blueprint compose this schema; the component's config type is inferred
 * from it (`EksConfig`).
 */
import {
  addProblems,
  cidrSchema,
  logRetentionDaysSchema,
  namespaceSchema,
  nameSchema,
  roleArnSchema,
  supportCheckDate,
} from "@platform/core";
import { z } from "zod";
import { DEPLOY_LOCATIONS } from "./access";
import { autoscalerProblems } from "./autoscaler";
import {
  addonProblems,
  nodeGroupProblems,
  publicAccessProblems,
  supportFindings,
} from "./validate";

/** The add-ons every cluster runs, each pinned by version in config (`addons`). */
export const ADDONS = [
  "vpc-cni",
  "coredns",
  "kube-proxy",
  "eks-pod-identity-agent",
  "aws-ebs-csi-driver",
  // A community add-on: AWS installs and validates the version against the cluster's, with no
  // Marketplace subscription and no IAM ("Community add-ons", Amazon EKS User Guide). It brings
  // the cert-manager.io CRDs and webhook that etcd's Issuers and Certificates need.
  "cert-manager",
] as const;
export type AddonName = (typeof ADDONS)[number];

const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, {
  error: "expected a pinned add-on version such as v1.19.2-eksbuild.1",
});

/** The environment's EKS cluster and its Velero backups. */
export const eksSchema = z
  .strictObject({
    /** Kubernetes version, e.g. "1.35"; upgrade one minor version at a time. */
    version: z
      .string()
      .regex(/^1\.\d{2}$/, { error: 'expected a Kubernetes minor version in quotes, e.g. "1.35"' }),
    /**
     * STANDARD (default): EKS upgrades the cluster when its version leaves standard support, so a
     * version past it is rejected; EXTENDED: billed extended support, warned about.
     */
    upgradePolicy: z
      .enum(["STANDARD", "EXTENDED"], { error: "expected STANDARD or EXTENDED" })
      .default("STANDARD"),
    /** People who administer the cluster (cluster admin); not one of the roles pulumi runs as. */
    adminRoleArn: roleArnSchema,
    /**
     * Where `pulumi preview`/`up` reach the Kubernetes API from (docs/deploy-topology.md):
     * `runner` (default): the hub's deploy runner, over the Transit Gateway, to the private
     * endpoint; `internet`: through the public endpoint, allowlisted in `publicAccessCidrs`, never
     * in prod. Checked against the hub's outputs before any resource.
     */
    apiAccess: z
      .strictObject({
        deployFrom: z
          .enum(DEPLOY_LOCATIONS, { error: `expected one of ${DEPLOY_LOCATIONS.join(", ")}` })
          .default("runner"),
        /** Allowlisted CIDRs of the public endpoint (never in prod); empty: private only. */
        publicAccessCidrs: z.array(cidrSchema).default([]),
      })
      .default({ deployFrom: "runner", publicAccessCidrs: [] }),
    /** Managed node groups in the private subnets; `desiredSize` is left to the autoscaler after creation. */
    nodeGroups: z
      .array(
        z.strictObject({
          name: nameSchema,
          instanceTypes: z.array(z.string()).min(1),
          minSize: z.number().int().min(0),
          maxSize: z.number().int().min(1),
          desiredSize: z.number().int().min(0),
          /** Root volume (encrypted gp3) size. Default 50. */
          diskSizeGiB: z.number().int().min(20).optional(),
          labels: z.record(z.string(), z.string()).optional(),
          taints: z
            .array(
              z.strictObject({
                key: z.string(),
                value: z.string().optional(),
                effect: z.enum(["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
              }),
            )
            .optional(),
          /** Nodes replaced at a time during an update. Default 1. */
          maxUnavailable: z.number().int().min(1).optional(),
        }),
      )
      .min(1, { error: "expected at least one node group" }),
    /** Pinned add-on versions, one per `ADDONS` entry, e.g. { "vpc-cni": "v1.19.2-eksbuild.1", ... }. */
    addons: z.strictObject(
      Object.fromEntries(ADDONS.map((a) => [a, addonVersion])) as Record<
        AddonName,
        typeof addonVersion
      >,
    ),
    /** Days the control-plane log group (`/aws/eks/<name>/cluster`) keeps its events. */
    logRetentionInDays: logRetentionDaysSchema,
    /**
     * Velero backups of the cluster's state (`VeleroBackup`): days a daily backup is kept, the
     * namespaces also backed up hourly, the pinned chart version and AWS plugin image.
     */
    backup: z.strictObject({
      dailyRetentionDays: z.number().int().positive(),
      criticalNamespaces: z.array(namespaceSchema).default([]),
      veleroChartVersion: z.string().regex(/^\d+\.\d+\.\d+$/, {
        error: "expected a pinned chart version such as 8.1.0",
      }),
      veleroAwsPluginImage: z.string().regex(/:[\w.-]+$/, {
        error: "expected a pinned image such as velero/velero-plugin-for-aws:v1.11.0",
      }),
    }),
  })
  .superRefine((eks, ctx) => {
    addProblems(ctx, autoscalerProblems(eks.version));
    addProblems(ctx, addonProblems(eks.addons), ["addons"]);
    // Against the EKS support calendar on the day of the run (PLATFORM_TODAY to pin it).
    addProblems(
      ctx,
      supportFindings({
        version: eks.version,
        upgradePolicy: eks.upgradePolicy,
        addons: eks.addons,
        today: supportCheckDate(),
      }).errors,
    );
    addProblems(ctx, nodeGroupProblems(eks.nodeGroups), ["nodeGroups"]);
    addProblems(ctx, publicAccessProblems(eks.apiAccess.publicAccessCidrs), [
      "apiAccess",
      "publicAccessCidrs",
    ]);
  });

/** An EKS section as written in config (defaults not yet applied). */
export type EksConfigInput = z.input<typeof eksSchema>;
/** An EKS section as validated, defaults applied. */
export type EksConfig = z.infer<typeof eksSchema>;
/** One managed node group as configured (`eks.nodeGroups[]`). */
export type NodeGroupSpec = EksConfig["nodeGroups"][number];
