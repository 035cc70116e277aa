/**
 * Kubernetes settings of the delivery component that encode a documented standard (pure).
 */

/**
 * The Pod Security Standard an application namespace enforces: restricted (no privilege, no host
 * access, non-root, seccomp RuntimeDefault, all capabilities dropped), audited and warned alike.
 * Source: Kubernetes, "Pod Security Admission" and "Pod Security Standards"
 * (https://kubernetes.io/docs/concepts/security/pod-security-admission/).
 */
export const RESTRICTED_NAMESPACE_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/warn": "restricted",
} as const;
