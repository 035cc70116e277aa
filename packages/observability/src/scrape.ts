/**
 * Scrape configuration the charts do not bring:
 * - the application etcd members (@platform/etcd). They serve /metrics on the client port only,
 *   behind mTLS, so a PodMonitor in their namespace presents the cluster's client certificate (the
 *   cert-manager secret `<cluster>-client-tls`) and checks the server certificate against the name
 *   on it. The members' NetworkPolicy admits pods labelled as etcd clients; Prometheus carries
 *   that label (values/prometheus-stack.ts).
 * - the Velero server (@platform/eks VeleroBackup), whose chart exposes its metrics on the
 *   container port `http-monitoring` (8085) but creates a ServiceMonitor only on request, which
 *   would tie the backup release to this stack's CRDs.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { VELERO_NAMESPACE } from "@platform/eks";
import type { ObservabilityArgs } from "./observability";

/** The label the etcd members' NetworkPolicy admits clients by (@platform/etcd CLIENT_LABEL). */
export const ETCD_CLIENT_LABELS: Readonly<Record<string, string>> = {
  "etcd.platform/client": "true",
};

export interface EtcdTarget {
  /** The EtcdCluster's name (its pods' `app.kubernetes.io/instance`, its secrets' prefix). */
  readonly name: string;
  readonly namespace: string;
}

export function etcdPodMonitor(etcd: EtcdTarget) {
  const secret = `${etcd.name}-client-tls`;
  return {
    apiVersion: "monitoring.coreos.com/v1" as const,
    kind: "PodMonitor" as const,
    metadata: { name: `${etcd.name}-members`, namespace: etcd.namespace },
    spec: {
      selector: {
        matchLabels: { "app.kubernetes.io/name": "etcd", "app.kubernetes.io/instance": etcd.name },
      },
      podMetricsEndpoints: [
        {
          port: "client",
          scheme: "https",
          path: "/metrics",
          tlsConfig: {
            ca: { secret: { name: secret, key: "ca.crt" } },
            cert: { secret: { name: secret, key: "tls.crt" } },
            keySecret: { name: secret, key: "tls.key" },
            serverName: `${etcd.name}-client.${etcd.namespace}.svc`,
          },
        },
      ],
    },
  };
}

/** The etcd PodMonitor, after the operator's CRDs and the etcd cluster (its namespace, secrets). */
export function etcdScrape(
  parent: pulumi.Resource,
  name: string,
  args: ObservabilityArgs,
  operator: k8s.helm.v3.Release,
): void {
  if (!args.etcd) return;
  const m = etcdPodMonitor(args.etcd);
  new k8s.apiextensions.CustomResource(
    `${name}-${m.metadata.name}`,
    { apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata, spec: m.spec },
    {
      parent,
      provider: args.kubernetesProvider,
      dependsOn: [operator, ...(args.etcd.dependsOn ? [args.etcd.dependsOn] : [])],
    },
  );
}

/** The Velero server's metrics endpoint (chart vmware-tanzu/velero, release `velero`). */
export function veleroPodMonitor() {
  return {
    apiVersion: "monitoring.coreos.com/v1" as const,
    kind: "PodMonitor" as const,
    metadata: { name: "velero", namespace: VELERO_NAMESPACE },
    spec: {
      selector: {
        matchLabels: { "app.kubernetes.io/name": "velero", "app.kubernetes.io/instance": "velero" },
      },
      podMetricsEndpoints: [{ port: "http-monitoring", path: "/metrics" }],
    },
  };
}

/** The Velero PodMonitor, after the operator's CRDs and the Velero release (its namespace). */
export function veleroScrape(
  parent: pulumi.Resource,
  name: string,
  args: ObservabilityArgs,
  operator: k8s.helm.v3.Release,
): void {
  if (!args.velero) return;
  const m = veleroPodMonitor();
  new k8s.apiextensions.CustomResource(
    `${name}-${m.metadata.name}`,
    { apiVersion: m.apiVersion, kind: m.kind, metadata: m.metadata, spec: m.spec },
    {
      parent,
      provider: args.kubernetesProvider,
      dependsOn: [operator, ...(args.velero.dependsOn ? [args.velero.dependsOn] : [])],
    },
  );
}
