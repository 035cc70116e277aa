/**
 * Policy evaluation for the offline plan: every pack in policies/ (a folder with
 * PulumiPolicy.yaml) runs over the stack's captured resources with the pack config of the
 * stack's policy profile plus the settings derived from the stack files (pack-config.ts),
 * exactly the pack and config `preview`/`up` pass to the CLI.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { evaluatePack, loadPackConfig } from "@platform/policy-runner";
import type { PackConfig, PackDefinition } from "@platform/policy-runner";
import type { PlanFile, PolicyViolation } from "./planfile";
import { derivedSettings, stackPackConfig } from "@platform/policy-runner";
import { policyPacks, readStackSettings } from "./pulumi";

export interface LoadedPack {
  readonly dir: string;
  readonly definition: PackDefinition;
}

/** Loads each pack's policies module (`<package>/policies`, exporting PACK), not its entry file. */
export function loadPacks(root: string): LoadedPack[] {
  return policyPacks(root).map((dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(root, dir, "package.json"), "utf8")) as {
      name: string;
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(`${pkg.name}/policies`) as { PACK?: PackDefinition };
    if (!module.PACK) throw new Error(`${pkg.name}/policies does not export PACK`);
    return { dir, definition: module.PACK };
  });
}

/** A profile's config as written (levels only; bench and tests use it without a stack). */
export function readPackConfig(root: string, packDir: string, profile: string): PackConfig {
  return loadPackConfig(path.resolve(root, packDir, "config", `${profile}.json`));
}

/** A PolicyEvaluator for planStack: all packs, the stack's profile. */
export function packEvaluator(root: string, packs: readonly LoadedPack[] = loadPacks(root)) {
  return async (plan: PlanFile, projectDir: string): Promise<PolicyViolation[]> => {
    const { policyProfile } = readStackSettings(projectDir);
    const derived = derivedSettings(root, path.resolve(root, projectDir), plan.stack);
    const out: PolicyViolation[] = [];
    for (const pack of packs) {
      const findings = await evaluatePack(
        pack.definition,
        plan.resources,
        stackPackConfig(root, path.resolve(root, pack.dir), policyProfile, derived),
      );
      out.push(
        ...findings.map((f) => ({
          pack: f.pack,
          policy: f.policy,
          level: f.level,
          message: f.message,
          urn: f.urn,
        })),
      );
    }
    return out;
  };
}
