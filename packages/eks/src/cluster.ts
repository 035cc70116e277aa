import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { EncryptedLogGroup, scopedRole, serviceTrustPolicy } from "@platform/core";
import type { IdentityMode } from "@platform/core";
import { PULUMI_ACCESS_POLICIES } from "./access";
import { autoscalerProblems, ClusterAutoscaler } from "./autoscaler";
import { podIdentityRole } from "./identity";
import { addonProblems, nodeGroupProblems } from "./validate";

export const CONTROL_PLANE_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
];
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

/**
 * Add-ons whose pods run on the nodes: created after the node groups, since an add-on is only
 * ACTIVE once its workloads are healthy. vpc-cni, kube-proxy and the Pod Identity agent come
 * first: nodes need them to become Ready.
 */
export const ADDONS_ON_NODES: readonly AddonName[] = [
  "coredns",
  "aws-ebs-csi-driver",
  "cert-manager",
];

/**
 * Configuration values per add-on, in the JSON its schema accepts (`aws eks
 * describe-addon-configuration`). vpc-cni: `enableNetworkPolicy` starts the network policy agent;
 * without it the API server stores NetworkPolicy objects and nothing enforces them ("Restrict Pod
 * network traffic with Kubernetes network policies", Amazon EKS User Guide; needs vpc-cni
 * v1.14.0-eksbuild.3 or later, checked by {@link addonProblems}).
 */
export const ADDON_CONFIGURATION: Partial<Record<AddonName, Record<string, unknown>>> = {
  "vpc-cni": { enableNetworkPolicy: "true" },
};

export interface NodeGroupSpec {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
  readonly diskSizeGiB?: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: ReadonlyArray<{
    key: string;
    value?: string;
    effect: "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";
  }>;
  /** Nodes replaced at a time during an update. Default 1. */
  readonly maxUnavailable?: number;
}

export interface EksClusterArgs {
  readonly name: string;
  /** Kubernetes version, e.g. "1.32"; upgrade one minor version at a time. */
  readonly version: string;
  /**
   * What EKS does when the version leaves standard support: STANDARD (default) upgrades the
   * cluster to the next version; EXTENDED keeps it, billed, until extended support ends.
   */
  readonly upgradePolicy?: "STANDARD" | "EXTENDED";
  /** Private subnets for the control plane ENIs and the nodes. */
  readonly subnetIds: pulumi.Input<string>[];
  /** Allowlisted CIDRs for a public endpoint; omit for a private-only endpoint (always in prod). */
  readonly publicAccessCidrs?: readonly string[];
  /**
   * Sources that reach the private endpoint: the cluster security group admits HTTPS (443) from
   * each, and nothing else (the deploy runner's subnets). Default none.
   */
  readonly apiSourceCidrs?: readonly string[];
  /**
   * The roles `pulumi` acts as against the cluster, by identity mode (`effectiveRoleArn` decides
   * which one a run uses). Each gets an access entry with `PULUMI_ACCESS_POLICIES[mode]`.
   */
  readonly pulumiRoleArns: Readonly<Record<IdentityMode, string>>;
  /**
   * The role the Kubernetes provider's kubeconfig assumes (`aws eks get-token --role-arn`): the
   * account's effective role, one of `pulumiRoleArns`.
   */
  readonly kubeconfigRoleArn: string;
  /** Administrators (people): cluster admin. Must not be one of `pulumiRoleArns`. */
  readonly adminRoleArn: string;
  /** Roles that may deploy, each only into its namespaces. */
  readonly namespaceAccess?: ReadonlyArray<{
    readonly principalArn: pulumi.Input<string>;
    readonly namespaces: readonly string[];
  }>;
  readonly nodeGroups: readonly NodeGroupSpec[];
  /** Pinned add-on versions, e.g. { "vpc-cni": "v1.19.2-eksbuild.1", ... }. */
  readonly addons: Readonly<Record<AddonName, string>>;
  readonly logRetentionInDays: number;
  readonly accountId: string;
  readonly region: string;
  /** Prod: protect the cluster and its key, and turn on deletion protection. */
  readonly protect?: boolean;
  /**
   * Run Cluster Autoscaler on the managed node groups (default true): it changes each group's
   * desired size within its minSize and maxSize. See docs/adr/0005-node-autoscaling.md.
   */
  readonly autoscaler?: boolean;
}

/**
 * An EKS cluster whose state is protected: secrets envelope-encrypted with a customer KMS key
 * (etcd at rest; cannot be turned off once on), all control-plane logs to an encrypted group,
 * authentication mode API with access entries, a private endpoint, managed node groups through
 * a launch template (IMDSv2 only, encrypted gp3), pinned add-ons with Pod Identity, and an
 * encrypted gp3 default StorageClass through a Kubernetes provider bound to the cluster.
 */
export class EksCluster extends pulumi.ComponentResource {
  readonly cluster: aws.eks.Cluster;
  readonly kubernetesProvider: k8s.Provider;
  readonly clusterName: pulumi.Output<string>;
  readonly clusterArn: pulumi.Output<string>;
  /** The managed add-ons; `addons["cert-manager"]` installs the cert-manager.io CRDs. */
  readonly addons: Readonly<Record<AddonName, aws.eks.Addon>>;
  /**
   * What workloads need before they can run: the node groups, every add-on and the default
   * StorageClass. Releases and workloads on this cluster depend on these.
   */
  readonly workloadsReady: readonly pulumi.Resource[];

  constructor(name: string, args: EksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:eks:Cluster", name, {}, opts);
    if (args.protect && args.publicAccessCidrs?.length) {
      throw new pulumi.ResourceError(
        "a protected (prod) cluster has a private endpoint only; remove publicAccessCidrs",
        this,
      );
    }
    if (args.publicAccessCidrs?.some((c) => c === "0.0.0.0/0")) {
      throw new pulumi.ResourceError(
        "publicAccessCidrs may not include 0.0.0.0/0; allowlist the admin networks",
        this,
      );
    }
    const pulumiRoles = Object.values(args.pulumiRoleArns);
    if (!pulumiRoles.includes(args.kubeconfigRoleArn)) {
      throw new pulumi.ResourceError(
        `the kubeconfig would assume ${args.kubeconfigRoleArn}, which has no access entry; use one of ${pulumiRoles.join(", ")}`,
        this,
      );
    }
    if (pulumiRoles.includes(args.adminRoleArn)) {
      throw new pulumi.ResourceError(
        `adminRoleArn ${args.adminRoleArn} is also a role pulumi acts as; a principal has one access entry: use a separate administrators' role`,
        this,
      );
    }
    const problems = [
      ...((args.autoscaler ?? true) ? autoscalerProblems(args.version) : []),
      ...addonProblems(args.addons).map((p) => ({ ...p, path: ["addons", ...p.path] })),
      ...nodeGroupProblems(args.nodeGroups).map((p) => ({ ...p, path: ["nodeGroups", ...p.path] })),
    ];
    if (problems.length) {
      throw new pulumi.ResourceError(
        problems
          .map((p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`)
          .join("; "),
        this,
      );
    }
    const child = { parent: this };
    const anchor = { parent: this, protect: args.protect };

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

    this.cluster = new aws.eks.Cluster(
      `${name}-cluster`,
      {
        name: args.name,
        version: args.version,
        roleArn: clusterRole.arn,
        vpcConfig: {
          subnetIds: args.subnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: (args.publicAccessCidrs?.length ?? 0) > 0,
          publicAccessCidrs: args.publicAccessCidrs?.length
            ? [...args.publicAccessCidrs]
            : undefined,
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
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;

    // Access: an administrator role for the cluster, and deployers limited to namespaces.
    const access = (
      id: string,
      principalArn: pulumi.Input<string>,
      policy: string,
      scope: aws.types.input.eks.AccessPolicyAssociationAccessScope,
    ) => {
      const entry = new aws.eks.AccessEntry(
        `${name}-${id}`,
        { clusterName: this.cluster.name, principalArn, type: "STANDARD" },
        child,
      );
      return new aws.eks.AccessPolicyAssociation(
        `${name}-${id}`,
        {
          clusterName: this.cluster.name,
          principalArn,
          policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`,
          accessScope: scope,
        },
        { ...child, dependsOn: [entry] },
      );
    };
    access("admin", args.adminRoleArn, "AmazonEKSClusterAdminPolicy", { type: "cluster" });
    // The identities pulumi runs as: up, preview and drift, each with its narrowest policy.
    const pulumiAccess = Object.fromEntries(
      (Object.keys(PULUMI_ACCESS_POLICIES) as IdentityMode[]).map((mode) => [
        mode,
        access(`pulumi-${mode}`, args.pulumiRoleArns[mode], PULUMI_ACCESS_POLICIES[mode], {
          type: "cluster",
        }),
      ]),
    ) as Record<IdentityMode, aws.eks.AccessPolicyAssociation>;

    // The private endpoint answers the deploy runner: HTTPS from its subnets on the cluster
    // security group, which EKS attaches to the control-plane interfaces ("You must ensure that
    // your Amazon EKS control plane security group contains rules to allow ingress traffic on
    // port 443 from your connected network": EKS User Guide, "Cluster API server endpoint").
    const apiRules = (args.apiSourceCidrs ?? []).map(
      (cidr) =>
        new aws.vpc.SecurityGroupIngressRule(
          `${name}-api-from-${cidr.replace(/[./]/g, "-")}`,
          {
            securityGroupId: this.cluster.vpcConfig.clusterSecurityGroupId,
            cidrIpv4: cidr,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            description: "Kubernetes API from the deploy runner",
          },
          child,
        ),
    );
    (args.namespaceAccess ?? []).forEach((a, i) =>
      access(`deploy-${i}`, a.principalArn, "AmazonEKSEditPolicy", {
        type: "namespace",
        namespaces: [...a.namespaces],
      }),
    );

    // Nodes.
    const nodeRole = scopedRole(
      `${name}-nodes`,
      {
        accountId: args.accountId,
        region: args.region,
        assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
      },
      child,
    );
    const nodePolicies = [
      "AmazonEKSWorkerNodePolicy",
      "AmazonEC2ContainerRegistryReadOnly",
      "AmazonEKS_CNI_Policy",
    ].map(
      (p) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-nodes-${p}`,
          { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${p}` },
          child,
        ),
    );
    const nodeGroups = args.nodeGroups.map((g) => {
      const template = new aws.ec2.LaunchTemplate(
        `${name}-${g.name}`,
        {
          description: `EKS ${args.name} node group ${g.name}`,
          metadataOptions: {
            httpTokens: "required",
            httpEndpoint: "enabled",
            httpPutResponseHopLimit: 1,
          },
          blockDeviceMappings: [
            {
              deviceName: "/dev/xvda",
              ebs: {
                volumeType: "gp3",
                volumeSize: g.diskSizeGiB ?? 50,
                encrypted: "true",
                deleteOnTermination: "true",
              },
            },
          ],
          tagSpecifications: [
            { resourceType: "instance", tags: { Name: `${args.name}-${g.name}` } },
          ],
        },
        child,
      );
      return new aws.eks.NodeGroup(
        `${name}-${g.name}`,
        {
          clusterName: this.cluster.name,
          nodeGroupName: g.name,
          nodeRoleArn: nodeRole.arn,
          subnetIds: args.subnetIds,
          amiType: "AL2023_x86_64_STANDARD",
          capacityType: "ON_DEMAND",
          instanceTypes: [...g.instanceTypes],
          scalingConfig: { minSize: g.minSize, maxSize: g.maxSize, desiredSize: g.desiredSize },
          updateConfig: { maxUnavailable: g.maxUnavailable ?? 1 },
          launchTemplate: {
            id: template.id,
            version: pulumi.interpolate`${template.latestVersion}`,
          },
          labels: g.labels ? { ...g.labels } : undefined,
          taints: g.taints?.map((t) => ({ ...t })),
        },
        { ...child, dependsOn: nodePolicies, ignoreChanges: ["scalingConfig.desiredSize"] },
      );
    });

    // Add-ons, pinned; the EBS CSI driver gets its AWS access through Pod Identity.
    const ebsRole = podIdentityRole(`${name}-ebs-csi`, args, child);
    new aws.iam.RolePolicyAttachment(
      `${name}-ebs-csi`,
      {
        role: ebsRole.name,
        policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
      },
      child,
    );
    const addons = {} as Record<AddonName, aws.eks.Addon>;
    for (const addon of ADDONS) {
      addons[addon] = new aws.eks.Addon(
        `${name}-${addon}`,
        {
          clusterName: this.cluster.name,
          addonName: addon,
          addonVersion: args.addons[addon],
          resolveConflictsOnCreate: "OVERWRITE",
          resolveConflictsOnUpdate: "OVERWRITE",
          configurationValues: ADDON_CONFIGURATION[addon]
            ? JSON.stringify(ADDON_CONFIGURATION[addon])
            : undefined,
          podIdentityAssociations:
            addon === "aws-ebs-csi-driver"
              ? [{ roleArn: ebsRole.arn, serviceAccount: "ebs-csi-controller-sa" }]
              : undefined,
        },
        { ...child, dependsOn: ADDONS_ON_NODES.includes(addon) ? nodeGroups : [] },
      );
    }

    // A Kubernetes provider bound to this cluster, and an encrypted gp3 default StorageClass.
    const kubeconfig = pulumi
      .all([this.cluster.name, this.cluster.endpoint, this.cluster.certificateAuthority])
      .apply(([clusterName, endpoint, ca]) =>
        JSON.stringify({
          apiVersion: "v1",
          kind: "Config",
          clusters: [
            {
              name: clusterName,
              cluster: { server: endpoint, "certificate-authority-data": ca?.data },
            },
          ],
          contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
          "current-context": clusterName,
          users: [
            {
              name: clusterName,
              user: {
                exec: {
                  apiVersion: "client.authentication.k8s.io/v1beta1",
                  command: "aws",
                  // The account's effective role, not the job's own credentials: it is the
                  // one with an access entry (AWS CLI, aws eks get-token --role-arn).
                  args: [
                    "eks",
                    "get-token",
                    "--cluster-name",
                    clusterName,
                    "--region",
                    args.region,
                    "--role-arn",
                    args.kubeconfigRoleArn,
                  ],
                },
              },
            },
          ],
        }),
      );
    // Objects on the cluster wait for the identity this run acts as to be allowed in, and for the
    // path from the runner to be open: on a new cluster, the first request would otherwise fail.
    const mode = (Object.keys(args.pulumiRoleArns) as IdentityMode[]).find(
      (m) => args.pulumiRoleArns[m] === args.kubeconfigRoleArn,
    )!;
    this.kubernetesProvider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig, enableServerSideApply: true },
      { ...child, dependsOn: [pulumiAccess[mode], ...apiRules] },
    );
    const storageClass = new k8s.storage.v1.StorageClass(
      `${name}-gp3`,
      {
        metadata: {
          name: "gp3-encrypted",
          annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
        },
        provisioner: "ebs.csi.aws.com",
        parameters: { type: "gp3", encrypted: "true" },
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
        reclaimPolicy: "Retain",
      },
      { parent: this, provider: this.kubernetesProvider },
    );
    this.addons = addons;
    this.workloadsReady = [...nodeGroups, ...Object.values(addons), storageClass];
    if (args.autoscaler ?? true) {
      new ClusterAutoscaler(
        `${name}-cluster-autoscaler`,
        {
          cluster: args.name,
          clusterName: this.cluster.name,
          kubernetesVersion: args.version,
          kubernetesProvider: this.kubernetesProvider,
          accountId: args.accountId,
          region: args.region,
          clusterReady: [
            ...nodeGroups,
            addons["vpc-cni"],
            addons.coredns,
            addons["eks-pod-identity-agent"],
          ],
        },
        child,
      );
    }
    this.registerOutputs({ clusterName: this.clusterName, clusterArn: this.clusterArn });
  }
}
