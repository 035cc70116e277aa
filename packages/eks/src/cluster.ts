import type * as aws from "@pulumi/aws";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { under } from "@platform/core";
import type { IdentityMode } from "@platform/core";
import { clusterAccess } from "./access-entries";
import { clusterAddons } from "./addons";
import { autoscalerProblems, ClusterAutoscaler } from "./autoscaler";
import { controlPlane } from "./control-plane";
import { clusterKubernetes } from "./kubernetes";
import { nodeGroups } from "./nodes";
import type { AddonName, EksConfig } from "./schema";
import { addonProblems, clusterArgProblems, nodeGroupProblems } from "./validate";

/**
 * The arguments that restate the config (`eksSchema`, documented there), typed from it:
 * `version`, `adminRoleArn`, `nodeGroups`, `addons` and `logRetentionInDays`.
 */
type ClusterConfig = Readonly<
  Pick<EksConfig, "version" | "adminRoleArn" | "nodeGroups" | "addons" | "logRetentionInDays">
>;

export interface EksClusterArgs extends ClusterConfig {
  readonly name: string;
  /**
   * What EKS does when the version leaves standard support: STANDARD (default) upgrades the
   * cluster to the next version; EXTENDED keeps it, billed, until extended support ends.
   */
  readonly upgradePolicy?: EksConfig["upgradePolicy"];
  /** Private subnets for the control plane ENIs and the nodes. */
  readonly subnetIds: pulumi.Input<string>[];
  /**
   * Allowlisted CIDRs for a public endpoint (config `apiAccess.publicAccessCidrs`); omit for a
   * private-only endpoint (always in prod).
   */
  readonly publicAccessCidrs?: EksConfig["apiAccess"]["publicAccessCidrs"];
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
  /** Roles that may deploy, each only into its namespaces. */
  readonly namespaceAccess?: ReadonlyArray<{
    readonly principalArn: pulumi.Input<string>;
    readonly namespaces: readonly string[];
  }>;
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
 *
 * Each concern is a module (control-plane, access-entries, nodes, addons, kubernetes) whose
 * resources have this component as their parent.
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
    const autoscaler = args.autoscaler ?? true;
    const problems = [
      ...clusterArgProblems(args),
      ...(autoscaler ? autoscalerProblems(args.version) : []),
      ...under(["addons"], addonProblems(args.addons)),
      ...under(["nodeGroups"], nodeGroupProblems(args.nodeGroups)),
    ];
    if (problems.length) {
      throw new pulumi.ResourceError(
        problems
          .map((p) => `${p.path.join(".")} = ${JSON.stringify(p.value)}: ${p.message}`)
          .join("; "),
        this,
      );
    }

    this.cluster = controlPlane(name, args, this);
    this.clusterName = this.cluster.name;
    this.clusterArn = this.cluster.arn;
    const kubeconfigReady = clusterAccess(name, args, this.cluster, this);
    const nodes = nodeGroups(name, args, this.cluster.name, this);
    this.addons = clusterAddons(name, args, this.cluster.name, nodes, this);
    const { provider, storageClass } = clusterKubernetes(
      name,
      this.cluster,
      args,
      kubeconfigReady,
      this,
    );
    this.kubernetesProvider = provider;
    this.workloadsReady = [...nodes, ...Object.values(this.addons), storageClass];
    if (autoscaler) {
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
            ...nodes,
            this.addons["vpc-cni"],
            this.addons.coredns,
            this.addons["eks-pod-identity-agent"],
          ],
        },
        { parent: this },
      );
    }
    this.registerOutputs({ clusterName: this.clusterName, clusterArn: this.clusterArn });
  }
}
