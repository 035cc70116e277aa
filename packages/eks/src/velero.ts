import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { encryptedBucketSet } from "@platform/core";
import { podIdentityRole } from "./identity";

/** The namespace Velero runs in. */
export const VELERO_NAMESPACE = "velero";

export interface VeleroBackupArgs {
  readonly clusterName: pulumi.Input<string>;
  readonly kubernetesProvider: k8s.Provider;
  readonly bucketName: string;
  /** Days a daily backup is kept. */
  readonly dailyRetentionDays: number;
  /** Namespaces backed up every hour too (critical workloads); kept `hourlyRetentionHours`. */
  readonly criticalNamespaces: readonly string[];
  readonly hourlyRetentionHours?: number;
  /** Pinned chart and plugin versions. */
  readonly chartVersion: string;
  readonly awsPluginImage: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
  /** What must exist before Velero's pods can run (`EksCluster.workloadsReady`). */
  readonly clusterReady?: readonly pulumi.Resource[];
}

/**
 * Cluster-state backup with Velero: a versioned, KMS-encrypted, non-public bucket with lifecycle
 * (expiry after the retention; Standard-IA from day 30 only when the retention keeps objects 30
 * more days there, see @platform/core `lifecycleActions`), a least-privilege Pod Identity
 * role, and the Velero release with a daily schedule for everything and an hourly one for the
 * critical namespaces. See docs/runbooks/eks-restore.md.
 */
export class VeleroBackup extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;

  constructor(name: string, args: VeleroBackupArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:VeleroBackup", name, {}, opts);
    const child = { parent: this };
    const { key, bucket: backups } = encryptedBucketSet(
      name,
      {
        bucketName: args.bucketName,
        keyDescription: `Velero backups of ${args.bucketName}`,
        accountId: args.accountId,
        infrequentAccessAfterDays: 30,
        expireDays: args.dailyRetentionDays + 7,
        tags: { Purpose: "backup" },
        protect: args.protect,
      },
      child,
    );
    this.bucketName = backups.bucket.bucket;

    const role = podIdentityRole(`${name}-velero`, args, child);
    new aws.iam.RolePolicy(
      `${name}-velero`,
      {
        role: role.name,
        policy: pulumi.all([backups.bucket.arn, key.arn]).apply(([bucketArn, keyArn]) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Allow",
                Action: [
                  "s3:GetObject",
                  "s3:PutObject",
                  "s3:DeleteObject",
                  "s3:AbortMultipartUpload",
                  "s3:ListMultipartUploadParts",
                ],
                Resource: `${bucketArn}/*`,
              },
              { Effect: "Allow", Action: "s3:ListBucket", Resource: bucketArn },
              {
                Effect: "Allow",
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
                Resource: keyArn,
              },
              {
                Effect: "Allow",
                Action: ["ec2:DescribeVolumes", "ec2:DescribeSnapshots"],
                Resource: "*",
              },
              {
                Effect: "Allow",
                Action: [
                  "ec2:CreateSnapshot",
                  "ec2:DeleteSnapshot",
                  "ec2:CreateVolume",
                  "ec2:CreateTags",
                ],
                Resource: [
                  `arn:aws:ec2:${args.region}::snapshot/*`,
                  `arn:aws:ec2:${args.region}:${args.accountId}:volume/*`,
                ],
              },
            ],
          }),
        ),
      },
      child,
    );
    const identity = new aws.eks.PodIdentityAssociation(
      `${name}-velero`,
      {
        clusterName: args.clusterName,
        namespace: VELERO_NAMESPACE,
        serviceAccount: "velero-server",
        roleArn: role.arn,
      },
      child,
    );

    const ttl = (hours: number) => `${hours}h0m0s`;
    new k8s.helm.v3.Release(
      `${name}-velero`,
      {
        name: "velero",
        chart: "velero",
        version: args.chartVersion,
        repositoryOpts: { repo: "https://vmware-tanzu.github.io/helm-charts" },
        namespace: VELERO_NAMESPACE,
        createNamespace: true,
        atomic: true,
        values: {
          // Helm installs the chart's CRDs (its crds/ directory) before the templates that use
          // them (Schedules, the BackupStorageLocation). The chart's CRD upgrade hook runs in
          // docker.io/bitnami/kubectl, whose versioned tags Bitnami withdrew from Docker Hub in
          // 2025; an unpullable hook fails the atomic install. CRD upgrades on a chart bump are a
          // runbook step (docs/runbooks/eks-restore.md).
          upgradeCRDs: false,
          initContainers: [
            {
              name: "velero-plugin-for-aws",
              image: args.awsPluginImage,
              volumeMounts: [{ mountPath: "/target", name: "plugins" }],
            },
          ],
          credentials: { useSecret: false },
          serviceAccount: { server: { name: "velero-server" } },
          configuration: {
            backupStorageLocation: [
              {
                name: "default",
                provider: "aws",
                bucket: backups.bucket.bucket,
                config: { region: args.region, kmsKeyId: key.arn },
              },
            ],
            volumeSnapshotLocation: [
              { name: "default", provider: "aws", config: { region: args.region } },
            ],
          },
          schedules: {
            daily: {
              schedule: "0 2 * * *",
              template: {
                ttl: ttl(args.dailyRetentionDays * 24),
                includedNamespaces: ["*"],
                snapshotVolumes: true,
              },
            },
            ...(args.criticalNamespaces.length
              ? {
                  "critical-hourly": {
                    schedule: "15 * * * *",
                    template: {
                      ttl: ttl(args.hourlyRetentionHours ?? 48),
                      includedNamespaces: [...args.criticalNamespaces],
                      snapshotVolumes: true,
                    },
                  },
                }
              : {}),
          },
        },
      },
      {
        parent: this,
        provider: args.kubernetesProvider,
        dependsOn: [identity, ...(args.clusterReady ?? [])],
      },
    );
    this.registerOutputs({ bucketName: this.bucketName });
  }
}
