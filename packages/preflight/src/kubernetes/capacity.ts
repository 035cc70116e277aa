/**
 * What a node offers and what a pod asks for: allocatable CPU, memory and pods per instance type
 * as the EKS AMI configures the kubelet, and a pod's requests from its containers.
 */
import { asArray, asObject, known } from "../context";

export const EKS_AMI =
  "Amazon EKS AMI (nodeadm): kube-reserved memory 255 MiB + 11 MiB per max pod, CPU 6%/1%/0.5%/0.25% of cores, eviction at 100 MiB; max pods per instance type from ENI limits, https://github.com/awslabs/amazon-eks-ami/blob/main/templates/shared/runtime/eni-max-pods.txt";
export const EC2_TYPES =
  "Amazon EC2 instance types (vCPUs and memory), https://aws.amazon.com/ec2/instance-types/";

/** vCPUs, memory (GiB) and the EKS AMI's max pods, per instance type. */
export const INSTANCE_TYPES: Readonly<
  Record<string, { vcpu: number; memoryGiB: number; maxPods: number }>
> = {
  "t3.medium": { vcpu: 2, memoryGiB: 4, maxPods: 17 },
  "t3.large": { vcpu: 2, memoryGiB: 8, maxPods: 35 },
  "t3.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m5.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m5.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m5.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m6i.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m6i.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m6i.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "m6i.4xlarge": { vcpu: 16, memoryGiB: 64, maxPods: 234 },
  "m7i.large": { vcpu: 2, memoryGiB: 8, maxPods: 29 },
  "m7i.xlarge": { vcpu: 4, memoryGiB: 16, maxPods: 58 },
  "m7i.2xlarge": { vcpu: 8, memoryGiB: 32, maxPods: 58 },
  "c6i.large": { vcpu: 2, memoryGiB: 4, maxPods: 29 },
  "c6i.xlarge": { vcpu: 4, memoryGiB: 8, maxPods: 58 },
  "r6i.large": { vcpu: 2, memoryGiB: 16, maxPods: 29 },
  "r6i.xlarge": { vcpu: 4, memoryGiB: 32, maxPods: 58 },
};

/** Allocatable millicores and MiB of a node of the type, as the EKS AMI configures the kubelet. */
export function allocatable(
  type: string,
): { cpu: number; memory: number; pods: number } | undefined {
  const t = INSTANCE_TYPES[type];
  if (!t) return undefined;
  const cores = t.vcpu;
  const reservedCpu =
    60 +
    (cores >= 2 ? 10 : 0) +
    Math.max(0, Math.min(cores, 4) - 2) * 5 +
    Math.max(0, cores - 4) * 2.5;
  const reservedMemory = 255 + 11 * t.maxPods + 100;
  return {
    cpu: cores * 1000 - reservedCpu,
    memory: t.memoryGiB * 1024 - reservedMemory,
    pods: t.maxPods,
  };
}

/** Kubernetes quantities to millicores / MiB. */
export function cpuMillis(q: unknown): number {
  if (typeof q === "number") return q * 1000;
  if (!known(q)) return 0;
  const s = String(q);
  return s.endsWith("m") ? Number(s.slice(0, -1)) : Number(s) * 1000;
}
export function memoryMiB(q: unknown): number {
  if (typeof q === "number") return q / 2 ** 20;
  if (!known(q)) return 0;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q));
  if (!m) return 0;
  const unit: Record<string, number> = {
    "": 2 ** -20,
    Ki: 2 ** -10,
    Mi: 1,
    Gi: 1024,
    Ti: 2 ** 20,
    k: 1e3 / 2 ** 20,
    M: 1e6 / 2 ** 20,
    G: 1e9 / 2 ** 20,
  };
  return Number(m[1]) * (unit[m[2]!] ?? 0);
}

/** What one pod requests: containers summed, the largest init container if bigger. */
export function requests(spec: Record<string, unknown>): { cpu: number; memory: number } {
  const of = (c: Record<string, unknown>) => {
    const r = asObject(c["resources"]);
    const req = asObject(r["requests"]);
    const lim = asObject(r["limits"]);
    return {
      cpu: cpuMillis(req["cpu"] ?? lim["cpu"]),
      memory: memoryMiB(req["memory"] ?? lim["memory"]),
    };
  };
  const main = asArray(spec["containers"]).map((c) => of(asObject(c)));
  const init = asArray(spec["initContainers"]).map((c) => of(asObject(c)));
  const sum = main.reduce((a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }), {
    cpu: 0,
    memory: 0,
  });
  return {
    cpu: Math.max(sum.cpu, ...init.map((i) => i.cpu)),
    memory: Math.max(sum.memory, ...init.map((i) => i.memory)),
  };
}
