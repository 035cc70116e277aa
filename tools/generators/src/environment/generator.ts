import * as path from "node:path";
import type { Tree } from "@nx/devkit";
import { formatFiles, generateFiles } from "@nx/devkit";
import { validateEnvironmentOptions } from "./options";
import type { EnvironmentOptions } from "./options";

/** Nx runs local generators from their TypeScript source (through @swc-node/register). */
const TEMPLATES = path.join(__dirname, "files");

/**
 * `nx g @platform/generators:environment <name> --accountId=... --vpcCidr=...` adds
 * `stacks/<name>`: a Pulumi project running the shared environment blueprint, its stack config,
 * README, tests and Nx targets.
 */
export default async function environmentGenerator(
  tree: Tree,
  raw: Partial<EnvironmentOptions>,
): Promise<void> {
  const options = validateEnvironmentOptions(raw);
  const target = path.posix.join("stacks", options.name);
  if (tree.exists(target)) {
    throw new Error(
      `stacks/${options.name} already exists; choose another --name or delete the folder first`,
    );
  }
  generateFiles(tree, TEMPLATES, target, { ...options, tmpl: "" });
  await formatFiles(tree);
}
