/**
 * What a node of a given instance type offers to pods, estimated the way the EKS optimized AMIs
 * configure the kubelet, so configuration can be checked against it before anything is created.
 * Only instance types listed here are checked; for others the estimate is unknown (undefined).
 */

export interface InstanceFacts {
  readonly vcpus: number;
  readonly memoryGiB: number;
  /** Network interfaces and IPv4 addresses per interface: the VPC CNI's pod limit. */
  readonly enis: number;
  readonly ipsPerEni: number;
}

const family = (
  names: readonly string[],
  size: string,
  facts: InstanceFacts,
): Array<[string, InstanceFacts]> => names.map((n) => [`${n}.${size}`, facts]);

const general = ["m5", "m6i", "m6a", "m7i", "m7a"];
const compute = ["c5", "c6i", "c6a", "c7i", "c7a"];
const memory = ["r5", "r6i", "r6a", "r7i", "r7a"];

/** Amazon EC2 instance type specifications (vCPUs, memory, ENIs, IPv4 addresses per ENI). */
export const INSTANCE_TYPES: Readonly<Record<string, InstanceFacts>> = Object.fromEntries([
  ["t3.medium", { vcpus: 2, memoryGiB: 4, enis: 3, ipsPerEni: 6 }],
  ["t3.large", { vcpus: 2, memoryGiB: 8, enis: 3, ipsPerEni: 12 }],
  ["t3.xlarge", { vcpus: 4, memoryGiB: 16, enis: 4, ipsPerEni: 15 }],
  ["t3.2xlarge", { vcpus: 8, memoryGiB: 32, enis: 4, ipsPerEni: 15 }],
  ...family(general, "large", { vcpus: 2, memoryGiB: 8, enis: 3, ipsPerEni: 10 }),
  ...family(general, "xlarge", { vcpus: 4, memoryGiB: 16, enis: 4, ipsPerEni: 15 }),
  ...family(general, "2xlarge", { vcpus: 8, memoryGiB: 32, enis: 4, ipsPerEni: 15 }),
  ...family(compute, "large", { vcpus: 2, memoryGiB: 4, enis: 3, ipsPerEni: 10 }),
  ...family(compute, "xlarge", { vcpus: 4, memoryGiB: 8, enis: 4, ipsPerEni: 15 }),
  ...family(compute, "2xlarge", { vcpus: 8, memoryGiB: 16, enis: 4, ipsPerEni: 15 }),
  ...family(memory, "large", { vcpus: 2, memoryGiB: 16, enis: 3, ipsPerEni: 10 }),
  ...family(memory, "xlarge", { vcpus: 4, memoryGiB: 32, enis: 4, ipsPerEni: 15 }),
  ...family(memory, "2xlarge", { vcpus: 8, memoryGiB: 64, enis: 4, ipsPerEni: 15 }),
]);

/**
 * Requests of the DaemonSets every node runs (vpc-cni's aws-node with its network policy agent,
 * kube-proxy, the EBS CSI node plugin, the Pod Identity agent), rounded up: kube-proxy alone
 * requests 100m.
 */
export const DAEMONSET_OVERHEAD = { cpuMillis: 250, memoryMiB: 320 } as const;

/**
 * Share of the nominal memory the kernel reports to the kubelet as capacity (firmware and kernel
 * keep the rest); a conservative round figure, not a published constant.
 */
const REPORTED_MEMORY = 0.92;

export interface Allocatable {
  readonly cpuMillis: number;
  readonly memoryMiB: number;
  readonly pods: number;
}

/**
 * Allocatable capacity of a node, as the EKS AMIs set the kubelet: max pods = ENIs × (IPs per
 * ENI − 1) + 2 (amazon-eks-ami eni-max-pods.txt); kube-reserved memory = 11 MiB × max pods + 255
 * MiB; kube-reserved CPU = 6 % of the first core, 1 % of the second, 0.5 % of the next two and
 * 0.25 % of the rest; hard eviction at 100 MiB free. Undefined for unlisted types.
 */
export function allocatable(instanceType: string): Allocatable | undefined {
  const t = INSTANCE_TYPES[instanceType];
  if (!t) return undefined;
  const pods = t.enis * (t.ipsPerEni - 1) + 2;
  const cores = [60, 10, 5, 5];
  let reservedCpu = 0;
  for (let core = 0; core < t.vcpus; core++) reservedCpu += cores[core] ?? 2.5;
  const memoryMiB = Math.floor(t.memoryGiB * 1024 * REPORTED_MEMORY) - (11 * pods + 255) - 100;
  return { cpuMillis: t.vcpus * 1000 - Math.ceil(reservedCpu), memoryMiB, pods };
}

/** What is left for workloads on an otherwise empty node, after the add-on DaemonSets. */
export function schedulable(instanceType: string): Allocatable | undefined {
  const a = allocatable(instanceType);
  return (
    a && {
      cpuMillis: a.cpuMillis - DAEMONSET_OVERHEAD.cpuMillis,
      memoryMiB: a.memoryMiB - DAEMONSET_OVERHEAD.memoryMiB,
      pods: a.pods,
    }
  );
}

/** A Kubernetes CPU quantity ("500m", "2", "0.5") in millicores; undefined when malformed. */
export function cpuMillis(quantity: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity.trim());
  if (!m) return undefined;
  return m[2] ? Number(m[1]) : Math.round(Number(m[1]) * 1000);
}

const MEMORY_UNITS: Record<string, number> = {
  "": 1 / (1024 * 1024),
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  Ti: 1024 * 1024,
  k: 1000 / (1024 * 1024),
  M: 1e6 / (1024 * 1024),
  G: 1e9 / (1024 * 1024),
  T: 1e12 / (1024 * 1024),
};

/** A Kubernetes memory quantity ("1Gi", "512Mi", "1G") in MiB; undefined when malformed. */
export function memoryMiB(quantity: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity.trim());
  if (!m) return undefined;
  return Number(m[1]) * MEMORY_UNITS[m[2] ?? ""]!;
}
