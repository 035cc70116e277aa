/**
 * The command lines behind the stacks' `preview`, `up`, `refresh` and `destroy` targets: the
 * right stack, the compiled program's folder, and every policy pack with this environment's pack
 * config. Pure, so tests can check the exact arguments the CLI would get.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const PULUMI_VERBS = ["preview", "up", "refresh", "destroy"] as const;
export type PulumiVerb = (typeof PULUMI_VERBS)[number];

/** What a stack project declares about itself in package.json (`pulumiStack`). */
export interface StackSettings {
  readonly stack: string;
  /** Which per-environment pack config applies: policies/<pack>/config/<profile>.json. */
  readonly policyProfile: string;
}

export function readStackSettings(projectDir: string): StackSettings {
  const file = path.join(projectDir, "package.json");
  const settings = (
    JSON.parse(fs.readFileSync(file, "utf8")) as { pulumiStack?: Partial<StackSettings> }
  ).pulumiStack;
  if (!settings?.stack || !settings.policyProfile) {
    throw new Error(
      `${file}: "pulumiStack" needs "stack" and "policyProfile", e.g. {"stack": "dev", "policyProfile": "dev"}`,
    );
  }
  return { stack: settings.stack, policyProfile: settings.policyProfile };
}

/** Policy pack folders: every policies/* with a PulumiPolicy.yaml, in name order. */
export function policyPacks(root: string): string[] {
  const dir = path.join(root, "policies");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, "PulumiPolicy.yaml")))
    .sort()
    .map((d) => path.join("policies", d));
}

export function pulumiArgs(
  root: string,
  verb: PulumiVerb,
  projectDir: string,
  extra: readonly string[] = [],
): string[] {
  const settings = readStackSettings(path.resolve(root, projectDir));
  const args = [verb, "--cwd", projectDir, "--stack", settings.stack];
  if (verb === "preview" || verb === "up") {
    args.push("--diff");
    for (const pack of policyPacks(root)) {
      const config = path.join(pack, "config", `${settings.policyProfile}.json`);
      if (!fs.existsSync(path.join(root, config))) {
        throw new Error(
          `${config} is missing: every policy pack needs a config for profile "${settings.policyProfile}"`,
        );
      }
      // The compiled pack (dist/) is what the CLI loads; its PulumiPolicy.yaml points there.
      args.push("--policy-pack", pack, "--policy-pack-config", config);
    }
  }
  return [...args, ...extra];
}
