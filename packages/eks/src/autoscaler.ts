import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { podIdentityRole } from "./identity";
import type { Problem } from "./validate";

/**
 * Cluster Autoscaler releases by Kubernetes minor. Its minor must equal the control plane's (the
 * autoscaler embeds that version's scheduler: kubernetes/autoscaler cluster-autoscaler/README.md,
 * "Releases"); each chart is the kubernetes/autoscaler chart release whose default image is that
 * minor, and the image is the newest patch of it.
 */
export const CLUSTER_AUTOSCALER_RELEASES: Readonly<
  Record<string, { readonly chart: string; readonly image: string }>
> = {
  "1.32": { chart: "9.46.6", image: "v1.32.7" },
  "1.33": { chart: "9.51.0", image: "v1.33.6" },
  "1.34": { chart: "9.53.0", image: "v1.34.5" },
  "1.35": { chart: "9.59.0", image: "v1.35.2" },
};

export const CLUSTER_AUTOSCALER_IMAGE = "registry.k8s.io/autoscaling/cluster-autoscaler";

/** The service account the autoscaler runs as (kube-system). */
export const CLUSTER_AUTOSCALER_SERVICE_ACCOUNT = "cluster-autoscaler";

export function autoscalerProblems(kubernetesVersion: string): Problem[] {
  if (CLUSTER_AUTOSCALER_RELEASES[kubernetesVersion]) return [];
  const known = Object.keys(CLUSTER_AUTOSCALER_RELEASES).join(", ");
  return [
    {
      path: ["version"],
      value: kubernetesVersion,
      message: `has no Cluster Autoscaler release pinned in @platform/eks (CLUSTER_AUTOSCALER_RELEASES covers ${known}); add the chart and image of the matching minor first`,
    },
  ];
}

/**
 * The autoscaler's permissions (kubernetes/autoscaler, cluster-autoscaler/cloudprovider/aws/
 * README.md, "IAM Policy"). Discovery actions have no resource-level permissions in the Service
 * Authorization Reference, so they take Resource "*"; DescribeNodegroup is limited to this
 * cluster's node groups; scaling is limited to Auto Scaling groups of managed node groups
 * (named eks-*) that EKS tagged as owned by this cluster (it tags them
 * k8s.io/cluster-autoscaler/<cluster>=owned: "Managed node groups", Amazon EKS User Guide).
 */
export function clusterAutoscalerPolicy(cluster: string, region: string, accountId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Discover",
        Effect: "Allow",
        Action: [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
        ],
        Resource: "*",
      },
      {
        Sid: "ReadNodeGroups",
        Effect: "Allow",
        Action: "eks:DescribeNodegroup",
        Resource: `arn:aws:eks:${region}:${accountId}:nodegroup/${cluster}/*/*`,
      },
      {
        Sid: "ScaleOwnNodeGroups",
        Effect: "Allow",
        Action: [
          "autoscaling:SetDesiredCapacity",
          "autoscaling:TerminateInstanceInAutoScalingGroup",
        ],
        Resource: `arn:aws:autoscaling:${region}:${accountId}:autoScalingGroup:*:autoScalingGroupName/eks-*`,
        Condition: {
          StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${cluster}`]: "owned" },
        },
      },
    ],
  };
}

export interface ClusterAutoscalerArgs {
  /** The cluster's name (literal: the IAM condition and auto-discovery tags contain it). */
  readonly cluster: string;
  readonly clusterName: pulumi.Input<string>;
  /** Kubernetes minor of the control plane; picks the release from CLUSTER_AUTOSCALER_RELEASES. */
  readonly kubernetesVersion: string;
  readonly kubernetesProvider: k8s.Provider;
  readonly accountId: string;
  readonly region: string;
  /** What must exist before the autoscaler's pod can run (nodes, CoreDNS, the Pod Identity agent). */
  readonly clusterReady: readonly pulumi.Resource[];
}

/**
 * Cluster Autoscaler for the managed node groups: it discovers them by the tags EKS puts on their
 * Auto Scaling groups and changes only their desired size, within each group's minSize and
 * maxSize. Pods annotated `cluster-autoscaler.kubernetes.io/safe-to-evict: "false"` (etcd
 * members) keep their node. See docs/adr/0004-node-autoscaling.md.
 */
export class ClusterAutoscaler extends pulumi.ComponentResource {
  constructor(name: string, args: ClusterAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:ClusterAutoscaler", name, {}, opts);
    const problems = autoscalerProblems(args.kubernetesVersion);
    if (problems.length) {
      throw new pulumi.ResourceError(
        `version = ${JSON.stringify(args.kubernetesVersion)}: ${problems[0]!.message}`,
        this,
      );
    }
    const release = CLUSTER_AUTOSCALER_RELEASES[args.kubernetesVersion]!;
    const child = { parent: this };
    const role = podIdentityRole(name, args, child);
    new aws.iam.RolePolicy(
      name,
      {
        role: role.name,
        policy: JSON.stringify(clusterAutoscalerPolicy(args.cluster, args.region, args.accountId)),
      },
      child,
    );
    const identity = new aws.eks.PodIdentityAssociation(
      name,
      {
        clusterName: args.clusterName,
        namespace: "kube-system",
        serviceAccount: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT,
        roleArn: role.arn,
      },
      child,
    );
    new k8s.helm.v3.Release(
      name,
      {
        name: "cluster-autoscaler",
        chart: "cluster-autoscaler",
        version: release.chart,
        repositoryOpts: { repo: "https://kubernetes.github.io/autoscaler" },
        namespace: "kube-system",
        atomic: true,
        values: {
          fullnameOverride: "cluster-autoscaler",
          cloudProvider: "aws",
          awsRegion: args.region,
          autoDiscovery: { clusterName: args.cluster },
          rbac: { serviceAccount: { name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } },
          image: { repository: CLUSTER_AUTOSCALER_IMAGE, tag: release.image },
          extraArgs: {
            // Node groups with the same instance types and labels (one per AZ or not) grow together.
            "balance-similar-node-groups": true,
            expander: "least-waste",
          },
          resources: {
            requests: { cpu: "100m", memory: "600Mi" },
            limits: { cpu: "500m", memory: "600Mi" },
          },
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65534,
            runAsGroup: 65534,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containerSecurityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
          },
        },
      },
      {
        parent: this,
        provider: args.kubernetesProvider,
        dependsOn: [identity, ...args.clusterReady],
      },
    );
    this.registerOutputs({});
  }
}
