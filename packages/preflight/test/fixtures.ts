/** Small builders for rule fixtures: resources linked by property dependencies, as the plan captures them. */
import { runPreflight } from "../src";
import type { Finding, PlanResource, PreflightInput, Rule } from "../src";

export const PROVIDER_URN = "urn:pulumi:dev::p::pulumi:providers:aws::dev-account";

export const provider: PlanResource = {
  urn: PROVIDER_URN,
  type: "pulumi:providers:aws",
  name: "dev-account",
  inputs: {
    region: "eu-west-1",
    allowedAccountIds: '["200000000002"]',
    defaultTags: '{"tags":{"Environment":"dev","ManagedBy":"pulumi-platform"}}',
  },
  dependencies: [],
  custom: true,
};

export interface ResOptions {
  /** Property name to the resources its value came from. */
  readonly refs?: Record<string, PlanResource[]>;
  readonly dependsOn?: PlanResource[];
  readonly parent?: PlanResource;
  readonly provider?: string;
  readonly custom?: boolean;
}

export function res(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  options: ResOptions = {},
): PlanResource {
  const propertyDependencies = Object.fromEntries(
    Object.entries(options.refs ?? {}).map(([k, v]) => [k, v.map((r) => r.urn)]),
  );
  const parentType = options.parent ? `${options.parent.type}$` : "";
  return {
    urn: `urn:pulumi:dev::p::${parentType}${type}::${name}`,
    type,
    name,
    parent: options.parent?.urn,
    inputs,
    dependencies: [
      ...new Set([
        ...Object.values(propertyDependencies).flat(),
        ...(options.dependsOn ?? []).map((r) => r.urn),
      ]),
    ],
    propertyDependencies,
    provider: options.provider ?? (type.startsWith("aws:") ? PROVIDER_URN : undefined),
    custom: options.custom ?? true,
  };
}

export async function check(
  rule: Rule,
  resources: PlanResource[],
  extra: Omit<PreflightInput, "plan"> = {},
  accountProvider: PlanResource = provider,
): Promise<Finding[]> {
  return runPreflight(
    { plan: { project: "p", stack: "dev", resources: [accountProvider, ...resources] }, ...extra },
    [rule],
  );
}

/** "severity: message" of each finding, for exact assertions. */
export function messages(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity}: ${f.message}`);
}
