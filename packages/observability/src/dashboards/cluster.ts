import type { DashboardSpec } from "./model";

/** The cluster at a glance: nodes, workloads, volumes, and the alerts firing now. */
export const clusterDashboard: DashboardSpec = {
  uid: "platform-cluster",
  title: "Platform / Cluster",
  description:
    "The EKS cluster's health: nodes ready, capacity in use, pods that restart or wait, volumes filling up and the platform alerts firing now.",
  variables: { namespace: "label_values(kube_pod_info, namespace)" },
  rows: [
    {
      title: "Overview",
      panels: [
        {
          title: "Nodes not ready",
          description:
            "Nodes whose Ready condition is not true (KubeNodeNotReady fires after 15 minutes).",
          kind: "stat",
          queries: [
            {
              promql:
                'sum(kube_node_status_condition{condition="Ready", status="true"} == 0) or vector(0)',
            },
          ],
        },
        {
          title: "Firing alerts",
          description: "Platform alerts firing now, by severity.",
          kind: "stat",
          queries: [
            {
              promql: 'count by (severity) (ALERTS{alertstate="firing", team="platform"})',
              legend: "{{severity}}",
            },
          ],
        },
        {
          title: "CPU requested",
          description:
            "Share of the nodes' allocatable CPU that pods request: what the scheduler can still place.",
          kind: "stat",
          unit: "percentunit",
          queries: [
            {
              promql:
                'sum(kube_pod_container_resource_requests{resource="cpu"}) / sum(kube_node_status_allocatable{resource="cpu"})',
            },
          ],
        },
        {
          title: "Memory requested",
          description: "Share of the nodes' allocatable memory that pods request.",
          kind: "stat",
          unit: "percentunit",
          queries: [
            {
              promql:
                'sum(kube_pod_container_resource_requests{resource="memory"}) / sum(kube_node_status_allocatable{resource="memory"})',
            },
          ],
        },
      ],
    },
    {
      title: "Workloads",
      panels: [
        {
          title: "Container restarts",
          description:
            "Restarts per container over 15 minutes in the selected namespaces (KubePodCrashLooping's signal).",
          kind: "timeseries",
          queries: [
            {
              promql:
                'sum by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total{namespace=~"$namespace"}[15m])) > 0',
              legend: "{{namespace}}/{{pod}} {{container}}",
            },
          ],
        },
        {
          title: "CPU usage by namespace",
          description: "CPU cores used, by namespace.",
          kind: "timeseries",
          unit: "short",
          queries: [
            {
              promql:
                'sum by (namespace) (rate(container_cpu_usage_seconds_total{namespace=~"$namespace", container!=""}[5m]))',
              legend: "{{namespace}}",
            },
          ],
        },
      ],
    },
    {
      title: "Storage",
      panels: [
        {
          title: "Volume space free",
          description:
            "Free space of each PVC (KubePersistentVolumeFillingUp warns, KubePersistentVolumeFull pages).",
          kind: "timeseries",
          unit: "percentunit",
          queries: [
            {
              promql:
                'kubelet_volume_stats_available_bytes{namespace=~"$namespace"} / kubelet_volume_stats_capacity_bytes{namespace=~"$namespace"}',
              legend: "{{namespace}}/{{persistentvolumeclaim}}",
            },
          ],
        },
        {
          title: "Velero: time since last successful backup",
          description:
            "Age of each Velero schedule's last successful backup (VeleroBackupMissing).",
          kind: "timeseries",
          unit: "s",
          queries: [
            {
              promql: 'time() - velero_backup_last_successful_timestamp{schedule!=""}',
              legend: "{{schedule}}",
            },
          ],
        },
      ],
    },
  ],
};
