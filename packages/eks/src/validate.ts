/**
 * Pure checks of an EKS configuration that AWS or Kubernetes would otherwise reject at deploy time
 * or, worse, accept and then not honour. Each problem names the argument path, the bad value and
 * the fix; callers (the environment schema) report them against their own config keys.
 */
import {
  cidrProblem,
  duplicates,
  eksAddonProblems,
  eksSupportProblems,
  parseCidr,
  under,
} from "@platform/core";
import type { Problem, UpgradePolicy } from "@platform/core";
import type { EksClusterArgs } from "./cluster";
import type { AddonName, NodeGroupSpec } from "./schema";

/** Path of the offending value relative to the object that was checked, the value, the fix. */
export type { Problem } from "@platform/core";

/** `v1.19.2-eksbuild.1` as comparable numbers; undefined when the text is not an add-on version. */
export function parseAddonVersion(version: string): [number, number, number, number] | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : undefined;
}

function atLeast(version: string, minimum: string): boolean {
  const a = parseAddonVersion(version);
  const b = parseAddonVersion(minimum)!;
  if (!a) return true; // malformed versions are reported by the schema's own pattern
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/**
 * The oldest add-on versions that support what the platform configures on them. vpc-cni enforces
 * NetworkPolicy only from v1.14.0-eksbuild.3 with `enableNetworkPolicy` ("Restrict Pod network
 * traffic with Kubernetes network policies", Amazon EKS User Guide); older versions accept the
 * policies and enforce nothing.
 */
export const MINIMUM_ADDON_VERSIONS: Partial<Record<AddonName, { version: string; why: string }>> =
  {
    "vpc-cni": {
      version: "v1.14.0-eksbuild.3",
      why: "enforces NetworkPolicy (enableNetworkPolicy)",
    },
  };

export function addonProblems(addons: Readonly<Partial<Record<AddonName, string>>>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, minimum] of Object.entries(MINIMUM_ADDON_VERSIONS)) {
    const version = addons[name as AddonName];
    if (version !== undefined && minimum && !atLeast(version, minimum.version)) {
      problems.push({
        path: [name],
        value: version,
        message: `is older than ${minimum.version}, the first ${name} version that ${minimum.why}; pin ${minimum.version} or later`,
      });
    }
  }
  return problems;
}

/**
 * Managed node group sizes AWS accepts: CreateNodegroup rejects a desired size outside
 * [minSize, maxSize] and a maxSize below 1 (Amazon EKS API Reference, NodegroupScalingConfig).
 */
export function nodeGroupProblems(groups: readonly NodeGroupSpec[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    if (seen.has(g.name)) {
      problems.push({
        path: [i, "name"],
        value: g.name,
        message: "is used by another node group; node group names are unique per cluster",
      });
    }
    seen.add(g.name);
    problems.push(...nodeGroupSettingProblems(g).map((p) => ({ ...p, path: [i, ...p.path] })));
    if (g.minSize > g.maxSize) {
      problems.push({
        path: [i, "minSize"],
        value: g.minSize,
        message: `exceeds maxSize (${g.maxSize}); raise maxSize or lower minSize`,
      });
    } else if (g.desiredSize < g.minSize || g.desiredSize > g.maxSize) {
      problems.push({
        path: [i, "desiredSize"],
        value: g.desiredSize,
        message: `must lie between minSize (${g.minSize}) and maxSize (${g.maxSize})`,
      });
    }
  });
  return problems;
}

/** The largest gp3 volume, 16 TiB (Amazon EBS User Guide, "Amazon EBS volume types"). */
export const MAX_GP3_GIB = 16384;
/** UpdateConfig.maxUnavailable: "The maximum number is 100" (Amazon EKS API Reference). */
export const MAX_UNAVAILABLE = 100;

/**
 * Kubernetes label and taint syntax ("Labels and Selectors", "Taints and Tolerations"): a key is
 * an optional DNS-subdomain prefix and "/" and a name of at most 63 characters; a value is at most
 * 63 characters; names and values start and end with a letter or digit and may contain - _ . inside.
 */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if ((prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) || !LABEL_NAME.test(name))
    return "is not a Kubernetes label key: an optional DNS prefix and /, then at most 63 letters, digits, - _ . starting and ending with a letter or digit";
  return undefined;
}

function labelValueProblem(value: string): string | undefined {
  return value === "" || LABEL_NAME.test(value)
    ? undefined
    : "is not a Kubernetes label value: at most 63 letters, digits, - _ . starting and ending with a letter or digit";
}

/** One node group's settings that EKS or Kubernetes would reject. */
function nodeGroupSettingProblems(g: NodeGroupSpec): Problem[] {
  const problems: Problem[] = [];
  if (g.diskSizeGiB !== undefined && g.diskSizeGiB > MAX_GP3_GIB) {
    problems.push({
      path: ["diskSizeGiB"],
      value: g.diskSizeGiB,
      message: `exceeds ${MAX_GP3_GIB} GiB, the largest gp3 volume`,
    });
  }
  if (g.maxUnavailable !== undefined && g.maxUnavailable > MAX_UNAVAILABLE) {
    problems.push({
      path: ["maxUnavailable"],
      value: g.maxUnavailable,
      message: `exceeds ${MAX_UNAVAILABLE}, the most EKS replaces at once`,
    });
  }
  for (const [key, value] of Object.entries(g.labels ?? {})) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem)
      problems.push({
        path: ["labels", key],
        value: labelKeyProblem(key) ? key : value,
        message: problem,
      });
  }
  (g.taints ?? []).forEach((t, j) => {
    const keyProblem = labelKeyProblem(t.key);
    if (keyProblem)
      problems.push({ path: ["taints", j, "key"], value: t.key, message: keyProblem });
    const valueProblem = t.value === undefined ? undefined : labelValueProblem(t.value);
    if (valueProblem)
      problems.push({ path: ["taints", j, "value"], value: t.value, message: valueProblem });
  });
  for (const { index, value } of duplicates(g.taints ?? [], (t) => `${t.key}:${t.effect}`)) {
    problems.push({
      path: ["taints", index],
      value,
      message:
        "repeats the key and effect of another taint; Kubernetes allows one taint per key and effect",
    });
  }
  return problems;
}

/**
 * The public endpoint's allowlist: real CIDRs, none of them everything, each once. (Whether a
 * public endpoint is allowed at all depends on the account's tier, checked by the environment.)
 */
export function publicAccessProblems(cidrs: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  cidrs.forEach((cidr, i) => {
    if (!cidrProblem(cidr) && parseCidr(cidr).prefix === 0) {
      problems.push({
        path: [i],
        value: cidr,
        message:
          "opens the API server endpoint to the whole internet; allowlist the admin networks",
      });
    }
  });
  for (const { index, value } of duplicates(cidrs)) {
    problems.push({ path: [index], value, message: "is listed twice" });
  }
  return problems;
}

/**
 * The cluster's own arguments beyond its config (checked by `EksCluster` before it creates
 * anything): a protected (prod) cluster's endpoint stays private, the public allowlist passes
 * {@link publicAccessProblems}, the kubeconfig assumes a role that has an access entry, and the
 * administrators' role is not one pulumi acts as (a principal has one access entry: "Access
 * entries", Amazon EKS User Guide). Paths are argument names.
 */
export function clusterArgProblems(
  args: Pick<
    EksClusterArgs,
    "protect" | "publicAccessCidrs" | "pulumiRoleArns" | "kubeconfigRoleArn" | "adminRoleArn"
  >,
): Problem[] {
  const problems: Problem[] = [];
  const cidrs = args.publicAccessCidrs ?? [];
  if (args.protect && cidrs.length)
    problems.push({
      path: ["publicAccessCidrs"],
      value: cidrs,
      message: "a protected (prod) cluster has a private endpoint only; remove publicAccessCidrs",
    });
  problems.push(...under(["publicAccessCidrs"], publicAccessProblems(cidrs)));
  const pulumiRoles = Object.values(args.pulumiRoleArns);
  if (!pulumiRoles.includes(args.kubeconfigRoleArn))
    problems.push({
      path: ["kubeconfigRoleArn"],
      value: args.kubeconfigRoleArn,
      message: `has no access entry, so the kubeconfig could not log in; use one of pulumiRoleArns: ${pulumiRoles.join(", ")}`,
    });
  if (pulumiRoles.includes(args.adminRoleArn))
    problems.push({
      path: ["adminRoleArn"],
      value: args.adminRoleArn,
      message:
        "is also a role pulumi acts as; a principal has one access entry: use a separate administrators' role",
    });
  return problems;
}

/**
 * The cluster's Kubernetes version and add-on versions against the EKS support calendar and the
 * add-on versions AWS documents (`EKS_SUPPORT_CALENDAR`, `EKS_ADDON_DOCUMENTED_VERSIONS` in
 * @platform/core), on `today`. Errors: a version past standard support with upgradePolicy STANDARD
 * (EKS upgrades the cluster itself), past extended support, or not in the calendar; a kube-proxy of
 * another minor. Warnings: standard support ends within 8 weeks, billed extended support, add-on
 * versions AWS does not document for this Kubernetes version.
 */
export function supportFindings(args: {
  readonly version: string;
  readonly upgradePolicy: UpgradePolicy;
  readonly addons: Readonly<Partial<Record<AddonName, string>>>;
  readonly today: Date;
}): { errors: Problem[]; warnings: string[] } {
  const errors: Problem[] = [];
  const warnings: string[] = [];
  for (const f of eksSupportProblems(args)) {
    if (f.severity === "error")
      errors.push({ path: ["version"], value: args.version, message: f.message });
    else warnings.push(`eks.version ${args.version}: ${f.message}`);
  }
  const addons = Object.fromEntries(
    Object.entries(args.addons).filter((e): e is [string, string] => e[1] !== undefined),
  );
  for (const f of eksAddonProblems(args.version, addons)) {
    if (f.severity === "error")
      errors.push({ path: ["addons", f.addon], value: addons[f.addon], message: f.message });
    else warnings.push(`eks.addons: ${f.message}`);
  }
  return { errors, warnings };
}
