/**
 * The members: their namespace (restricted pod security), the headless service that names each
 * member and the client service, the StatefulSet spread over AZs and nodes with mTLS, and the
 * PodDisruptionBudget that keeps a quorum.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { CLIENT_LABEL, memberLabels, RESTRICTED, tlsVolume } from "./common";
import type { EtcdScope } from "./common";
import type { EtcdClusterArgs } from "./etcd";

/** The static initial cluster of a StatefulSet's members behind the headless service. */
export function initialCluster(name: string, namespace: string, members: number): string {
  return Array.from(
    { length: members },
    (_, i) => `${name}-${i}=https://${name}-${i}.${name}.${namespace}.svc:2380`,
  ).join(",");
}

/** The namespace of the cluster, enforcing the restricted pod security standard. */
export function etcdNamespace(scope: EtcdScope, protect?: boolean): k8s.core.v1.Namespace {
  return new k8s.core.v1.Namespace(
    `${scope.name}-ns`,
    {
      metadata: {
        name: scope.ns,
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "latest",
        },
      },
    },
    { ...scope.kube, protect },
  );
}

/** etcdctl's flags to reach `host` with the client certificate. */
function tlsFlags(host: string): string[] {
  return [
    `--endpoints=https://${host}:2379`,
    "--cacert=/tls/client/ca.crt",
    "--cert=/tls/client/tls.crt",
    "--key=/tls/client/tls.key",
  ];
}

/** The etcd command line of every member (its name and URLs from the pod's name). */
function etcdCommand(name: string, ns: string, members: number): string[] {
  return [
    "etcd",
    "--name=$(POD_NAME)",
    "--data-dir=/var/lib/etcd/data",
    "--listen-client-urls=https://0.0.0.0:2379",
    `--advertise-client-urls=https://$(POD_NAME).${name}.${ns}.svc:2379`,
    "--listen-peer-urls=https://0.0.0.0:2380",
    `--initial-advertise-peer-urls=https://$(POD_NAME).${name}.${ns}.svc:2380`,
    `--initial-cluster=${initialCluster(name, ns, members)}`,
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
  ];
}

/**
 * The services, the StatefulSet (after the namespace, the certificates and `clusterReady`) and
 * the PodDisruptionBudget.
 */
export function members(
  scope: EtcdScope,
  args: EtcdClusterArgs,
  namespace: pulumi.Resource,
  certificates: readonly pulumi.Resource[],
): void {
  const { name, ns } = scope;
  const labels = memberLabels(name);
  const inNs = { ...scope.kube, dependsOn: [namespace] };
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

  const resources = {
    requests: { cpu: args.resources.cpu, memory: args.resources.memory },
    limits: { cpu: args.resources.cpu, memory: args.resources.memory },
  };
  const health = ["etcdctl", ...tlsFlags("127.0.0.1"), "endpoint", "health"];
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
                  { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: labels } },
                ],
              },
            },
            containers: [
              {
                name: "etcd",
                image: args.image,
                securityContext: RESTRICTED,
                resources,
                ports: [
                  { name: "client", containerPort: 2379 },
                  { name: "peer", containerPort: 2380 },
                ],
                env: [
                  { name: "POD_NAME", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } },
                ],
                command: etcdCommand(name, ns, args.members),
                readinessProbe: { exec: { command: health }, periodSeconds: 10, timeoutSeconds: 5 },
                livenessProbe: {
                  exec: { command: health },
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
            volumes: [
              tlsVolume(name, "server"),
              tlsVolume(name, "peer"),
              tlsVolume(name, "client"),
            ],
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
      ...scope.kube,
      dependsOn: [namespace, ...certificates, ...(args.clusterReady ?? [])],
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
}
