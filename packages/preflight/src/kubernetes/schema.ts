/**
 * Every manifest against the Kubernetes OpenAPI schema, with `kubernetes-models` (built-in kinds)
 * and `@kubernetes-models/*` (custom resources): wrong types, missing required fields and unknown
 * fields are errors. The models' validators ignore unknown fields, so each object is wrapped in a
 * proxy that records which properties the schema's validator reads; a property the validator never
 * looks at on an object whose other properties it checks is not in the schema: a typo.
 *
 * The models are generated from one Kubernetes release (kubernetes-models 5.1.0: v1.36, merged
 * with older releases for removed APIs). Whether an API version is served by the cluster's
 * version comes from the removal table below (the deprecation guide).
 */
import type { Context } from "../context";
import type { Problem, Rule } from "../types";
import { k8sObjects } from "./objects";
import type { K8sObject } from "./objects";
import { clusterOfProvider } from "./objects";

const SCHEMA_DOC =
  "Kubernetes API reference (OpenAPI schema), https://kubernetes.io/docs/reference/kubernetes-api/; field validation, https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation";
const DEPRECATION =
  "Kubernetes deprecated API migration guide, https://kubernetes.io/docs/reference/using-api/deprecation-guide/";

/** Packages with models for custom resources, by API group. */
const CR_MODELS: Record<string, string> = {
  "cert-manager.io": "@kubernetes-models/cert-manager",
  "acme.cert-manager.io": "@kubernetes-models/cert-manager",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
};

/** The schema release the models carry. */
export const SCHEMA_RELEASE = "1.36";

/** API versions no longer served from a Kubernetes minor on (group/version/kind or group/version). */
export const REMOVED: ReadonlyArray<{ api: string; removedIn: string; use: string }> = (
  [
    // [api, removed in, use instead]
    ["extensions/v1beta1", "1.22", "apps/v1 or networking.k8s.io/v1"],
    ["networking.k8s.io/v1beta1", "1.22", "networking.k8s.io/v1"],
    ["apiextensions.k8s.io/v1beta1", "1.22", "apiextensions.k8s.io/v1"],
    ["rbac.authorization.k8s.io/v1beta1", "1.22", "rbac.authorization.k8s.io/v1"],
    ["batch/v1beta1", "1.25", "batch/v1"],
    [
      "policy/v1beta1",
      "1.25",
      "policy/v1 (PodSecurityPolicy has no replacement: Pod Security Admission)",
    ],
    ["discovery.k8s.io/v1beta1", "1.25", "discovery.k8s.io/v1"],
    ["autoscaling/v2beta1", "1.25", "autoscaling/v2"],
    ["autoscaling/v2beta2", "1.26", "autoscaling/v2"],
    ["storage.k8s.io/v1beta1", "1.27", "storage.k8s.io/v1"],
    ["flowcontrol.apiserver.k8s.io/v1beta2", "1.29", "flowcontrol.apiserver.k8s.io/v1"],
    ["flowcontrol.apiserver.k8s.io/v1beta3", "1.32", "flowcontrol.apiserver.k8s.io/v1"],
  ] as const
).map(([api, removedIn, use]) => ({ api, removedIn, use }));

/** API versions served only from a Kubernetes minor on (GA additions the platform may use). */
export const ADDED: ReadonlyArray<{ api: string; addedIn: string }> = [
  { api: "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy", addedIn: "1.30" },
  { api: "admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding", addedIn: "1.30" },
  { api: "resource.k8s.io/v1", addedIn: "1.34" },
];

function minor(version: string): number {
  return Number(version.split(".")[1] ?? NaN);
}

type Model = { prototype: { validate(this: unknown): void } };
const models = new Map<string, Promise<Model | undefined>>();

async function loadModel(o: K8sObject): Promise<Model | undefined> {
  const pkg = o.group === "" || !CR_MODELS[o.group] ? "kubernetes-models" : CR_MODELS[o.group]!;
  const path =
    o.group === "" ? `${pkg}/${o.version}/${o.kind}` : `${pkg}/${o.group}/${o.version}/${o.kind}`;
  let model = models.get(path);
  if (!model) {
    model = import(path).then(
      (m: Record<string, Model>) => m[o.kind],
      () => undefined,
    );
    models.set(path, model);
  }
  return model;
}

interface Tracked {
  path: string;
  keys: string[];
  read: Set<string>;
  enumerated: boolean;
}

const PLACEHOLDERS = new Set(["[unknown]", "[secret]"]);

/** A deep copy whose objects record the property names the validator reads. */
function track(value: unknown, path: string, log: Tracked[], placeholders: Set<string>): unknown {
  if (typeof value === "string" && PLACEHOLDERS.has(value)) placeholders.add(path);
  if (Array.isArray(value)) return value.map((v, i) => track(v, `${path}/${i}`, log, placeholders));
  if (!value || typeof value !== "object") return value;
  const record: Tracked = { path, keys: Object.keys(value), read: new Set(), enumerated: false };
  log.push(record);
  const target: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    target[k] = track(v, `${path}/${k}`, log, placeholders);
  return new Proxy(target, {
    get(t, k) {
      if (typeof k === "string") record.read.add(k);
      return t[k as string];
    },
    has(t, k) {
      if (typeof k === "string") record.read.add(k);
      return k in t;
    },
    ownKeys(t) {
      record.enumerated = true;
      return Reflect.ownKeys(t);
    },
  });
}

/** Schema errors and unknown fields of one object (paths like /spec/template/...). */
export async function validateObject(
  o: K8sObject,
): Promise<{ errors: string[]; unknown: string[] } | undefined> {
  const model = await loadModel(o);
  if (!model) return undefined;
  const log: Tracked[] = [];
  const placeholders = new Set<string>();
  const errors: string[] = [];
  // Pulumi fills apiVersion and kind from the type; validate what the API server will receive.
  const body = {
    ...o.body,
    apiVersion: o.group ? `${o.group}/${o.version}` : o.version,
    kind: o.kind,
  };
  try {
    model.prototype.validate.call(track(body, "", log, placeholders));
  } catch (err) {
    const details = (err as { errors?: Array<{ instancePath: string; message?: string }> }).errors;
    for (const e of details ?? [{ instancePath: "", message: (err as Error).message }]) {
      if (placeholders.has(e.instancePath)) continue; // unknown at plan time
      errors.push(`${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
    }
  }
  const unknown: string[] = [];
  for (const r of log) {
    if (r.enumerated || r.read.size === 0) continue; // a map, or a free-form object
    for (const k of r.keys) if (!r.read.has(k)) unknown.push(`${r.path}/${k}`);
  }
  return { errors, unknown };
}

export const k8sSchema: Rule = {
  id: "k8s-schema",
  family: "kubernetes",
  description:
    "manifests that fail the Kubernetes OpenAPI schema (types, required fields, unknown fields: a typo fails) or use an API version the cluster's Kubernetes version does not serve",
  source: `${SCHEMA_DOC}; ${DEPRECATION}`,
  async check(ctx: Context) {
    const out: Problem[] = [];
    const noModel = new Map<string, string>();
    const objects = k8sObjects(ctx);
    // Load every model at once: the ESM loader then reads their schema files in parallel.
    await Promise.all(objects.map(loadModel));
    for (const o of objects) {
      const apiVersion = o.group ? `${o.group}/${o.version}` : o.version;
      const version = clusterOfProvider(ctx, ctx.get(o.resource.provider))?.version;
      if (version) {
        const removed = REMOVED.find(
          (x) => x.api === apiVersion || x.api === `${apiVersion}/${o.kind}`,
        );
        if (removed && minor(version) >= minor(removed.removedIn))
          out.push({
            severity: "error",
            urn: o.resource.urn,
            message: `${apiVersion} ${o.kind} is not served by Kubernetes ${version} (removed in ${removed.removedIn}); use ${removed.use}`,
            source: DEPRECATION,
          });
        const added = ADDED.find(
          (x) => x.api === apiVersion || x.api === `${apiVersion}/${o.kind}`,
        );
        if (added && minor(version) < minor(added.addedIn))
          out.push({
            severity: "error",
            urn: o.resource.urn,
            message: `${apiVersion} ${o.kind} is served from Kubernetes ${added.addedIn}; the cluster runs ${version}`,
            source: DEPRECATION,
          });
      }
      const result = await validateObject(o);
      if (!result) {
        noModel.set(`${apiVersion} ${o.kind}`, o.resource.urn);
        continue;
      }
      const what = `${o.kind} ${o.name ?? o.resource.name}`;
      if (result.errors.length)
        out.push({
          severity: "error",
          urn: o.resource.urn,
          message: `${what} does not match the ${apiVersion} ${o.kind} schema: ${result.errors.slice(0, 5).join("; ")}${result.errors.length > 5 ? `; and ${result.errors.length - 5} more` : ""}`,
        });
      if (result.unknown.length)
        out.push({
          severity: "error",
          urn: o.resource.urn,
          message: `${what} has fields the ${apiVersion} ${o.kind} schema does not know (a typo, or a field of another version): ${result.unknown.join(", ")}; the API server rejects them under strict field validation or drops them silently`,
        });
    }
    for (const [what, urn] of noModel)
      out.push({
        severity: "warning",
        urn,
        message: `no schema for ${what} in kubernetes-models or a @kubernetes-models package: it cannot be validated offline (add the models package for its CRDs)`,
      });
    return out;
  },
};
