import * as path from "node:path";
import type { Tree } from "@nx/devkit";
import { formatFiles, generateFiles } from "@nx/devkit";
import { parse } from "yaml";
import {
  bootstrapStackFile,
  registerDeployment,
  registerLogSource,
  registerWithHub,
} from "./estate";
import type { EstateEntry } from "./estate";
import { templateValues, validateEnvironmentOptions } from "./options";
import type { EnvironmentOptions } from "./options";

/** Nx runs local generators from their TypeScript source (through @swc-node/register). */
const TEMPLATES = path.join(__dirname, "files");

/**
 * `nx g @platform/generators:environment <name> --accountId=... --vpcCidr=...` adds
 * `stacks/<name>`: a Pulumi project running the shared environment blueprint, its stack config,
 * README, tests and Nx targets; registers the environment in the hub's address plan and RAM share,
 * gives its account a bootstrap stack and makes it a source of the log archive (estate.ts). The deploy waves and the pack configs follow
 * from the project's tags and the stack files, so nothing else is edited by hand.
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
  const values = templateValues(options, network.accountId);
  // Every edit outside the new folder is computed (and checked) before anything is written.
  const estate = estateEdits(tree, {
    name: options.name,
    accountId: options.accountId,
    region: options.region,
    tier: options.tier,
    allocation: options.allocation ?? options.vpcCidr,
    vpcCidr: options.vpcCidr,
    segment: values.segment,
  });
  // A destination serves only log groups of its own Region: other Regions are not subscribed.
  const logDestinationArn =
    network.logDestinationArn?.split(":")[3] === options.region
      ? network.logDestinationArn
      : undefined;
  generateFiles(tree, TEMPLATES, target, {
    ...values,
    secretsProvider: network.secretsProvider,
    logDestinationArn,
    tmpl: "",
  });
  for (const [file, text] of estate) tree.write(file, text);
  await formatFiles(tree);
}

const NETWORK_STACK_FILE = "stacks/network/Pulumi.network.yaml";
const BOOTSTRAP = "stacks/bootstrap";
const LOG_ARCHIVE = "stacks/log-archive";

/** The stack files (`Pulumi.<stack>.yaml`) of a project folder. */
function stackFiles(tree: Tree, dir: string): string[] {
  return tree
    .children(dir)
    .filter((f) => /^Pulumi\.[\w-]+\.yaml$/.test(f))
    .map((f) => path.posix.join(dir, f));
}

/**
 * The hub's stack file with the environment registered; where the log-archive project exists,
 * its stack files with the account among the sources; and, where the bootstrap project exists,
 * every bootstrap stack file with the account in its identity model plus the account's own.
 */
function estateEdits(tree: Tree, env: EstateEntry): Map<string, string> {
  const edits = new Map<string, string>();
  edits.set(
    NETWORK_STACK_FILE,
    registerWithHub(tree.read(NETWORK_STACK_FILE, "utf-8")!, NETWORK_STACK_FILE, env),
  );
  for (const file of tree.exists(LOG_ARCHIVE) ? stackFiles(tree, LOG_ARCHIVE) : [])
    edits.set(file, registerLogSource(tree.read(file, "utf-8")!, file, env));
  if (!tree.exists(path.posix.join(BOOTSTRAP, "Pulumi.yaml"))) return edits;
  const files = stackFiles(tree, BOOTSTRAP);
  for (const file of files)
    edits.set(file, registerDeployment(tree.read(file, "utf-8")!, file, env));
  const own = path.posix.join(BOOTSTRAP, `Pulumi.${env.name}.yaml`);
  if (!tree.exists(own)) {
    // An environment account's file of the same tier is the template (same model and tags).
    const tierOf = (f: string) =>
      (parse(tree.read(f, "utf-8")!) as { config?: Record<string, { tier?: string }> }).config?.[
        "platform-bootstrap:account"
      ]?.tier;
    const template = files.find((f) => tierOf(f) === env.tier);
    if (!template)
      throw new Error(
        `${BOOTSTRAP} has no stack of a ${env.tier} account to copy; add Pulumi.${env.name}.yaml by hand (docs/bootstrap/README.md)`,
      );
    edits.set(own, bootstrapStackFile(edits.get(template)!, template, env));
  }
  return edits;
}

/**
 * The hub's account id and secrets provider, from the network stack's own file: typed once, read
 * everywhere. Every stack of the organisation shares the S3 backend's KMS secrets provider.
 */
function readNetwork(tree: Tree): {
  accountId: string;
  secretsProvider: string;
  logDestinationArn?: string;
} {
  const text = tree.read(NETWORK_STACK_FILE, "utf-8");
  if (!text)
    throw new Error(
      `${NETWORK_STACK_FILE} is missing: environments attach to the network hub, so it must exist first`,
    );
  const doc = parse(text) as {
    secretsprovider?: string;
    config?: Record<string, { accountId?: string; destinationArn?: string }>;
  };
  const account = doc.config?.["platform-network:account"];
  if (!account?.accountId)
    throw new Error(`${NETWORK_STACK_FILE}: platform-network:account.accountId is missing`);
  if (!doc.secretsprovider?.startsWith("awskms://"))
    throw new Error(
      `${NETWORK_STACK_FILE}: secretsprovider is missing or not awskms://...; set the KMS secrets provider there first`,
    );
  return {
    accountId: account.accountId,
    secretsProvider: doc.secretsprovider,
    // The log archive's destination the hub ships to (logging.destinationArn), if it does.
    logDestinationArn: doc.config?.["platform-network:logging"]?.destinationArn,
  };
}
