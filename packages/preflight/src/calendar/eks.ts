/**
 * The EKS support calendar over the planned clusters and add-ons. The dates and add-on tables are
 * core's (`EKS_SUPPORT_CALENDAR`, `EKS_ADDON_DOCUMENTED_VERSIONS`, sourced there); environment
 * config validation applies the same functions before any resource, and this rule catches a cluster
 * planned any other way (a component used directly, a version changed in code), on the day of the
 * run (`PLATFORM_TODAY` reproduces a past day or looks ahead).
 */
// The module itself, not the core barrel (which loads @pulumi/aws: seconds per process).
import { eksAddonProblems, eksSupportProblems } from "@platform/core/aws-facts/eks-support";
import type { Context } from "../context";
import { asObject, known } from "../context";
import type { Problem, Rule } from "../types";

const CALENDAR =
  'Amazon EKS User Guide, "Understand the Kubernetes version lifecycle on EKS", https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html';
const ADDONS =
  'Amazon EKS User Guide, "Amazon EKS add-ons" version tables, https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html';

export const supportEks: Rule = {
  id: "support-eks",
  family: "calendar",
  description:
    "an EKS cluster past (or close to) the end of its support, or with add-on versions EKS does not ship for its Kubernetes version",
  source: `${CALENDAR}; ${ADDONS}`,
  *check(ctx: Context) {
    for (const cluster of ctx.ofType("aws:eks/cluster:Cluster")) {
      const version = cluster.inputs["version"];
      if (!known(version)) continue;
      const policy = asObject(cluster.inputs["upgradePolicy"])["supportType"];
      for (const f of eksSupportProblems({
        version: String(version),
        upgradePolicy: policy === "EXTENDED" ? "EXTENDED" : "STANDARD",
        today: ctx.today,
      }))
        yield { severity: f.severity, urn: cluster.urn, message: f.message } satisfies Problem;
      const name = cluster.inputs["name"];
      const addons = Object.fromEntries(
        ctx
          .ofType("aws:eks/addon:Addon")
          .filter((a) => known(name) && a.inputs["clusterName"] === name)
          .filter((a) => known(a.inputs["addonVersion"]))
          .map((a) => [String(a.inputs["addonName"]), String(a.inputs["addonVersion"])]),
      );
      for (const f of eksAddonProblems(String(version), addons))
        yield { severity: f.severity, urn: cluster.urn, message: f.message } satisfies Problem;
    }
  },
};
