/**
 * Pure checks of an EKS configuration that AWS or Kubernetes would otherwise reject at deploy time
 * or, worse, accept and then not honour. Each problem names the argument path, the bad value and
 * the fix; callers (the environment schema) report them against their own config keys.
 */
import type { AddonName, NodeGroupSpec } from "./cluster";

export interface Problem {
  /** Path of the offending value, relative to the object that was checked. */
  readonly path: ReadonlyArray<string | number>;
  readonly value: unknown;
  readonly message: string;
}

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
