/**
 * References between Kubernetes objects that must resolve, or the object is rejected or never
 * becomes ready: namespaces (created in the stack and waited for), service accounts, secrets and
 * config maps of pod templates, storage classes of volume claims, cert-manager issuers and CA
 * secrets, workload selectors against their own template (the API rejects a mismatch), the
 * StatefulSet's governing Service, Services and PodDisruptionBudgets that select no pod, and EKS
 * Pod Identity associations whose service account no object creates.
 */
import type { Context } from "../context";
import { asArray, asObject, known } from "../context";
import type { Problem, Rule } from "../types";
import { HELM_TYPES, k8sObjects, labelsOf, podTemplate, selects } from "./objects";
import type { K8sObject } from "./objects";

const WORKLOADS_DOC =
  "Kubernetes API reference, workload resources (selector must match template labels), https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/";
const CONFIG_DOC =
  "Kubernetes documentation, Secrets, ConfigMaps and service accounts referenced by pods, https://kubernetes.io/docs/concepts/configuration/secret/";
const STS_DOC =
  "Kubernetes documentation, StatefulSets (a headless Service is required for the pods' network identity), https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/";
const CERT_DOC =
  "cert-manager documentation, Issuer and Certificate resources, https://cert-manager.io/docs/usage/certificate/";
const STORAGE_DOC =
  "Kubernetes documentation, Storage classes, https://kubernetes.io/docs/concepts/storage/storage-classes/";
const PIA_DOC =
  "Amazon EKS User Guide, Pod Identity associations (namespace and service account of the pods), https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html";
const NS_DOC =
  "Kubernetes documentation, Namespaces, https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/";

/** Namespaces every cluster has. */
const BUILT_IN_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

interface Index {
  byKind: Map<string, K8sObject[]>;
  helmNamespaces: Map<string, string>;
}

function index(ctx: Context, objects: readonly K8sObject[]): Index {
  const byKind = new Map<string, K8sObject[]>();
  for (const o of objects) {
    let list = byKind.get(o.kind);
    if (!list) byKind.set(o.kind, (list = []));
    list.push(o);
  }
  // Namespaces Helm releases create (createNamespace) or install into.
  const helmNamespaces = new Map<string, string>();
  for (const r of ctx.ofType(...HELM_TYPES)) {
    const ns = r.inputs["namespace"];
    if (known(ns)) helmNamespaces.set(String(ns), r.urn);
  }
  return { byKind, helmNamespaces };
}

function find(ix: Index, kind: string, name: string, namespace?: string): K8sObject | undefined {
  return (ix.byKind.get(kind) ?? []).find((o) => o.name === name && o.namespace === namespace);
}

/** Secrets a pod spec needs (not optional): volumes, projected volumes, env and envFrom. */
function secretRefs(spec: Record<string, unknown>): { secrets: string[]; configMaps: string[] } {
  const secrets: string[] = [];
  const configMaps: string[] = [];
  for (const v of asArray(spec["volumes"]).map(asObject)) {
    const s = asObject(v["secret"]);
    if (known(s["secretName"]) && s["optional"] !== true) secrets.push(String(s["secretName"]));
    const c = asObject(v["configMap"]);
    if (known(c["name"]) && c["optional"] !== true) configMaps.push(String(c["name"]));
    for (const src of asArray(asObject(v["projected"])["sources"]).map(asObject)) {
      const ps = asObject(src["secret"]);
      if (known(ps["name"]) && ps["optional"] !== true) secrets.push(String(ps["name"]));
      const pc = asObject(src["configMap"]);
      if (known(pc["name"]) && pc["optional"] !== true) configMaps.push(String(pc["name"]));
    }
  }
  const containers = [...asArray(spec["containers"]), ...asArray(spec["initContainers"])].map(
    asObject,
  );
  for (const c of containers) {
    for (const e of asArray(c["env"]).map(asObject)) {
      const from = asObject(e["valueFrom"]);
      const sk = asObject(from["secretKeyRef"]);
      if (known(sk["name"]) && sk["optional"] !== true) secrets.push(String(sk["name"]));
      const ck = asObject(from["configMapKeyRef"]);
      if (known(ck["name"]) && ck["optional"] !== true) configMaps.push(String(ck["name"]));
    }
    for (const e of asArray(c["envFrom"]).map(asObject)) {
      const sr = asObject(e["secretRef"]);
      if (known(sr["name"]) && sr["optional"] !== true) secrets.push(String(sr["name"]));
      const cr = asObject(e["configMapRef"]);
      if (known(cr["name"]) && cr["optional"] !== true) configMaps.push(String(cr["name"]));
    }
  }
  return { secrets: [...new Set(secrets)], configMaps: [...new Set(configMaps)] };
}

export const k8sReferences: Rule = {
  id: "k8s-references",
  family: "kubernetes",
  description:
    "references that do not resolve: namespaces, service accounts, secrets, config maps, storage classes, issuers, selectors against templates, governing services, Pod Identity service accounts",
  source: `${WORKLOADS_DOC}; ${CONFIG_DOC}; ${CERT_DOC}; ${PIA_DOC}`,
  *check(ctx) {
    const objects = k8sObjects(ctx);
    const ix = index(ctx, objects);
    const problem = (
      o: K8sObject,
      message: string,
      source: string,
      severity: Problem["severity"] = "error",
    ): Problem => ({
      severity,
      urn: o.resource.urn,
      message: `${o.kind} ${o.name ?? o.resource.name}: ${message}`,
      source,
    });
    const secretProduced = (name: string, ns: string | undefined) =>
      find(ix, "Secret", name, ns) !== undefined ||
      (ix.byKind.get("Certificate") ?? []).some(
        (c) => c.namespace === ns && asObject(c.body["spec"])["secretName"] === name,
      );

    for (const o of objects) {
      // The namespace exists and is created first.
      if (o.namespace && !BUILT_IN_NAMESPACES.has(o.namespace)) {
        const ns = find(ix, "Namespace", o.namespace);
        if (ns) {
          if (!ctx.waitsFor(o.resource).has(ns.resource.urn))
            yield problem(
              o,
              `does not wait for Namespace ${o.namespace}, which the stack creates: it may be applied first and fail with "namespaces not found"; add dependsOn`,
              NS_DOC,
            );
        } else if (!ix.helmNamespaces.has(o.namespace)) {
          yield problem(
            o,
            `namespace "${o.namespace}" is neither created in this stack nor built in`,
            NS_DOC,
          );
        }
      }

      const template = podTemplate(o);
      if (template) {
        const spec = template.spec;
        const sa = spec["serviceAccountName"] ?? spec["serviceAccount"];
        if (known(sa) && sa !== "default" && !find(ix, "ServiceAccount", String(sa), o.namespace))
          yield problem(
            o,
            `service account "${String(sa)}" does not exist in namespace ${o.namespace}: the pods are never created`,
            CONFIG_DOC,
          );
        const { secrets, configMaps } = secretRefs(spec);
        for (const s of secrets)
          if (!secretProduced(s, o.namespace))
            yield problem(
              o,
              `secret "${s}" is neither created in namespace ${o.namespace} nor issued there by a cert-manager Certificate: the pods stay in ContainerCreating`,
              CONFIG_DOC,
            );
        for (const c of configMaps)
          if (c !== "kube-root-ca.crt" && !find(ix, "ConfigMap", c, o.namespace))
            yield problem(
              o,
              `config map "${c}" does not exist in namespace ${o.namespace}: the pods stay in ContainerCreating`,
              CONFIG_DOC,
            );
        // The selector must match the template's labels (the API rejects the object otherwise).
        const selector = asObject(o.body["spec"])["selector"];
        if (
          ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"].includes(o.kind) &&
          selector !== undefined &&
          !selects(selector, labelsOf(template.metadata["labels"]))
        )
          yield problem(
            o,
            "spec.selector does not match the pod template's labels: the API server rejects it",
            WORKLOADS_DOC,
          );
        for (const claim of asArray(asObject(o.body["spec"])["volumeClaimTemplates"]).map(
          asObject,
        )) {
          const sc = asObject(claim["spec"])["storageClassName"];
          if (known(sc) && !find(ix, "StorageClass", String(sc)))
            yield problem(
              o,
              `storage class "${String(sc)}" of a volume claim template is not created in this stack: the claims stay Pending`,
              STORAGE_DOC,
            );
        }
      }
      if (o.kind === "PersistentVolumeClaim") {
        const sc = asObject(o.body["spec"])["storageClassName"];
        if (known(sc) && sc !== "" && !find(ix, "StorageClass", String(sc)))
          yield problem(
            o,
            `storage class "${String(sc)}" is not created in this stack: the claim stays Pending`,
            STORAGE_DOC,
          );
      }
      if (o.kind === "StatefulSet") {
        const service = asObject(o.body["spec"])["serviceName"];
        if (known(service) && !find(ix, "Service", String(service), o.namespace))
          yield problem(
            o,
            `governing Service "${String(service)}" does not exist in namespace ${o.namespace}: the pods get no stable DNS names`,
            STS_DOC,
          );
      }
      if (o.kind === "Service" || o.kind === "PodDisruptionBudget") {
        const spec = asObject(o.body["spec"]);
        const selector =
          o.kind === "Service" ? { matchLabels: spec["selector"] } : spec["selector"];
        const hasSelector =
          Object.keys(asObject(o.kind === "Service" ? spec["selector"] : spec["selector"])).length >
          0;
        const pods = objects.filter((w) => w.namespace === o.namespace && podTemplate(w));
        if (
          hasSelector &&
          !pods.some((w) => selects(selector, labelsOf(podTemplate(w)!.metadata["labels"])))
        )
          yield problem(
            o,
            `its selector matches no pod template in namespace ${o.namespace}`,
            WORKLOADS_DOC,
            "warning",
          );
      }
      if (o.kind === "Certificate") {
        const ref = asObject(asObject(o.body["spec"])["issuerRef"]);
        const kind = known(ref["kind"]) ? String(ref["kind"]) : "Issuer";
        const name = String(ref["name"]);
        const found =
          kind === "ClusterIssuer"
            ? find(ix, "ClusterIssuer", name)
            : find(ix, "Issuer", name, o.namespace);
        if (!found)
          yield problem(
            o,
            `issuerRef ${kind} "${name}" does not exist${kind === "Issuer" ? ` in namespace ${o.namespace}` : ""}: the certificate is never issued`,
            CERT_DOC,
          );
      }
      if (o.kind === "Issuer" || o.kind === "ClusterIssuer") {
        const ca = asObject(asObject(o.body["spec"])["ca"])["secretName"];
        const ns = o.kind === "Issuer" ? o.namespace : "cert-manager";
        if (known(ca) && !secretProduced(String(ca), ns))
          yield problem(
            o,
            `CA secret "${String(ca)}" is neither created nor issued in namespace ${ns}: the issuer never becomes ready`,
            CERT_DOC,
          );
      }
    }

    // EKS Pod Identity: the association only helps pods running as that service account.
    for (const pia of ctx.ofType("aws:eks/podIdentityAssociation:PodIdentityAssociation")) {
      const ns = pia.inputs["namespace"];
      const sa = pia.inputs["serviceAccount"];
      if (!known(ns) || !known(sa)) continue;
      const exists = find(ix, "ServiceAccount", String(sa), String(ns));
      const helm = ix.helmNamespaces.get(String(ns));
      if (!exists && !helm)
        yield {
          severity: "error",
          urn: pia.urn,
          message: `Pod Identity association for ${String(ns)}/${String(sa)}: no ServiceAccount ${String(sa)} is created in namespace ${String(ns)} (and no Helm release installs into it): no pod gets these AWS credentials`,
          source: PIA_DOC,
        };
    }
  },
};
