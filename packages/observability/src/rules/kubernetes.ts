/**
 * Kubernetes basics from kube-state-metrics and the kubelet: nodes not ready, containers
 * crash-looping, persistent volumes filling up. The expressions follow the kubernetes-mixin
 * (kubernetes-monitoring/kubernetes-mixin) that kube-prometheus-stack ships, reduced to the ones
 * this platform pages on; the chart's own default rules are turned off (values.ts) so every alert
 * that can reach a receiver is defined, and tested, here.
 */
import type { AlertRule, RuleGroup } from "./model";

export interface KubernetesRuleOptions {
  /** Percent of free space under which a PVC warns. */
  readonly volumeFreeWarningPercent: number;
  /** Percent of free space under which a PVC is critical. */
  readonly volumeFreeCriticalPercent: number;
}

const volumeFree = (percent: number) =>
  `100 * kubelet_volume_stats_available_bytes{job="kubelet"} / kubelet_volume_stats_capacity_bytes{job="kubelet"} < ${percent} and kubelet_volume_stats_used_bytes{job="kubelet"} > 0`;

export function kubernetesRules(o: KubernetesRuleOptions): RuleGroup {
  const rules: AlertRule[] = [
    {
      alert: "KubeNodeNotReady",
      expr: `kube_node_status_condition{condition="Ready", status="true"} == 0`,
      for: "15m",
      severity: "warning",
      service: "kubernetes",
      summary: "A node is not ready.",
      description:
        "Node {{ $labels.node }} has not been Ready for 15 minutes: its pods are being evicted; check the node group and the kubelet.",
    },
    {
      alert: "KubePodCrashLooping",
      expr: `max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m]) >= 1`,
      for: "15m",
      severity: "warning",
      service: "kubernetes",
      summary: "A container is crash-looping.",
      description:
        "Container {{ $labels.container }} of pod {{ $labels.namespace }}/{{ $labels.pod }} has been in CrashLoopBackOff for 15 minutes: read its logs (Loki, same namespace and pod).",
    },
    {
      alert: "KubePersistentVolumeFillingUp",
      expr: volumeFree(o.volumeFreeWarningPercent),
      for: "5m",
      severity: "warning",
      service: "kubernetes",
      summary: "A persistent volume is nearly full.",
      description: `PVC {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has {{ printf "%.1f" $value }}% free (warning under ${o.volumeFreeWarningPercent}%): expand the volume or free space.`,
    },
    {
      alert: "KubePersistentVolumeFull",
      expr: volumeFree(o.volumeFreeCriticalPercent),
      for: "1m",
      severity: "critical",
      service: "kubernetes",
      summary: "A persistent volume is full.",
      description: `PVC {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} has {{ printf "%.1f" $value }}% free (critical under ${o.volumeFreeCriticalPercent}%): writes fail next.`,
    },
  ];
  return { name: "kubernetes", rules };
}
