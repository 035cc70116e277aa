/**
 * Snapshot storage and the backup jobs' AWS access: the KMS key, access-log bucket and snapshot
 * bucket (`encryptedBucketSet`), the backup image, and a Pod Identity role that may read and
 * write only the cluster's prefix.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptedBucketSet } from "@platform/core";
import { podIdentityRole } from "@platform/eks";
import { BackupImage } from "./backup-image";
import type { EtcdClusterArgs } from "./etcd";

export interface BackupStorage {
  readonly bucketName: pulumi.Output<string>;
  /** The backup jobs' image, by digest. */
  readonly backupImage: pulumi.Output<string>;
}

/** The service account the backup jobs run as; its Pod Identity association names it. */
export function backupServiceAccount(name: string): string {
  return `${name}-backup`;
}

export function backupStorage(
  name: string,
  args: EtcdClusterArgs,
  parent: pulumi.Resource,
): BackupStorage {
  const aws_ = { parent };
  const { key, bucket } = encryptedBucketSet(
    name,
    {
      bucketName: args.bucketName,
      keyDescription: `etcd ${name} snapshots`,
      accountId: args.accountId,
      expireDays: args.retentionDays,
      tags: { Purpose: "backup" },
      protect: args.protect,
      names: { key: `${name}-backups`, bucket: `${name}-snapshots` },
    },
    aws_,
  );
  const backupImage = new BackupImage(
    `${name}-backup-image`,
    { repositoryName: `${name}/backup`, platform: args.backupImagePlatform },
    aws_,
  ).imageUri;
  const role = podIdentityRole(
    `${name}-backup`,
    { accountId: args.accountId, region: args.region },
    aws_,
  );
  new aws.iam.RolePolicy(
    `${name}-backup`,
    {
      role: role.name,
      policy: pulumi.all([bucket.bucket.arn, key.arn]).apply(([b, k]) =>
        JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: ["s3:GetObject", "s3:PutObject"],
              Resource: `${b}/${name}/*`,
            },
            {
              Effect: "Allow",
              Action: "s3:ListBucket",
              Resource: b,
              Condition: { StringLike: { "s3:prefix": [`${name}/*`] } },
            },
            {
              Effect: "Allow",
              Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"],
              Resource: k,
            },
          ],
        }),
      ),
    },
    aws_,
  );
  new aws.eks.PodIdentityAssociation(
    `${name}-backup`,
    {
      clusterName: args.clusterName,
      namespace: args.namespace,
      serviceAccount: backupServiceAccount(name),
      roleArn: role.arn,
    },
    aws_,
  );
  return { bucketName: bucket.bucket.bucket, backupImage };
}
