/**
 * Custom resources need their CRD in the cluster before they are applied, or the API server
 * answers "no matches for kind". The CRD must come from this stack (a CustomResourceDefinition,
 * a Helm release or an EKS add-on known to install it) and the custom resource must wait for it,
 * or the group must be declared a prerequisite installed by another stack (preflight.json).
 */
import type { Context } from "../context";
import { asArray, asObject, known } from "../context";
import type { PlanResource, Problem, Rule } from "../types";
import { HELM_TYPES, k8sObjects } from "./objects";

const CRD_DOC =
  "Kubernetes documentation, Extend the Kubernetes API with CustomResourceDefinitions, https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/";

/** API groups served by the Kubernetes API server itself. */
export const BUILT_IN_GROUPS = new Set([
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "storagemigration.k8s.io",
]);

/**
 * Installers that ship CRDs: Helm charts (by chart name; `when` says which values turn the CRDs
 * on) and EKS add-ons (by add-on name), each with the document that says so.
 */
export const CRD_INSTALLERS: ReadonlyArray<{
  readonly kind: "chart" | "addon";
  readonly name: string;
  readonly groups: readonly string[];
  readonly when?: (values: Record<string, unknown>) => boolean;
  readonly requirement?: string;
  readonly source: string;
}> = [
  {
    kind: "chart",
    name: "cert-manager",
    groups: ["cert-manager.io", "acme.cert-manager.io"],
    when: (v) => asObject(v["crds"])["enabled"] === true || v["installCRDs"] === true,
    requirement: "values crds.enabled: true",
    source:
      "cert-manager docs, Helm installation (CRDs are installed only with crds.enabled=true), https://cert-manager.io/docs/installation/helm/",
  },
  {
    kind: "addon",
    name: "cert-manager",
    groups: ["cert-manager.io", "acme.cert-manager.io"],
    source:
      "Amazon EKS User Guide, community add-ons (cert-manager), https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html",
  },
  {
    kind: "chart",
    name: "velero",
    groups: ["velero.io"],
    source:
      "Velero Helm chart README (CRDs installed by the chart's upgrade-CRDs job), https://github.com/vmware-tanzu/helm-charts/tree/main/charts/velero",
  },
  {
    kind: "chart",
    name: "kube-prometheus-stack",
    groups: ["monitoring.coreos.com"],
    when: (v) => asObject(v["crds"])["enabled"] !== false,
    requirement: "values crds.enabled not false",
    source:
      "kube-prometheus-stack chart README (the chart's crds subchart installs the Prometheus operator CRDs unless crds.enabled=false), https://github.com/prometheus-community/helm-charts/tree/main/charts/kube-prometheus-stack",
  },
  {
    kind: "chart",
    name: "karpenter",
    groups: ["karpenter.sh", "karpenter.k8s.aws"],
    source:
      "Karpenter docs, getting started (the chart installs its CRDs), https://karpenter.sh/docs/getting-started/",
  },
  {
    kind: "chart",
    name: "aws-load-balancer-controller",
    groups: ["elbv2.k8s.aws"],
    source:
      "AWS Load Balancer Controller docs, Helm installation, https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/deploy/installation/",
  },
  {
    kind: "addon",
    name: "snapshot-controller",
    groups: ["snapshot.storage.k8s.io", "groupsnapshot.storage.k8s.io"],
    source:
      "Amazon EKS User Guide, CSI snapshot controller add-on, https://docs.aws.amazon.com/eks/latest/userguide/csi-snapshot-controller.html",
  },
];

interface Installer {
  readonly resource: PlanResource;
  readonly groups: Set<string>;
  readonly kinds?: Map<string, Set<string>>;
  readonly label: string;
  readonly missingRequirement?: string;
}

function installers(ctx: Context): Installer[] {
  const out: Installer[] = [];
  for (const crd of ctx.ofType("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition")) {
    const spec = asObject(crd.inputs["spec"]);
    const group = String(spec["group"]);
    const kind = String(asObject(spec["names"])["kind"]);
    out.push({
      resource: crd,
      groups: new Set([group]),
      kinds: new Map([[group, new Set([kind])]]),
      label: `CRD ${crd.name}`,
    });
  }
  for (const release of ctx.ofType(...HELM_TYPES)) {
    const chart = String(release.inputs["chart"] ?? "")
      .split("/")
      .pop();
    const values = asObject(release.inputs["values"]);
    for (const i of CRD_INSTALLERS.filter((x) => x.kind === "chart" && x.name === chart)) {
      out.push({
        resource: release,
        groups: new Set(i.groups),
        label: `Helm release ${release.name} (chart ${chart})`,
        missingRequirement: i.when && !i.when(values) ? i.requirement : undefined,
      });
    }
  }
  for (const addon of ctx.ofType("aws:eks/addon:Addon")) {
    const name = addon.inputs["addonName"];
    for (const i of CRD_INSTALLERS.filter(
      (x) => x.kind === "addon" && known(name) && x.name === name,
    ))
      out.push({ resource: addon, groups: new Set(i.groups), label: `EKS add-on ${String(name)}` });
  }
  return out;
}

export const k8sCrds: Rule = {
  id: "k8s-crd-installed",
  family: "kubernetes",
  description:
    "custom resources whose CRD is neither installed in the stack (CRD, Helm release, EKS add-on) nor a declared prerequisite, or that are not ordered after their installer",
  source: CRD_DOC,
  *check(ctx) {
    const custom = k8sObjects(ctx).filter((o) => !BUILT_IN_GROUPS.has(o.group));
    if (custom.length === 0) return;
    const all = installers(ctx);
    const prerequisites = new Set(asArray(ctx.config.crdPrerequisites).map(String));
    for (const o of custom) {
      if (prerequisites.has(o.group)) continue;
      const candidates = all.filter((i) => i.groups.has(o.group));
      const what = `${o.kind} ${o.name ?? o.resource.name} (${o.group}/${o.version})`;
      if (candidates.length === 0) {
        yield {
          severity: "error",
          urn: o.resource.urn,
          message: `${what}: nothing in this stack installs the ${o.group} CRDs (no CustomResourceDefinition, Helm release or EKS add-on that ships them), so the API server answers "no matches for kind ${o.kind}"; install them in the stack and make this depend on it, or declare "${o.group}" in preflight.json crdPrerequisites when another stack installs them first`,
        } satisfies Problem;
        continue;
      }
      const working = candidates.filter((i) => !i.missingRequirement);
      if (working.length === 0) {
        const i = candidates[0]!;
        yield {
          severity: "error",
          urn: o.resource.urn,
          message: `${what}: ${i.label} installs the ${o.group} CRDs only with ${i.missingRequirement}`,
          source: CRD_INSTALLERS.find((x) => x.requirement === i.missingRequirement)?.source,
        };
        continue;
      }
      const kindMismatch = working.every((i) => i.kinds && !i.kinds.get(o.group)?.has(o.kind));
      if (kindMismatch) {
        yield {
          severity: "error",
          urn: o.resource.urn,
          message: `${what}: the stack's CRDs for ${o.group} define ${[...new Set(working.flatMap((i) => [...(i.kinds?.get(o.group) ?? [])]))].join(", ")}, not ${o.kind}`,
        };
        continue;
      }
      const waits = ctx.waitsFor(o.resource);
      if (!working.some((i) => waits.has(i.resource.urn))) {
        yield {
          severity: "error",
          urn: o.resource.urn,
          message: `${what} does not wait for ${working.map((i) => i.label).join(" or ")}: Pulumi may apply it first and the API server answers "no matches for kind ${o.kind}"; add dependsOn`,
        };
      }
    }
  },
};
