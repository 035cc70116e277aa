/**
 * The pack config a stack's preview, up and offline plan run with: the profile's enforcement
 * levels (policies/<pack>/config/<profile>.json, written by hand) plus the settings that restate
 * the stacks' own config, derived here from the stack files so nobody keeps them in sync:
 *
 * - `vpc-cidr-no-overlap`: the organisation's IP registry is the hub's `addressPlan`, and the
 *   stack's own allocations are its environment's entry (the hub: the shared-services ranges);
 * - `tgw-segment-isolation`: each segment's tier is the hub's `segments.<name>.tier`;
 * - `codebuild-hardening`: the projects allowed privileged mode are the ones the platform's own
 *   config asks for (the delivery apps' image builds, the hub's deploy runner when `privileged`).
 *
 * A profile that sets one of these keys by hand is an error (`DERIVED_SETTINGS`): it would drift.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluatePack } from "./runner";
import type { CapturedResource, PackConfig, PackDefinition } from "./runner";
import { readProject, readStackFile } from "@platform/engine";

/** Policy settings that are derived from stack config and must not be written in a profile. */
export const DERIVED_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  "vpc-cidr-no-overlap": ["registry", "ownAllocations"],
  "tgw-segment-isolation": ["segmentTiers"],
  "codebuild-hardening": ["privilegedAllowlist"],
};

interface AddressPlan {
  readonly onPremises?: readonly string[];
  readonly sharedServices?: readonly string[];
  readonly environments?: Readonly<Record<string, { readonly cidr: string }>>;
}

interface HubConfig {
  readonly addressPlan?: AddressPlan;
  readonly segments?: Readonly<Record<string, { readonly tier?: string }>>;
  readonly sharedServices?: {
    readonly deployRunner?: { readonly projectName?: string; readonly privileged?: boolean };
  };
}

/** A stack's own config under its project's namespace (`<project>:<key>`). */
function projectConfig(dir: string, stack: string): Record<string, unknown> {
  const project = readProject(dir).name;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(readStackFile(dir, stack).config)) {
    if (key.startsWith(`${project}:`)) out[key.slice(project.length + 1)] = value;
  }
  return out;
}

/** The stack folder whose Pulumi.yaml names `project`. */
function projectDir(root: string, project: string): string | undefined {
  const stacks = path.join(root, "stacks");
  if (!fs.existsSync(stacks)) return undefined;
  return fs
    .readdirSync(stacks)
    .map((d) => path.join(stacks, d))
    .find((d) => fs.existsSync(path.join(d, "Pulumi.yaml")) && readProject(d).name === project);
}

/** The hub's config, from the stack file `network.hubStack` names (`org/project/stack`). */
function hubConfig(root: string, hubStack: string, source: string): HubConfig {
  const [, project, stack] = hubStack.split("/");
  const dir = project ? projectDir(root, project) : undefined;
  if (!dir || !stack || !fs.existsSync(path.join(dir, `Pulumi.${stack}.yaml`))) {
    throw new Error(
      `${source}: network.hubStack = ${JSON.stringify(hubStack)} names no stack file in stacks/*; ` +
        "expected <organization>/<project>/<stack> of the network stack in this repository",
    );
  }
  return projectConfig(dir, stack) as HubConfig;
}

/** The registry entries of an address plan, named as the policy reports them. */
function registryOf(plan: AddressPlan): Array<{ name: string; cidr: string }> {
  const numbered = (prefix: string, cidrs: readonly string[] = []) =>
    cidrs.map((cidr, i) => ({ name: cidrs.length === 1 ? prefix : `${prefix}-${i}`, cidr }));
  return [
    ...numbered("on-premises", plan.onPremises),
    ...numbered("shared-services", plan.sharedServices),
    ...Object.entries(plan.environments ?? {}).map(([name, e]) => ({ name, cidr: e.cidr })),
  ];
}

/** The derived settings per policy for `stack` of the project in `dir`. */
export function derivedSettings(
  root: string,
  dir: string,
  stack: string,
): Record<string, Record<string, unknown>> {
  const own = projectConfig(dir, stack);
  const source = path.relative(root, path.join(dir, `Pulumi.${stack}.yaml`));
  const network = own["network"] as { hubStack?: string } | undefined;
  const isHub = own["addressPlan"] !== undefined;
  if (!isHub && !network?.hubStack) return {}; // the bootstrap: no VPC, no segment, no CodeBuild
  const hub = isHub ? (own as HubConfig) : hubConfig(root, network!.hubStack!, source);
  const registry = registryOf(hub.addressPlan ?? {});
  const envName = (own["account"] as { name?: string } | undefined)?.name;
  const ownAllocations = isHub
    ? registry.filter((e) => e.name.startsWith("shared-services")).map((e) => e.name)
    : envName
      ? [envName]
      : [];
  const runner = hub.sharedServices?.deployRunner;
  const apps = (own["delivery"] as { apps?: Array<{ name: string }> } | undefined)?.apps ?? [];
  const privilegedAllowlist = isHub
    ? runner?.privileged && runner.projectName
      ? [runner.projectName]
      : []
    : apps.map((a) => deliveryBuildProject(envName ?? "", a.name));
  return {
    "vpc-cidr-no-overlap": { registry, ownAllocations },
    "tgw-segment-isolation": {
      segmentTiers: Object.fromEntries(
        Object.entries(hub.segments ?? {}).map(([name, s]) => [name, s.tier ?? name]),
      ),
    },
    "codebuild-hardening": { privilegedAllowlist },
  };
}

/**
 * The CodeBuild project of an application's image build (docker build needs privileged mode),
 * named as @platform/delivery's AppDeliveryPipeline names it (`<environment>-<app>-build`; its
 * `buildProjectName`); this package's pack-config test plans the delivery example to check
 * the two agree.
 */
export function deliveryBuildProject(environment: string, app: string): string {
  return `${environment}-${app}-build`;
}

/** Problems of a hand-written profile: a derived setting set by hand. */
export function profileProblems(file: string, config: PackConfig): string[] {
  const problems: string[] = [];
  for (const [policy, keys] of Object.entries(DERIVED_SETTINGS)) {
    const entry = config[policy];
    if (!entry || typeof entry === "string") continue;
    for (const key of keys)
      if (key in entry)
        problems.push(
          `${file}: ${policy}.${key} is derived from the stack files (@platform/policy-runner pack-config.ts); remove it from the profile`,
        );
  }
  return problems;
}

/** The profile's levels and settings with the derived settings merged in. */
export function effectivePackConfig(
  profile: PackConfig,
  derived: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): PackConfig {
  const out: Record<string, PackConfig[string]> = { ...profile };
  for (const [policy, settings] of Object.entries(derived)) {
    const entry = profile[policy];
    if (entry === undefined) continue; // the pack has no such policy, or the profile leaves it to "all"
    out[policy] =
      typeof entry === "string"
        ? { enforcementLevel: entry, ...settings }
        : { ...entry, ...settings };
  }
  return out;
}

/** The profile file of a pack, with an error naming it when it is missing. */
export function profileFile(root: string, pack: string, profile: string): string {
  const file = path.join(pack, "config", `${profile}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `${path.relative(path.resolve(root), file)} is missing: every policy pack needs a config for profile "${profile}"`,
    );
  }
  return file;
}

/** The config a stack runs a pack with: its profile (checked) and the derived settings. */
export function stackPackConfig(
  root: string,
  pack: string,
  profile: string,
  derived: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): PackConfig {
  const file = profileFile(root, pack, profile);
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig;
  const problems = profileProblems(path.relative(path.resolve(root), file), config);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return effectivePackConfig(config, derived);
}

/** Where the CLI finds the effective config of a pack for a stack (written by writePackConfigs). */
export function generatedPackConfig(
  root: string,
  dir: string,
  stack: string,
  pack: string,
): string {
  const project = readProject(dir).name;
  return path.resolve(
    root,
    ".plan",
    "pack-config",
    `${project}.${stack}`,
    `${path.basename(pack)}.json`,
  );
}

/** Writes each pack's effective config for the stack where `generatedPackConfig` says. */
export function writePackConfigs(
  root: string,
  dir: string,
  stack: string,
  profile: string,
  packs: readonly string[],
): void {
  const derived = derivedSettings(root, dir, stack);
  for (const pack of packs) {
    const file = generatedPackConfig(root, dir, stack, pack);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `${JSON.stringify(stackPackConfig(root, pack, profile, derived), null, 2)}\n`,
    );
  }
}

/**
 * Policies whose subject is a stack's composition rather than one component: a log group is
 * covered by the account-level subscription policy the stack adds beside the component. A
 * component planned on its own cannot satisfy them; the stack's plan is where they are checked.
 */
export const STACK_COMPOSITION_POLICIES: readonly string[] = ["log-group-subscribed"];

/** A profile's config for checking one component on its own: stack-composition policies off. */
export function componentPackConfig(file: string): PackConfig {
  const config = { ...loadPackConfig(file) } as Record<string, PackConfig[string]>;
  // Only policies this pack's profile names: a pack refuses config for policies it does not have.
  for (const policy of STACK_COMPOSITION_POLICIES)
    if (policy in config) config[policy] = "disabled";
  return config;
}

/** A `--policy-pack-config` file, read with an error that names it when it is missing. */
export function loadPackConfig(file: string): PackConfig {
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: every policy pack needs a config per profile`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig;
}

/** The mandatory findings of a pack over resources with a config file's levels, as "policy: message". */
export async function mandatoryFindings(
  pack: PackDefinition,
  resources: readonly CapturedResource[],
  config: PackConfig,
): Promise<string[]> {
  return (await evaluatePack(pack, resources, config))
    .filter((f) => f.level === "mandatory")
    .map((f) => `${f.policy}: ${f.message}`);
}
