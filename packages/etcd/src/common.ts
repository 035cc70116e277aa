/**
 * What the concern modules of an EtcdCluster share: its scope (name, namespace, parent and
 * Kubernetes provider), the labels that tell members from backup jobs, and the restricted
 * container security context.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Pods with this label may reach the members' client port (see the clients-only policy). */
export const CLIENT_LABEL = "etcd.platform/client";

/** The cluster a concern module adds to. */
export interface EtcdScope {
  /** The component's name: every child's logical name and Kubernetes name starts with it. */
  readonly name: string;
  /** The Kubernetes namespace's name. */
  readonly ns: string;
  /** The component (`parent`) and the Kubernetes provider of every Kubernetes child. */
  readonly kube: { readonly parent: pulumi.Resource; readonly provider: k8s.Provider };
}

/**
 * Members and backup jobs carry distinct names: the StatefulSet's selector, its services, the
 * PDB and the one-member-per-node anti-affinity must match members only. A job pod matching
 * them would be a service endpoint, count in the PDB, and (anti-affinity is symmetric) be
 * unschedulable on every node that runs a member.
 */
export function memberLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": name };
}

/** The backup jobs' pod labels (see `memberLabels`). */
export function backupLabels(name: string): Record<string, string> {
  return { "app.kubernetes.io/name": "etcd-backup", "app.kubernetes.io/instance": name };
}

/** The container security context of the restricted pod security standard. */
export const RESTRICTED = {
  runAsNonRoot: true,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/** The pod volume of the `<id>` certificate's secret (server, peer or client). */
export function tlsVolume(name: string, id: string) {
  return { name: `${id}-tls`, secret: { secretName: `${name}-${id}-tls` } };
}
