import {
  addProblems,
  cidrSchema,
  environmentSchema,
  logRetentionDaysSchema,
  namespaceSchema,
  nameSchema,
  roleArnSchema,
  supportCheckDate,
  tagsSchema,
} from "@platform/core";
import type { LoadOptions } from "@platform/core";
import {
  addonProblems,
  autoscalerProblems,
  DEPLOY_LOCATIONS,
  nodeGroupProblems,
  publicAccessProblems,
  supportFindings,
} from "@platform/eks";
import { vpcSchema } from "@platform/vpc";
import { z } from "zod";
import { environmentProblems } from "./validate";

/** How this environment joins the network hub. */
export const networkSchema = z.strictObject({
  /** The hub's stack, as StackReference names it: organization/platform-network/network. */
  hubStack: z.string().regex(/^[\w.-]+\/[\w.-]+\/[\w.-]+$/, {
    error: "expected <organization>/<project>/<stack>, e.g. organization/platform-network/network",
  }),
  /** Role in the network account that accepts, associates and propagates this VPC's attachment. */
  hubRoleArn: roleArnSchema,
  /** The hub segment this VPC joins; must match the hub's address plan for this environment. */
  segment: nameSchema,
});

const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, {
  error: "expected a pinned add-on version such as v1.19.2-eksbuild.1",
});

/** The environment's EKS cluster and its Velero backups. */
export const eksSchema = z
  .strictObject({
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
    nodeGroups: z
      .array(
        z.strictObject({
          name: nameSchema,
          instanceTypes: z.array(z.string()).min(1),
          minSize: z.number().int().min(0),
          maxSize: z.number().int().min(1),
          desiredSize: z.number().int().min(0),
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
          maxUnavailable: z.number().int().min(1).optional(),
        }),
      )
      .min(1, { error: "expected at least one node group" }),
    addons: z.strictObject({
      "vpc-cni": addonVersion,
      coredns: addonVersion,
      "kube-proxy": addonVersion,
      "eks-pod-identity-agent": addonVersion,
      "aws-ebs-csi-driver": addonVersion,
      "cert-manager": addonVersion,
    }),
    logRetentionInDays: logRetentionDaysSchema,
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

/** Optional etcd for applications, with snapshots and restore drills. */
export const etcdSchema = z.strictObject({
  members: z.union([z.literal(3), z.literal(5)], { error: "expected 3 or 5 members" }),
  image: z.string().regex(/:[\w.-]+$|@sha256:/, {
    error: "expected a pinned image such as quay.io/coreos/etcd:v3.5.17",
  }),
  volumeSize: z.string().regex(/^\d+Gi$/, { error: "expected a size such as 20Gi" }),
  resources: z.strictObject({
    cpu: z.string().regex(/^\d+(\.\d+)?m?$/, { error: 'expected a CPU quantity such as "500m"' }),
    memory: z.string().regex(/^\d+(\.\d+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/, {
      error: "expected a memory quantity such as 1Gi",
    }),
  }),
  retentionDays: z.number().int().positive(),
  snapshotSchedule: z.string().optional(),
  /** Run the members only on this node group (its taints are tolerated); default: any untainted. */
  nodeGroup: nameSchema.optional(),
});

/** Applications delivered to this environment's cluster by an AWS-native pipeline each. */
export const deliverySchema = z.strictObject({
  /** An existing CodeConnections connection (its handshake is done once in the console). */
  connectionArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
      {
        error: "expected a CodeConnections connection ARN",
      },
    ),
  notificationEmails: z
    .array(z.string().email())
    .min(1, { error: "expected who hears about failed deliveries" }),
  apps: z.array(
    z.strictObject({
      name: nameSchema,
      namespace: namespaceSchema,
      repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: "expected owner/repository" }),
      branch: z.string().min(1),
    }),
  ),
});

/** Config of an environment stack (`<project>:<key>` in Pulumi.<stack>.yaml). */
export const environmentStackSchema = z
  .strictObject({
    /** The account this stack deploys into and how to reach it. */
    account: environmentSchema,
    /** Organisation tags put on every resource through the provider. */
    tags: tagsSchema,
    network: networkSchema,
    vpc: vpcSchema,
    eks: eksSchema,
    etcd: etcdSchema.optional(),
    delivery: deliverySchema.optional(),
  })
  .superRefine((config, ctx) => {
    addProblems(ctx, environmentProblems(config));
  });

export type EnvironmentStackConfig = z.infer<typeof environmentStackSchema>;

/** How environment stacks load their config: which keys are secrets. */
export const ENVIRONMENT_SECRETS: LoadOptions = { secrets: [] };
