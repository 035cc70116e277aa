/**
 * Pod templates of the workload kinds, read from resource inputs. Helm charts are components:
 * these policies see the rendered children only in a real preview (see policies/README.md).
 */
export interface Container {
  name?: string;
  image?: string;
  securityContext?: {
    runAsNonRoot?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[] };
    seccompProfile?: { type?: string };
  };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type?: string } };
  volumes?: Array<{ name?: string; hostPath?: unknown }>;
  hostNetwork?: boolean;
  hostPID?: boolean;
}

const TEMPLATE_PATHS: Record<string, string[]> = {
  "kubernetes:core/v1:Pod": ["spec"],
  "kubernetes:apps/v1:Deployment": ["spec", "template", "spec"],
  "kubernetes:apps/v1:StatefulSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:DaemonSet": ["spec", "template", "spec"],
  "kubernetes:apps/v1:ReplicaSet": ["spec", "template", "spec"],
  "kubernetes:batch/v1:Job": ["spec", "template", "spec"],
  "kubernetes:batch/v1:CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
};

/** The pod spec of a workload, or undefined for other types. */
export function podSpecOf(type: string, props: Record<string, unknown>): PodSpec | undefined {
  const path = TEMPLATE_PATHS[type];
  if (!path) return undefined;
  let current: unknown = props;
  for (const key of path) current = (current as Record<string, unknown> | undefined)?.[key];
  return (current as PodSpec | undefined) ?? {};
}

export function allContainers(spec: PodSpec): Container[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
}
