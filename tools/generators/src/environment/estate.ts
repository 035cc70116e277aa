/**
 * What else an environment needs outside its own folder, so that adding one is one command: its
 * allocation in the hub's address plan, its account in the Transit Gateway's RAM share, its
 * bootstrap (a stack of platform-bootstrap for the account, and the account in every bootstrap
 * stack's identity model), and its account among the log archive's source accounts. Edits keep the files' comments and order (YAML documents, not dumps),
 * are idempotent for an environment already registered with the same values, and refuse a
 * conflicting one.
 */
import { cidrContains, cidrsOverlap, parseCidr } from "@platform/core";
import { isMap, isSeq, parseDocument } from "yaml";
import type { Document } from "yaml";

export interface EstateEntry {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly tier: "prod" | "nonprod";
  /** The environment's range in the address plan (its VPC and future ones live inside it). */
  readonly allocation: string;
  readonly vpcCidr: string;
  readonly segment: string;
}

function load(text: string, file: string): Document {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
  return doc;
}

/** The hub's stack file with the environment's allocation and RAM share added. */
export function registerWithHub(text: string, file: string, env: EstateEntry): string {
  const doc = load(text, file);
  const planPath = ["config", "platform-network:addressPlan", "environments"];
  const environments = doc.getIn(planPath) as { toJSON(): unknown } | undefined;
  const existing = (environments?.toJSON() ?? {}) as Record<
    string,
    { cidr: string; segment: string }
  >;
  const mine = existing[env.name];
  if (!cidrContains(parseCidr(env.allocation), parseCidr(env.vpcCidr))) {
    throw new Error(
      `--allocation=${env.allocation}: does not contain --vpcCidr=${env.vpcCidr}; the environment's VPC lives inside its allocation`,
    );
  }
  if (mine) {
    if (mine.cidr !== env.allocation || mine.segment !== env.segment) {
      throw new Error(
        `${file}: addressPlan.environments.${env.name} is already ${JSON.stringify(mine)}, not ` +
          `{ cidr: ${env.allocation}, segment: ${env.segment} }; pass --allocation=${mine.cidr} or edit the hub first`,
      );
    }
  } else {
    for (const [other, entry] of Object.entries(existing)) {
      if (cidrsOverlap(parseCidr(entry.cidr), parseCidr(env.allocation)))
        throw new Error(
          `--allocation=${env.allocation}: overlaps ${other} (${entry.cidr}) in ${file} addressPlan.environments; choose a free range`,
        );
    }
    const entry = doc.createNode({ cidr: env.allocation, segment: env.segment });
    entry.flow = true;
    doc.setIn([...planPath, env.name], entry);
  }
  const sharePath = ["config", "platform-network:transitGateway", "shareWith"];
  const share = doc.getIn(sharePath);
  if (!isSeq(share))
    throw new Error(`${file}: platform-network:transitGateway.shareWith is missing`);
  const principals = share.toJSON() as string[];
  // An organisation or OU principal already covers the account; otherwise share with it.
  if (!principals.includes(env.accountId) && !principals.some((p) => p.startsWith("arn:")))
    share.add(doc.createNode(env.accountId));
  return doc.toString();
}

const BOOTSTRAP_IDENTITY = ["config", "platform-bootstrap:identity", "deployments"];

/** A bootstrap stack file with the environment's account added to the identity model. */
export function registerDeployment(text: string, file: string, env: EstateEntry): string {
  const doc = load(text, file);
  const deployments = doc.getIn(BOOTSTRAP_IDENTITY);
  if (!isMap(deployments))
    throw new Error(`${file}: platform-bootstrap:identity.deployments is missing`);
  const mine = deployments.toJSON()[env.name] as { accountId?: string } | undefined;
  if (mine && mine.accountId !== env.accountId) {
    throw new Error(
      `${file}: identity.deployments.${env.name} deploys account ${mine.accountId}, not ${env.accountId}`,
    );
  }
  if (!mine) {
    const entry = doc.createNode({ accountId: env.accountId, networkSpoke: true });
    entry.flow = true;
    deployments.set(env.name, entry);
  }
  return doc.toString();
}

/**
 * The bootstrap stack file of the new account, from another environment's (same identity model,
 * tags and secrets provider): its own account block, no data key yet (`init` writes it).
 */
export function bootstrapStackFile(template: string, file: string, env: EstateEntry): string {
  const doc = load(template, file);
  const account = doc.getIn(["config", "platform-bootstrap:account"]) as
    { toJSON(): { roleArn?: string } } | undefined;
  if (!account) throw new Error(`${file}: platform-bootstrap:account is missing`);
  const roleName =
    /:role\/(.+)$/.exec(account.toJSON().roleArn ?? "")?.[1] ?? "OrganizationAccountAccessRole";
  const base = ["config", "platform-bootstrap:account"];
  doc.setIn([...base, "name"], env.name);
  doc.setIn([...base, "accountId"], doc.createNode(env.accountId));
  doc.setIn([...base, "region"], env.region);
  doc.setIn([...base, "roleArn"], `arn:aws:iam::${env.accountId}:role/${roleName}`);
  doc.setIn([...base, "tier"], env.tier);
  doc.delete("encryptedkey");
  doc.commentBefore = (doc.commentBefore ?? "").replace(
    /^ ?Bootstrap of the [\w-]+ account/,
    ` Bootstrap of the ${env.name} account`,
  );
  return doc.toString();
}

const LOG_SOURCES = ["config", "platform-log-archive:collection", "sourceAccounts"];
const LOG_ORGANIZATION = ["config", "platform-log-archive:collection", "organizationId"];

/**
 * A log-archive stack file with the environment's account among the accounts whose log groups
 * may subscribe to the archive's destination; unchanged when the archive admits the whole
 * organisation (`organizationId`) or already lists the account.
 */
export function registerLogSource(text: string, file: string, env: EstateEntry): string {
  const doc = load(text, file);
  if (doc.getIn(LOG_ORGANIZATION) !== undefined) return text;
  const sources = doc.getIn(LOG_SOURCES);
  if (sources === undefined) {
    if (!isMap(doc.getIn(LOG_SOURCES.slice(0, 2))))
      throw new Error(`${file}: platform-log-archive:collection is missing`);
    const list = doc.createNode([env.accountId]);
    list.flow = true;
    doc.setIn(LOG_SOURCES, list);
    return doc.toString();
  }
  if (!isSeq(sources))
    throw new Error(`${file}: platform-log-archive:collection.sourceAccounts is not a list`);
  if ((sources.toJSON() as string[]).includes(env.accountId)) return text;
  sources.add(doc.createNode(env.accountId));
  return doc.toString();
}
