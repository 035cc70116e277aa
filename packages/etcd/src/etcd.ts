import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "@platform/core";
import { podIdentityRole } from "@platform/eks";
import { BackupImage } from "./backup-image";
import type { Placement } from "./placement";

export interface EtcdClusterArgs {
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
  /** 3 or 5 members. */
  readonly members: 3 | 5;
  /**
   * Node selector and tolerations for the members (`placementFor`); by default any node without
   * NoSchedule taints. Check capacity with `placementProblems` before creating the cluster.
   */
  readonly placement?: Placement;
  readonly image: string;
  /**
   * Platform the backup image is built for: the nodes' (default linux/amd64, the node groups'
   * AL2023 x86_64 AMI). The image itself is built from packages/etcd and pushed by the stack.
   */
  readonly backupImagePlatform?: string;
  readonly storageClass: string;
  readonly volumeSize: string;
  readonly resources: { readonly cpu: string; readonly memory: string };
  /** Cron schedule of snapshots (default daily) and of the restore drill (default weekly). */
  readonly snapshotSchedule?: string;
  readonly restoreDrillSchedule?: string;
  /** Days snapshots are kept in S3. */
  readonly retentionDays: number;
  readonly bucketName: string;
  readonly accountId: string;
  readonly region: string;
  readonly protect?: boolean;
}

const CLIENT_LABEL = "etcd.platform/client";
const CLIENT_PORT = { port: 2379, protocol: "TCP" };
const PEER_PORT = { port: 2380, protocol: "TCP" };
/** The EKS Pod Identity agent's IPv4 address on every node. */
const POD_IDENTITY_AGENT = "169.254.170.23/32";
/** DNS to CoreDNS, which EKS labels `k8s-app: kube-dns` in kube-system. */
const DNS_EGRESS = {
  to: [
    {
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } },
      podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
    },
  ],
  ports: [
    { port: 53, protocol: "UDP" },
    { port: 53, protocol: "TCP" },
  ],
};

/** Seconds a backup may age before the hourly check fails: one day plus two hours of slack. */
export function maxBackupAgeSeconds(schedule: string): number {
  const parts = schedule.trim().split(/\s+/);
  // Hourly schedules ("m * * * *") allow two hours; anything coarser, 26 hours.
  return parts[1] === "*" ? 7200 : 93600;
}

/** The static initial cluster of a StatefulSet's members behind the headless service. */
export function initialCluster(name: string, namespace: string, members: number): string {
  return Array.from(
    { length: members },
    (_, i) => `${name}-${i}=https://${name}-${i}.${name}.${namespace}.svc:2380`,
  ).join(",");
}

/**
 * etcd for applications on EKS: a StatefulSet of 3 or 5 members spread over AZs and nodes, mTLS
 * for peers and clients with certificates from cert-manager, a PodDisruptionBudget keeping quorum,
 * encrypted volumes, restricted pod security, requests and limits, a NetworkPolicy that admits
 * only pods labelled as clients, readiness on member health; snapshots to S3 on a schedule, an
 * hourly backup-age check (its failure is the alert), a weekly restore drill, and a suspended
 * on-demand snapshot job to trigger before risky changes. See docs/runbooks/etcd-restore.md.
 */
export class EtcdCluster extends pulumi.ComponentResource {
  readonly bucketName: pulumi.Output<string>;
  /** The backup jobs' image, by digest. */
  readonly backupImage: pulumi.Output<string>;

  constructor(name: string, args: EtcdClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:etcd:Cluster", name, {}, opts);
    const ns = args.namespace;
    const aws_ = { parent: this };
    const kube = { parent: this, provider: args.kubernetesProvider };
    // Members and backup jobs carry distinct names: the StatefulSet's selector, its services, the
    // PDB and the one-member-per-node anti-affinity must match members only. A job pod matching
    // them would be a service endpoint, count in the PDB, and (anti-affinity is symmetric) be
    // unschedulable on every node that runs a member.
    const labels = { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": name };
    const backupLabels = {
      "app.kubernetes.io/name": "etcd-backup",
      "app.kubernetes.io/instance": name,
    };

    // Snapshot storage and the backup jobs' AWS access (Pod Identity).
    const key = new aws.kms.Key(
      `${name}-backups`,
      { description: `etcd ${name} snapshots`, enableKeyRotation: true, deletionWindowInDays: 30 },
      { ...aws_, protect: args.protect },
    );
    const logs = new SecureBucket(
      `${name}-access-logs`,
      {
        bucketName: `${args.bucketName}-access-logs`,
        accessLogTargetFor: { accountId: args.accountId, bucketNames: [args.bucketName] },
        expireDays: 365,
      },
      aws_,
    );
    const bucket = new SecureBucket(
      `${name}-snapshots`,
      {
        bucketName: args.bucketName,
        kmsKeyArn: key.arn,
        expireDays: args.retentionDays,
        noncurrentDays: 30,
        accessLogBucket: logs,
        tags: { Purpose: "backup" },
        protect: args.protect,
      },
      aws_,
    );
    this.bucketName = bucket.bucket.bucket;
    this.backupImage = new BackupImage(
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
        namespace: ns,
        serviceAccount: `${name}-backup`,
        roleArn: role.arn,
      },
      aws_,
    );

    const namespace = new k8s.core.v1.Namespace(
      `${name}-ns`,
      {
        metadata: {
          name: ns,
          labels: {
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "latest",
          },
        },
      },
      { ...kube, protect: args.protect },
    );
    const inNs = { ...kube, dependsOn: [namespace] };

    // mTLS: a self-signed root, a CA issuer, and server, peer and client certificates. Each waits
    // for cert-manager (its CRDs) and for what it is issued by, and Pulumi waits for each to be
    // Ready (`pulumi.com/waitFor`), so the members start with their secrets in place.
    const cert = (id: string, spec: Record<string, unknown>, after: pulumi.Resource[]) =>
      new k8s.apiextensions.CustomResource(
        `${name}-${id}`,
        {
          apiVersion: "cert-manager.io/v1",
          kind: id.endsWith("issuer") ? "Issuer" : "Certificate",
          metadata: {
            name: `${name}-${id}`,
            namespace: ns,
            annotations: { "pulumi.com/waitFor": "condition=Ready" },
          },
          spec,
        },
        { ...kube, dependsOn: [namespace, args.certManager, ...after] },
      );
    const selfSigned = cert("selfsigned-issuer", { selfSigned: {} }, []);
    const ca = cert(
      "ca",
      {
        isCA: true,
        commonName: `${name}-ca`,
        secretName: `${name}-ca`,
        duration: "87600h",
        privateKey: { algorithm: "ECDSA", size: 256 },
        issuerRef: { name: `${name}-selfsigned-issuer`, kind: "Issuer" },
      },
      [selfSigned],
    );
    const caIssuer = cert("ca-issuer", { ca: { secretName: `${name}-ca` } }, [ca]);
    const dnsNames = [
      `${name}`,
      `${name}.${ns}`,
      `${name}.${ns}.svc`,
      `*.${name}.${ns}.svc`,
      `${name}-client.${ns}.svc`,
      "localhost",
    ];
    const leaves = (
      [
        ["server", ["server auth", "client auth"]],
        ["peer", ["server auth", "client auth"]],
        ["client", ["client auth"]],
      ] as const
    ).map(([id, usages]) =>
      cert(
        `${id}-tls`,
        {
          secretName: `${name}-${id}-tls`,
          commonName: `${name}-${id}`,
          dnsNames: id === "client" ? undefined : dnsNames,
          ipAddresses: id === "client" ? undefined : ["127.0.0.1"],
          usages,
          duration: "2160h",
          renewBefore: "360h",
          privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
          issuerRef: { name: `${name}-ca-issuer`, kind: "Issuer" },
        },
        [caIssuer],
      ),
    );

    new k8s.core.v1.Service(
      `${name}-headless`,
      {
        metadata: { name, namespace: ns, labels },
        spec: {
          clusterIP: "None",
          publishNotReadyAddresses: true,
          selector: labels,
          ports: [
            { name: "client", port: 2379 },
            { name: "peer", port: 2380 },
          ],
        },
      },
      inNs,
    );
    new k8s.core.v1.Service(
      `${name}-client`,
      {
        metadata: { name: `${name}-client`, namespace: ns, labels },
        spec: { selector: labels, ports: [{ name: "client", port: 2379 }] },
      },
      inNs,
    );

    const restricted = {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    };
    const tls = (id: string) => ({
      name: `${id}-tls`,
      secret: { secretName: `${name}-${id}-tls` },
    });
    const tlsFlags = (host: string) => [
      `--endpoints=https://${host}:2379`,
      "--cacert=/tls/client/ca.crt",
      "--cert=/tls/client/tls.crt",
      "--key=/tls/client/tls.key",
    ];
    const resources = {
      requests: { cpu: args.resources.cpu, memory: args.resources.memory },
      limits: { cpu: args.resources.cpu, memory: args.resources.memory },
    };
    new k8s.apps.v1.StatefulSet(
      `${name}`,
      {
        metadata: { name, namespace: ns, labels },
        spec: {
          serviceName: name,
          replicas: args.members,
          podManagementPolicy: "Parallel",
          selector: { matchLabels: labels },
          template: {
            metadata: {
              labels: { ...labels, [CLIENT_LABEL]: "true" },
              // Cluster Autoscaler never removes a node running a member: its volume is bound to
              // the node's AZ and a replacement node could come up in another one
              // (kubernetes/autoscaler FAQ, "What types of pods can prevent CA from removing a node?").
              annotations: { "cluster-autoscaler.kubernetes.io/safe-to-evict": "false" },
            },
            spec: {
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 10001,
                fsGroup: 10001,
                seccompProfile: { type: "RuntimeDefault" },
              },
              automountServiceAccountToken: false,
              nodeSelector: args.placement?.nodeSelector,
              tolerations: args.placement?.tolerations,
              // Zones count only where members may run: nodes the members cannot use (tainted,
              // or outside the node selector) do not make empty domains that block the spread
              // (Kubernetes docs, "Pod Topology Spread Constraints", node inclusion policies).
              topologySpreadConstraints: [
                {
                  maxSkew: 1,
                  topologyKey: "topology.kubernetes.io/zone",
                  whenUnsatisfiable: "DoNotSchedule",
                  labelSelector: { matchLabels: labels },
                  nodeAffinityPolicy: "Honor",
                  nodeTaintsPolicy: "Honor",
                },
              ],
              affinity: {
                podAntiAffinity: {
                  requiredDuringSchedulingIgnoredDuringExecution: [
                    {
                      topologyKey: "kubernetes.io/hostname",
                      labelSelector: { matchLabels: labels },
                    },
                  ],
                },
              },
              containers: [
                {
                  name: "etcd",
                  image: args.image,
                  securityContext: restricted,
                  resources,
                  ports: [
                    { name: "client", containerPort: 2379 },
                    { name: "peer", containerPort: 2380 },
                  ],
                  env: [
                    { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                  ],
                  command: [
                    "etcd",
                    "--name=$(POD_NAME)",
                    "--data-dir=/var/lib/etcd/data",
                    "--listen-client-urls=https://0.0.0.0:2379",
                    `--advertise-client-urls=https://$(POD_NAME).${name}.${ns}.svc:2379`,
                    "--listen-peer-urls=https://0.0.0.0:2380",
                    `--initial-advertise-peer-urls=https://$(POD_NAME).${name}.${ns}.svc:2380`,
                    `--initial-cluster=${initialCluster(name, ns, args.members)}`,
                    "--initial-cluster-state=new",
                    `--initial-cluster-token=${name}`,
                    "--client-cert-auth",
                    "--trusted-ca-file=/tls/server/ca.crt",
                    "--cert-file=/tls/server/tls.crt",
                    "--key-file=/tls/server/tls.key",
                    "--peer-client-cert-auth",
                    "--peer-trusted-ca-file=/tls/peer/ca.crt",
                    "--peer-cert-file=/tls/peer/tls.crt",
                    "--peer-key-file=/tls/peer/tls.key",
                    "--auto-compaction-retention=1h",
                    "--quota-backend-bytes=8589934592",
                  ],
                  readinessProbe: {
                    exec: { command: ["etcdctl", ...tlsFlags("127.0.0.1"), "endpoint", "health"] },
                    periodSeconds: 10,
                    timeoutSeconds: 5,
                  },
                  livenessProbe: {
                    exec: { command: ["etcdctl", ...tlsFlags("127.0.0.1"), "endpoint", "health"] },
                    periodSeconds: 30,
                    timeoutSeconds: 10,
                    failureThreshold: 5,
                  },
                  volumeMounts: [
                    { name: "data", mountPath: "/var/lib/etcd" },
                    { name: "server-tls", mountPath: "/tls/server", readOnly: true },
                    { name: "peer-tls", mountPath: "/tls/peer", readOnly: true },
                    { name: "client-tls", mountPath: "/tls/client", readOnly: true },
                  ],
                },
              ],
              volumes: [tls("server"), tls("peer"), tls("client")],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "data" },
              spec: {
                accessModes: ["ReadWriteOnce"],
                storageClassName: args.storageClass,
                resources: { requests: { storage: args.volumeSize } },
              },
            },
          ],
        },
      },
      {
        ...kube,
        dependsOn: [namespace, ...leaves, ...(args.clusterReady ?? [])],
        protect: args.protect,
      },
    );
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-pdb`,
      {
        metadata: { name, namespace: ns },
        spec: { maxUnavailable: 1, selector: { matchLabels: labels } },
      },
      inNs,
    );
    // Network: deny everything in the namespace, then allow what each workload needs. Enforced by
    // the VPC CNI's network policy agent (vpc-cni enableNetworkPolicy, see @platform/eks).
    const policy = (id: string, spec: k8s.types.input.networking.v1.NetworkPolicySpec) =>
      new k8s.networking.v1.NetworkPolicy(
        `${name}-${id}`,
        { metadata: { name: `${name}-${id}`, namespace: ns }, spec },
        inNs,
      );
    policy("default-deny", { podSelector: {}, policyTypes: ["Ingress", "Egress"] });
    policy("clients-only", {
      podSelector: { matchLabels: labels },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            { namespaceSelector: {}, podSelector: { matchLabels: { [CLIENT_LABEL]: "true" } } },
          ],
          ports: [{ port: 2379, protocol: "TCP" }],
        },
        {
          from: [{ podSelector: { matchLabels: labels } }],
          ports: [{ port: 2380, protocol: "TCP" }],
        },
      ],
    });
    policy("members-egress", {
      podSelector: { matchLabels: labels },
      policyTypes: ["Egress"],
      egress: [DNS_EGRESS, { to: [{ podSelector: { matchLabels: labels } }], ports: [PEER_PORT] }],
    });
    policy("backup-egress", {
      podSelector: { matchLabels: backupLabels },
      policyTypes: ["Egress"],
      egress: [
        DNS_EGRESS,
        { to: [{ podSelector: { matchLabels: labels } }], ports: [CLIENT_PORT] },
        // Credentials come from the EKS Pod Identity agent, a host-network DaemonSet answering on
        // this link-local address ("EKS Pod Identity", Amazon EKS User Guide, considerations).
        { to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT } }], ports: [{ port: 80, protocol: "TCP" }] },
        // S3 (through the VPC's gateway endpoint, which keeps S3's public addresses, so no
        // narrower block exists) and the interface endpoints in the VPC: HTTPS only.
        { to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443, protocol: "TCP" }] },
      ],
    });

    // Backup jobs: the tested scripts in the backup image, as the Pod Identity service account.
    new k8s.core.v1.ServiceAccount(
      `${name}-backup`,
      { metadata: { name: `${name}-backup`, namespace: ns } },
      inNs,
    );
    const job = (
      id: string,
      script: string,
      schedule: string,
      extraEnv: Array<{ name: string; value: string }>,
      suspend = false,
    ) =>
      new k8s.batch.v1.CronJob(
        `${name}-${id}`,
        {
          metadata: { name: `${name}-${id}`, namespace: ns },
          spec: {
            schedule,
            suspend,
            concurrencyPolicy: "Forbid",
            successfulJobsHistoryLimit: 3,
            failedJobsHistoryLimit: 5,
            jobTemplate: {
              spec: {
                backoffLimit: 1,
                activeDeadlineSeconds: 3600,
                template: {
                  metadata: {
                    labels: {
                      ...backupLabels,
                      [CLIENT_LABEL]: "true",
                      "app.kubernetes.io/component": id,
                    },
                  },
                  spec: {
                    serviceAccountName: `${name}-backup`,
                    restartPolicy: "Never",
                    securityContext: {
                      runAsNonRoot: true,
                      runAsUser: 10001,
                      seccompProfile: { type: "RuntimeDefault" },
                    },
                    containers: [
                      {
                        name: id,
                        image: this.backupImage,
                        args: [`/opt/etcd-backup/${script}`],
                        securityContext: { ...restricted, readOnlyRootFilesystem: false },
                        resources: {
                          requests: { cpu: "100m", memory: "256Mi" },
                          limits: { cpu: "1", memory: "1Gi" },
                        },
                        env: [
                          { name: "S3_BUCKET", value: args.bucketName },
                          { name: "S3_PREFIX", value: name },
                          { name: "AWS_REGION", value: args.region },
                          {
                            name: "ETCD_ENDPOINTS",
                            value: `https://${name}-client.${ns}.svc:2379`,
                          },
                          { name: "ETCD_CACERT", value: "/tls/client/ca.crt" },
                          { name: "ETCD_CERT", value: "/tls/client/tls.crt" },
                          { name: "ETCD_KEY", value: "/tls/client/tls.key" },
                          ...extraEnv,
                        ],
                        volumeMounts: [
                          { name: "client-tls", mountPath: "/tls/client", readOnly: true },
                        ],
                      },
                    ],
                    volumes: [tls("client")],
                  },
                },
              },
            },
          },
        },
        inNs,
      );
    const snapshotSchedule = args.snapshotSchedule ?? "0 3 * * *";
    job("snapshot", "etcd-backup.sh", snapshotSchedule, [
      { name: "BACKUP_REASON", value: "scheduled" },
    ]);
    job(
      "snapshot-on-demand",
      "etcd-backup.sh",
      "0 0 1 1 *",
      [{ name: "BACKUP_REASON", value: "on-demand" }],
      true,
    );
    job("backup-age", "etcd-backup-age.sh", "30 * * * *", [
      { name: "MAX_AGE_SECONDS", value: String(maxBackupAgeSeconds(snapshotSchedule)) },
    ]);
    job("restore-drill", "etcd-verify-restore.sh", args.restoreDrillSchedule ?? "0 5 * * 0", [
      { name: "MAX_AGE_SECONDS", value: String(maxBackupAgeSeconds(snapshotSchedule)) },
    ]);

    this.registerOutputs({ bucketName: this.bucketName, backupImage: this.backupImage });
  }
}
