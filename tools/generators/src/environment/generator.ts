import * as path from "node:path";
import type { Tree } from "@nx/devkit";
import { formatFiles, generateFiles } from "@nx/devkit";
import { parse } from "yaml";
import { templateValues, validateEnvironmentOptions } from "./options";
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
  const network = readNetwork(tree);
  generateFiles(tree, TEMPLATES, target, {
    ...templateValues(options, network.accountId),
    secretsProvider: network.secretsProvider,
    tmpl: "",
  });
  await formatFiles(tree);
}

const NETWORK_STACK_FILE = "stacks/network/Pulumi.network.yaml";

/**
 * The hub's account id and secrets provider, from the network stack's own file: typed once, read
 * everywhere. Every stack of the organisation shares the S3 backend's KMS secrets provider.
 */
function readNetwork(tree: Tree): { accountId: string; secretsProvider: string } {
  const text = tree.read(NETWORK_STACK_FILE, "utf-8");
  if (!text)
    throw new Error(
      `${NETWORK_STACK_FILE} is missing: environments attach to the network hub, so it must exist first`,
    );
  const doc = parse(text) as {
    secretsprovider?: string;
    config?: Record<string, { accountId?: string }>;
  };
  const account = doc.config?.["platform-network:account"];
  if (!account?.accountId)
    throw new Error(`${NETWORK_STACK_FILE}: platform-network:account.accountId is missing`);
  if (!doc.secretsprovider?.startsWith("awskms://"))
    throw new Error(
      `${NETWORK_STACK_FILE}: secretsprovider is missing or not awskms://...; set the KMS secrets provider there first`,
    );
  return { accountId: account.accountId, secretsProvider: doc.secretsprovider };
}
