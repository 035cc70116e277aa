import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup, scopedRole, serviceTrustPolicy } from "@platform/core";
import type { EksClusterArgs } from "./cluster";

export const CONTROL_PLANE_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
];

/**
 * The control plane: its secrets key (envelope encryption of Kubernetes Secrets, the etcd-at-rest
 * control on EKS; it cannot be turned off once on), the encrypted log group every control-plane
 * log type goes to (created first), the cluster's service role, and the cluster itself with API
 * authentication, a private endpoint (public only to allowlisted CIDRs) and no self-managed
 * add-ons. The key and the cluster are protected in prod.
 */
export function controlPlane(
  name: string,
  args: EksClusterArgs,
  parent: pulumi.ComponentResource,
): aws.eks.Cluster {
  const child = { parent };
  const anchor = { parent, protect: args.protect };
  const key = new aws.kms.Key(
    `${name}-secrets`,
    {
      description: `EKS ${args.name} secrets`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    },
    anchor,
  );
  const logs = new EncryptedLogGroup(
    `${name}-control-plane`,
    {
      logGroupName: `/aws/eks/${args.name}/cluster`,
      retentionInDays: args.logRetentionInDays,
      accountId: args.accountId,
      region: args.region,
      protect: args.protect,
    },
    child,
  );

  const clusterRole = scopedRole(
    `${name}-cluster`,
    {
      accountId: args.accountId,
      region: args.region,
      assumeRolePolicy: serviceTrustPolicy("eks.amazonaws.com", {
        actions: ["sts:AssumeRole", "sts:TagSession"],
      }),
    },
    child,
  );
  const clusterPolicy = new aws.iam.RolePolicyAttachment(
    `${name}-cluster`,
    { role: clusterRole.name, policyArn: "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy" },
    child,
  );

  return new aws.eks.Cluster(
    `${name}-cluster`,
    {
      name: args.name,
      version: args.version,
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: args.subnetIds,
        endpointPrivateAccess: true,
        endpointPublicAccess: (args.publicAccessCidrs?.length ?? 0) > 0,
        publicAccessCidrs: args.publicAccessCidrs?.length ? [...args.publicAccessCidrs] : undefined,
      },
      accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
      enabledClusterLogTypes: CONTROL_PLANE_LOG_TYPES,
      bootstrapSelfManagedAddons: false,
      deletionProtection: args.protect ?? false,
      upgradePolicy: { supportType: args.upgradePolicy ?? "STANDARD" },
    },
    { ...anchor, dependsOn: [logs, clusterPolicy] },
  );
}
