import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { EtcdScope } from "./common";
import { backupJobs } from "./jobs";
import { etcdNamespace, members } from "./members";
import { networkPolicies } from "./network-policies";
import { certificates } from "./pki";
import type { Placement } from "./placement";
import type { EtcdConfig } from "./schema";
import { backupStorage } from "./storage";

/**
 * The cluster's config (`etcdSchema`: members, image, volumeSize, resources, retentionDays,
 * snapshotSchedule) and what the stack supplies at run time. The config's `nodeGroup` arrives
 * as `placement` (`placementFor`), since the component does not know the node groups.
 */
export interface EtcdClusterArgs extends Readonly<Omit<EtcdConfig, "nodeGroup">> {
  readonly kubernetesProvider: k8s.Provider;
  /**
   * What installs the cert-manager.io CRDs and webhook (the EKS `cert-manager` add-on,
   * `EksCluster.addons["cert-manager"]`): every Issuer and Certificate is created after it.
   */
  readonly certManager: pulumi.Resource;
  /** What must exist before the members can run (`EksCluster.workloadsReady`). */
  readonly clusterReady?: readonly pulumi.Resource[];
  readonly clusterName: pulumi.Input<string>;
  /** Namespace of the etcd cluster (restricted pod security). */
  readonly namespace: string;
  /**
   * Node selector and tolerations for the members (`placementFor`); by default any node without
   * NoSchedule taints. Check capacity with `placementProblems` before creating the cluster.
   */
  readonly placement?: Placement;
  /**
   * Platform the backup image is built for: the nodes' (default linux/amd64, the node groups'
   * AL2023 x86_64 AMI). The image itself is built from packages/etcd and pushed by the stack.
   */
  readonly backupImagePlatform?: string;
  readonly storageClass: string;
  /** Cron schedule of the restore drill (default weekly, `DEFAULT_RESTORE_DRILL_SCHEDULE`). */
  readonly restoreDrillSchedule?: string;
  readonly bucketName: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

/**
 * etcd for applications on EKS: a StatefulSet of 3 or 5 members spread over AZs and nodes, mTLS
 * for peers and clients with certificates from cert-manager, a PodDisruptionBudget keeping quorum,
 * encrypted volumes, restricted pod security, requests and limits, a NetworkPolicy that admits
 * only pods labelled as clients, readiness on member health; snapshots to S3 on a schedule, an
 * hourly backup-age check (its failure is the alert), a weekly restore drill, and a suspended
 * on-demand snapshot job to trigger before risky changes. See docs/runbooks/etcd-restore.md.
 *
 * Each concern is a module (storage, members, pki, network-policies, jobs) whose children have
 * this component as parent.
 */
export class EtcdCluster extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  /** The backup jobs' image, by digest. */
  readonly backupImage: pulumi.Output<string>;

  constructor(name: string, args: EtcdClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:etcd:Cluster", name, {}, opts);
    const storage = backupStorage(name, args, this);
    this.bucketName = storage.bucketName;
    this.backupImage = storage.backupImage;

    const scope: EtcdScope = {
      name,
      ns: args.namespace,
      kube: { parent: this, provider: args.kubernetesProvider },
    };
    const namespace = etcdNamespace(scope, args.protect);
    const leaves = certificates(scope, namespace, args.certManager);
    members(scope, args, namespace, leaves);
    networkPolicies(scope, namespace);
    backupJobs(scope, args, namespace, this.backupImage);

    this.registerOutputs({ bucketName: this.bucketName, backupImage: this.backupImage });
  }
}
