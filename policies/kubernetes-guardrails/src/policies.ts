// Every Kubernetes policy of the pack. This module does not construct the PolicyPack.
import type { Policies, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { allContainers, podSpecOf } from "./workloads";
import type { PodSpec } from "./workloads";

/** Runs `check` on workload pod specs; other types are not applicable. */
function onPodSpec(
  check: (spec: PodSpec, args: ResourceValidationArgs, report: (m: string) => void) => void,
) {
  return (args: ResourceValidationArgs, report: (m: string) => void) => {
    const spec = podSpecOf(args.type, args.props);
    if (!spec) return args.notApplicable("not a workload");
    check(spec, args, report);
  };
}

export function podSecurityRestricted(): ResourceValidationPolicy {
  return {
    name: "k8s-pod-security-restricted",
    description:
      "Workloads meet the restricted Pod Security Standard: non-root, no privilege escalation, drop ALL, RuntimeDefault seccomp, no privileged or host access.",
    severity: "high",
    remediationSteps:
      "Set runAsNonRoot, allowPrivilegeEscalation: false, capabilities.drop [ALL], seccompProfile RuntimeDefault; remove privileged, hostPath, hostNetwork and hostPID.",
    validateResource: onPodSpec((spec, _args, report) => {
      for (const c of allContainers(spec)) {
        const sc = c.securityContext ?? {};
        const who = `container ${c.name ?? "(unnamed)"}`;
        if (sc.runAsNonRoot !== true && spec.securityContext?.runAsNonRoot !== true)
          report(`${who}: runAsNonRoot is not true`);
        if (sc.allowPrivilegeEscalation !== false)
          report(`${who}: allowPrivilegeEscalation is not false`);
        if (!sc.capabilities?.drop?.includes("ALL")) report(`${who}: capabilities do not drop ALL`);
        if (
          (sc.seccompProfile?.type ?? spec.securityContext?.seccompProfile?.type) !==
          "RuntimeDefault"
        )
          report(`${who}: seccomp profile is not RuntimeDefault`);
        if (sc.privileged) report(`${who}: runs privileged`);
      }
      for (const v of spec.volumes ?? [])
        if (v.hostPath) report(`volume ${v.name ?? "(unnamed)"} mounts a hostPath`);
      if (spec.hostNetwork || spec.hostPID)
        report("pod shares the host's network or PID namespace");
    }),
  };
}

export function imagePinned(): ResourceValidationPolicy {
  return {
    name: "k8s-image-pinned",
    description: "Every container image has a tag or digest, and the tag is not latest.",
    severity: "medium",
    remediationSteps: "Reference images by an immutable tag or a digest (image@sha256:...).",
    validateResource: onPodSpec((spec, _args, report) => {
      for (const c of allContainers(spec)) {
        const image = c.image ?? "";
        if (image.includes("@sha256:")) continue;
        const tag = /:([^/:]+)$/.exec(image)?.[1];
        if (!tag)
          report(
            `container ${c.name ?? "(unnamed)"}: image ${image || "(none)"} has no tag or digest`,
          );
        else if (tag === "latest")
          report(`container ${c.name ?? "(unnamed)"}: image ${image} uses the latest tag`);
      }
    }),
  };
}

export function resourceLimits(): ResourceValidationPolicy {
  return {
    name: "k8s-resource-limits",
    description: "Every container sets CPU and memory requests and limits.",
    severity: "medium",
    remediationSteps: "Set resources.requests and resources.limits for cpu and memory.",
    validateResource: onPodSpec((spec, _args, report) => {
      for (const c of allContainers(spec)) {
        const missing = ["requests", "limits"].flatMap((k) =>
          ["cpu", "memory"]
            .filter((r) => !c.resources?.[k as "requests" | "limits"]?.[r])
            .map((r) => `${k}.${r}`),
        );
        if (missing.length)
          report(`container ${c.name ?? "(unnamed)"}: missing ${missing.join(", ")}`);
      }
    }),
  };
}

export const kubernetesPolicies: Policies = [
  podSecurityRestricted(),
  imagePinned(),
  resourceLimits(),
];

export const PACK = {
  name: "kubernetes-guardrails",
  policies: kubernetesPolicies,
  enforcementLevel: "advisory" as const,
};
