/**
 * The scheduler's hard constraints on where a pod may go: taints and tolerations, node selectors
 * and required node affinity, required pod anti-affinity and DoNotSchedule topology spread.
 * Preferred (soft) constraints are not modelled.
 */
import { asArray, asObject, num } from "../context";
import { labelsOf, selects } from "./objects";
import type { NodeGroupInfo } from "./objects";

/** A simulated node: its labels and taints, the capacity left, and the pods placed on it. */
export interface Node {
  name: string;
  group: string;
  labels: Record<string, string>;
  taints: NodeGroupInfo["taints"];
  free: { cpu: number; memory: number; pods: number };
  pods: Array<{ namespace?: string; labels: Record<string, string> }>;
}

type Spec = Record<string, unknown>;

export function tolerates(tolerations: Spec[], taint: NodeGroupInfo["taints"][number]): boolean {
  if (taint.effect === "PreferNoSchedule") return true;
  return tolerations.some((t) => {
    if (t["effect"] !== undefined && t["effect"] !== taint.effect) return false;
    if (t["operator"] === "Exists") return t["key"] === undefined || t["key"] === taint.key;
    return t["key"] === taint.key && (t["value"] ?? "") === (taint.value ?? "");
  });
}

export function nodeAffinityOk(spec: Spec, node: Node): boolean {
  for (const [k, v] of Object.entries(labelsOf(spec["nodeSelector"])))
    if (node.labels[k] !== v) return false;
  const required = asObject(
    asObject(asObject(spec["affinity"])["nodeAffinity"])[
      "requiredDuringSchedulingIgnoredDuringExecution"
    ],
  );
  const terms = asArray(required["nodeSelectorTerms"]).map(asObject);
  if (terms.length === 0) return true;
  return terms.some((t) => selects({ matchExpressions: t["matchExpressions"] }, node.labels));
}

/** The pod's required anti-affinity terms. */
export function requiredAntiAffinity(spec: Spec): Spec[] {
  return asArray(
    asObject(asObject(spec["affinity"])["podAntiAffinity"])[
      "requiredDuringSchedulingIgnoredDuringExecution"
    ],
  ).map(asObject);
}

/** The pod's topology spread constraints the scheduler enforces (DoNotSchedule). */
export function hardSpread(spec: Spec): Spec[] {
  return asArray(spec["topologySpreadConstraints"])
    .map(asObject)
    .filter((c) => c["whenUnsatisfiable"] === "DoNotSchedule");
}

/** The anti-affinity term a pod on the node would break: a matching pod in the node's domain. */
export function antiAffinityConflict(
  terms: readonly Spec[],
  node: Node,
  nodes: readonly Node[],
  namespace: string | undefined,
): Spec | undefined {
  return terms.find((term) => {
    const key = String(term["topologyKey"]);
    const domain = node.labels[key];
    const namespaces = asArray(term["namespaces"]).map(String);
    return nodes.some(
      (other) =>
        other.labels[key] === domain &&
        other.pods.some(
          (p) =>
            (namespaces.length
              ? namespaces.includes(p.namespace ?? "")
              : p.namespace === namespace) && selects(term["labelSelector"], p.labels),
        ),
    );
  });
}

/** The spread constraint a pod on the node would push past its maxSkew over the eligible nodes. */
export function spreadViolation(
  constraints: readonly Spec[],
  node: Node,
  eligible: readonly Node[],
  namespace: string | undefined,
): Spec | undefined {
  return constraints.find((c) => {
    const key = String(c["topologyKey"]);
    const domains = new Map<string, number>();
    for (const n of eligible) if (n.labels[key] !== undefined) domains.set(n.labels[key]!, 0);
    for (const n of eligible)
      for (const p of n.pods)
        if (p.namespace === namespace && selects(c["labelSelector"], p.labels))
          domains.set(n.labels[key]!, (domains.get(n.labels[key]!) ?? 0) + 1);
    const min = Math.min(...domains.values());
    return (domains.get(node.labels[key]!) ?? 0) + 1 - min > (num(c["maxSkew"]) ?? 1);
  });
}
