/**
 * The command lines behind the stacks' `init`, `preview`, `up`, `refresh` and `destroy` targets
 * and the workflows: the right stack, the project's folder, and every policy pack with this
 * environment's pack config. Pure, so tests can check the exact arguments the CLI would get.
 *
 * Every path is absolute: the CLI changes into `--cwd` first and resolves `--policy-pack` and
 * `--policy-pack-config` from there (pulumi/pulumi-policy#251, closed "by design"), so a path
 * relative to the workspace root would point into the stack's folder.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readStackFile } from "@platform/engine";
import { generatedPackConfig, profileFile } from "@platform/policy-runner";

export const PULUMI_VERBS = ["init", "preview", "up", "refresh", "destroy"] as const;
export type PulumiVerb = (typeof PULUMI_VERBS)[number];

export const BACKENDS = ["s3", "local"] as const;
export const RUNNERS = ["github-hosted", "in-network", "manual"] as const;

/** What a stack project declares about itself in package.json (`pulumiStack`). */
export interface StackSettings {
  readonly stack: string;
  /** Which per-environment pack config applies: policies/<pack>/config/<profile>.json. */
  readonly policyProfile: string;
  /**
   * Where the stack's state lives: `s3` (a team's self-managed backend; the stack file must name
   * an `awskms://` secrets provider) or `local` (a try-out with `file://` state and a passphrase).
   */
  readonly backend: (typeof BACKENDS)[number];
  /**
   * Where the workflows run its preview and up: `github-hosted`, or `in-network` (the CodeBuild
   * runner in the network account's shared-services VPC, which reaches private EKS endpoints), or
   * `manual`: the workflows never run it (the bootstrap, applied by an administrator).
   */
  readonly runner: (typeof RUNNERS)[number];
}

export function readStackSettings(projectDir: string): StackSettings {
  const file = path.join(projectDir, "package.json");
  const settings = (
    JSON.parse(fs.readFileSync(file, "utf8")) as { pulumiStack?: Partial<StackSettings> }
  ).pulumiStack;
  const example = `{"stack": "dev", "policyProfile": "dev", "backend": "s3", "runner": "in-network"}`;
  if (!settings?.stack || !settings.policyProfile) {
    throw new Error(`${file}: "pulumiStack" needs "stack" and "policyProfile", e.g. ${example}`);
  }
  for (const [key, allowed] of [
    ["backend", BACKENDS],
    ["runner", RUNNERS],
  ] as const) {
    const value = settings[key];
    if (!(allowed as readonly unknown[]).includes(value)) {
      throw new Error(
        `${file}: pulumiStack.${key} = ${JSON.stringify(value)}: expected one of ${allowed.join(", ")}, e.g. ${example}`,
      );
    }
  }
  return settings as StackSettings;
}

/** Policy pack folders: every policies/* with a PulumiPolicy.yaml, absolute, in name order. */
export function policyPacks(root: string): string[] {
  const dir = path.resolve(root, "policies");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, "PulumiPolicy.yaml")))
    .sort()
    .map((d) => path.join(dir, d));
}

/**
 * Each pack with the effective config file of the stack (its profile plus the settings derived
 * from the stack files, see pack-config.ts); `writePackConfigs` writes those files before the CLI
 * runs. A missing profile is an error, not a skip.
 */
export function packsWithConfig(
  root: string,
  dir: string,
  stack: string,
  policyProfile: string,
): Array<{ pack: string; config: string }> {
  return policyPacks(root).map((pack) => {
    profileFile(root, pack, policyProfile);
    return { pack, config: generatedPackConfig(root, dir, stack, pack) };
  });
}

/**
 * The stack named in extra arguments (`--stack x`, `-s x`, `--stack=x`), if any, and the other
 * arguments.
 */
function splitStackFlag(extra: readonly string[]): { stack?: string; rest: string[] } {
  let stack: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < extra.length; i++) {
    const a = extra[i]!;
    if (a.startsWith("--stack=")) stack = a.slice("--stack=".length);
    else if ((a === "--stack" || a === "-s") && i + 1 < extra.length) stack = extra[++i];
    else rest.push(a);
  }
  return { stack, rest };
}

/**
 * The secrets provider `init` creates the stack with: the one the stack file records. In CI
 * (`committedKey`), the data key must be committed too: a key the CLI wrote on a runner is lost
 * with it, and with it every secret set locally.
 */
export function secretsProviderFor(
  projectDir: string,
  settings: StackSettings,
  committedKey: boolean,
): string {
  const stackFile = readStackFile(projectDir, settings.stack);
  if (settings.backend === "local") return stackFile.secretsProvider ?? "passphrase";
  if (!stackFile.secretsProvider?.startsWith("awskms://")) {
    throw new Error(
      `${stackFile.file}: needs "secretsprovider: awskms://..." (the S3 backend's KMS key) before the stack can be created`,
    );
  }
  if (committedKey && !stackFile.encryptedKey) {
    throw new Error(
      `${stackFile.file}: has no "encryptedkey" yet, so CI will not create the stack; run ` +
        `npx nx run <project>:init once with the state backend's credentials and commit the file (README "Deploying for real")`,
    );
  }
  return stackFile.secretsProvider;
}

export interface PulumiArgsOptions {
  /** `init` only creates a stack whose data key is committed (CI). */
  readonly committedKey?: boolean;
}

/** A CLI command line and what it was built from: the stack it chose and the packs it passes. */
export interface PulumiInvocation {
  readonly argv: string[];
  /** Absolute folder of the project (`--cwd`). */
  readonly dir: string;
  readonly stack: string;
  readonly policyProfile: string;
  /** The policy pack folders passed (preview and up only). */
  readonly packs: readonly string[];
}

export function pulumiArgs(
  root: string,
  verb: PulumiVerb,
  projectDir: string,
  extra: readonly string[] = [],
  options: PulumiArgsOptions = {},
): string[] {
  return pulumiInvocation(root, verb, projectDir, extra, options).argv;
}

export function pulumiInvocation(
  root: string,
  verb: PulumiVerb,
  projectDir: string,
  extra: readonly string[] = [],
  options: PulumiArgsOptions = {},
): PulumiInvocation {
  const dir = path.resolve(root, projectDir);
  const settings = readStackSettings(dir);
  // A project with a stack per account (platform-bootstrap) names the stack on the command line:
  // `npx nx run platform-bootstrap:preview -- --stack dev`; otherwise the project's own stack.
  const chosen = splitStackFlag(extra);
  const stack = chosen.stack ?? settings.stack;
  const rest = chosen.rest;
  const made = { dir, stack, policyProfile: settings.policyProfile };
  if (verb === "init") {
    // Idempotent: selects the stack, or creates it with the committed secrets provider (the CLI
    // keeps the committed encryptedkey when the provider matches the stack file's).
    const argv = [
      "stack",
      "select",
      "--create",
      "--stack",
      stack,
      "--cwd",
      dir,
      "--secrets-provider",
      secretsProviderFor(dir, { ...settings, stack }, options.committedKey ?? false),
      ...rest,
    ];
    return { ...made, argv, packs: [] };
  }
  const args = [verb, "--cwd", dir, "--stack", stack];
  const packs: string[] = [];
  if (verb === "preview" || verb === "up") {
    args.push("--diff");
    // The CLI loads each pack folder's package.json main (dist/index.js): build the packs first.
    for (const { pack, config } of packsWithConfig(root, dir, stack, settings.policyProfile)) {
      args.push("--policy-pack", pack, "--policy-pack-config", config);
      packs.push(pack);
    }
  }
  return { ...made, argv: [...args, ...rest], packs };
}

/**
 * What a workflow job needs to know about a stack, as `key=value` lines for $GITHUB_OUTPUT:
 * absolute paths for pulumi/actions' `work-dir`, `policyPacks` and `policyPackConfigs`.
 */
export function stackOutputs(root: string, projectDir: string): Record<string, string> {
  const dir = path.resolve(root, projectDir);
  const settings = readStackSettings(dir);
  const packs = packsWithConfig(root, dir, settings.stack, settings.policyProfile);
  return {
    dir,
    stack: settings.stack,
    profile: settings.policyProfile,
    runner: settings.runner,
    "policy-packs": packs.map((p) => p.pack).join(","),
    "policy-pack-configs": packs.map((p) => p.config).join(","),
  };
}
