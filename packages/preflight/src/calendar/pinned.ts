/**
 * Versions that must be pinned for any calendar to be checkable: Helm chart versions (an unpinned
 * release installs whatever is latest on each run) and EKS add-on versions (unpinned, EKS picks
 * its default for the cluster version and changes it between runs); kube-proxy's add-on version
 * follows the cluster's minor.
 */
import type { Context } from "../context";
import { known } from "../context";
import type { Problem, Rule } from "../types";
import { HELM_TYPES } from "../kubernetes/objects";

const HELM =
  "Helm documentation, helm install --version (without it the latest chart version is used), https://helm.sh/docs/helm/helm_install/";
const ADDONS =
  "Amazon EKS User Guide, manage add-ons (addon version; the default changes per cluster version), https://docs.aws.amazon.com/eks/latest/userguide/updating-an-add-on.html";
const KUBE_PROXY =
  "Amazon EKS User Guide, manage kube-proxy (the add-on version follows the cluster's Kubernetes minor), https://docs.aws.amazon.com/eks/latest/userguide/managing-kube-proxy.html";

const EXACT = /^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/;

export const supportPinned: Rule = {
  id: "support-versions-pinned",
  family: "calendar",
  description:
    "Helm charts and EKS add-ons without an exact version; a kube-proxy add-on of another minor than the cluster",
  source: `${HELM}; ${ADDONS}; ${KUBE_PROXY}`,
  *check(ctx: Context) {
    for (const r of ctx.ofType(...HELM_TYPES)) {
      const version = r.inputs["version"];
      if (version === undefined || (known(version) && !EXACT.test(String(version))))
        yield {
          severity: "error",
          urn: r.urn,
          message: `chart ${String(r.inputs["chart"])} ${version === undefined ? "has no version" : `version "${String(version)}" is not exact`}: each run may install a different chart; pin an exact version`,
          source: HELM,
        } satisfies Problem;
    }
    for (const a of ctx.ofType("aws:eks/addon:Addon")) {
      const version = a.inputs["addonVersion"];
      const name = String(a.inputs["addonName"]);
      if (version === undefined) {
        yield {
          severity: "error",
          urn: a.urn,
          message: `add-on ${name} has no addonVersion: EKS installs its default for the cluster version, which changes between runs; pin it`,
          source: ADDONS,
        };
        continue;
      }
      if (name !== "kube-proxy" || !known(version)) continue;
      const cluster = ctx.refs(a, "clusterName").find((c) => c.type === "aws:eks/cluster:Cluster");
      const k8s = cluster?.inputs["version"];
      const addonMinor = /^v?(\d+\.\d+)\./.exec(String(version))?.[1];
      if (known(k8s) && addonMinor && addonMinor !== String(k8s))
        yield {
          severity: "error",
          urn: a.urn,
          message: `kube-proxy add-on ${String(version)} is for Kubernetes ${addonMinor}, the cluster runs ${String(k8s)}: use the kube-proxy build for ${String(k8s)}`,
          source: KUBE_PROXY,
        };
    }
  },
};
