import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { BUCKET_TYPES, byType, ofTypes, referrers } from "./lib";

export const EKS_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export function eksPrivateEndpoint(): ResourceValidationPolicy {
  return {
    name: "eks-private-endpoint",
    description:
      "EKS API endpoint is private, or public only to allowlisted CIDRs (never 0.0.0.0/0).",
    severity: "high",
    remediationSteps:
      "Set vpcConfig.endpointPublicAccess: false, or publicAccessCidrs to the admin networks.",
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, report) => {
      const vpc = cluster.vpcConfig;
      if (vpc?.endpointPrivateAccess !== true) report("endpointPrivateAccess is not enabled");
      // The API's default for endpointPublicAccess is true, and for publicAccessCidrs 0.0.0.0/0.
      if (vpc?.endpointPublicAccess !== false) {
        const cidrs = vpc?.publicAccessCidrs ?? ["0.0.0.0/0"];
        if (cidrs.length === 0 || cidrs.includes("0.0.0.0/0"))
          report("the public endpoint is open to 0.0.0.0/0; disable it or allowlist CIDRs");
      }
    }),
  };
}

export function eksSecretsEncryption(): ResourceValidationPolicy {
  return {
    name: "eks-secrets-encryption",
    description: "EKS secrets are envelope-encrypted with a customer KMS key (etcd at rest).",
    severity: "critical",
    remediationSteps:
      'Set encryptionConfig { resources: ["secrets"], provider: { keyArn } } with a customer-managed KMS key.',
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, report) => {
      const enc = cluster.encryptionConfig;
      if (!enc?.resources?.includes("secrets") || !enc.provider?.keyArn)
        report("secrets are not envelope-encrypted with a customer KMS key");
    }),
  };
}

export function eksControlPlaneLogging(): ResourceValidationPolicy {
  return {
    name: "eks-control-plane-logging",
    description: "All five EKS control-plane log types are enabled.",
    severity: "medium",
    remediationSteps: `Set enabledClusterLogTypes to ${EKS_LOG_TYPES.join(", ")}.`,
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, report) => {
      const missing = EKS_LOG_TYPES.filter(
        (t) => !(cluster.enabledClusterLogTypes ?? []).includes(t),
      );
      if (missing.length) report(`control-plane log types not enabled: ${missing.join(", ")}`);
    }),
  };
}

export function eksSupportedVersion(): ResourceValidationPolicy {
  return {
    name: "eks-supported-version",
    description: "EKS clusters run at least the configured minimum Kubernetes version.",
    severity: "medium",
    remediationSteps: "Upgrade the cluster one minor version at a time to at least the minimum.",
    configSchema: { properties: { minimumVersion: { type: "string", default: "1.31" } } },
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, args, report) => {
      const { minimumVersion } = args.getConfig<{ minimumVersion: string }>();
      const [maj, min] = String(cluster.version ?? "0.0")
        .split(".")
        .map(Number);
      const [wantMaj, wantMin] = minimumVersion.split(".").map(Number);
      if (maj! < wantMaj! || (maj === wantMaj && min! < wantMin!))
        report(`version ${cluster.version ?? "(provider default)"} is below ${minimumVersion}`);
    }),
  };
}

export function eksBackupPresent(): StackValidationPolicy {
  return {
    name: "eks-backup-present",
    description:
      "Every EKS cluster has a Velero backup release writing to a versioned, encrypted bucket in the stack.",
    severity: "high",
    remediationSteps:
      "Install Velero (helm Release, chart velero) with a backup bucket that has versioning and KMS encryption.",
    validateStack: (args, report) => {
      const index = byType(args.resources);
      const clusters = ofTypes(index, "aws:eks/cluster:Cluster");
      if (clusters.length === 0) return;
      const versioned = referrers(
        ofTypes(
          index,
          "aws:s3/bucketVersioning:BucketVersioning",
          "aws:s3/bucketVersioningV2:BucketVersioningV2",
        ).filter(
          (v) =>
            (v.props["versioningConfiguration"] as { status?: string } | undefined)?.status ===
            "Enabled",
        ),
        "bucket",
      );
      const encrypted = referrers(
        ofTypes(
          index,
          "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
          "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        ),
        "bucket",
      );
      const backupBuckets = new Set(
        ofTypes(index, ...BUCKET_TYPES)
          .filter((b) => versioned.has(b.urn) && encrypted.has(b.urn))
          .map((b) => String(b.props["bucket"] ?? "")),
      );
      const velero = ofTypes(index, "kubernetes:helm.sh/v3:Release").filter(
        (r) => r.props["chart"] === "velero",
      );
      const ok = velero.some((r) => {
        const bsl = (
          r.props["values"] as
            { configuration?: { backupStorageLocation?: Array<{ bucket?: string }> } } | undefined
        )?.configuration?.backupStorageLocation;
        return (bsl ?? []).some((l) => l.bucket && backupBuckets.has(l.bucket));
      });
      if (!ok)
        for (const c of clusters)
          report(
            `cluster ${c.name} has no Velero release backing up to a versioned, encrypted bucket in this stack`,
            c.urn,
          );
    },
  };
}
