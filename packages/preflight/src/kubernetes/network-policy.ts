/**
 * NetworkPolicy objects are only enforced when the cluster runs a network policy engine: on EKS the
 * VPC CNI add-on with `enableNetworkPolicy: "true"` in its configuration values, or another engine
 * (Calico, Cilium) installed by a chart. Without one the API server accepts the policies and
 * nothing enforces them: a default-deny posture that silently allows everything.
 */
import type { Context } from "../context";
import { asObject, known } from "../context";
import type { Problem, Rule } from "../types";
import { clusterOfProvider, HELM_TYPES, k8sObjects } from "./objects";

const DOC =
  "Amazon EKS User Guide, limit pod traffic with Kubernetes network policies (VPC CNI enableNetworkPolicy), https://docs.aws.amazon.com/eks/latest/userguide/cni-network-policy-configure.html";
const ENGINES = new Set(["calico", "tigera-operator", "cilium"]);

export const k8sNetworkPolicyEnforced: Rule = {
  id: "k8s-network-policy-enforced",
  family: "kubernetes",
  description:
    "NetworkPolicy objects on a cluster whose VPC CNI add-on does not enable network policy and that runs no other policy engine: accepted, never enforced",
  source: DOC,
  *check(ctx: Context) {
    const engine = ctx.ofType(...HELM_TYPES).some((r) =>
      ENGINES.has(
        String(r.inputs["chart"] ?? "")
          .split("/")
          .pop() ?? "",
      ),
    );
    if (engine) return;
    const reported = new Set<string>();
    for (const o of k8sObjects(ctx).filter((x) => x.kind === "NetworkPolicy")) {
      const cluster = clusterOfProvider(ctx, ctx.get(o.resource.provider))?.cluster;
      if (!cluster || reported.has(cluster.urn)) continue;
      const cni = ctx
        .ofType("aws:eks/addon:Addon")
        .find(
          (a) =>
            a.inputs["addonName"] === "vpc-cni" &&
            ctx.refs(a, "clusterName").some((c) => c.urn === cluster.urn),
        );
      const values = cni ? asObject(ctx.json(cni, "configurationValues")) : {};
      const enabled =
        known(values["enableNetworkPolicy"]) && String(values["enableNetworkPolicy"]) === "true";
      if (enabled) continue;
      reported.add(cluster.urn);
      yield {
        severity: "error",
        urn: o.resource.urn,
        message: `NetworkPolicy ${o.name ?? o.resource.name} (and every other one on this cluster) is never enforced: ${cni ? `the vpc-cni add-on ${cni.name} does not set enableNetworkPolicy "true" in configurationValues` : "the cluster has no vpc-cni add-on"} and no other policy engine is installed`,
      } satisfies Problem;
    }
  },
};
