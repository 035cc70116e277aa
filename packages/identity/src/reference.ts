/**
 * docs/bootstrap/reference.md, rendered from the same functions the bootstrap stack creates its
 * IAM with (no hand-kept copy): per account, every role with its trust and its policies.
 */
import { accountIdentityPlan } from "./account-plan";
import { ciPermissions, ciRoleName, ciRoles, ciTrust } from "./ci";
import { accountContext, ciRoleArn, isTooling } from "./model";
import type { IdentityConfig } from "./schema";
import type { PolicyDocument } from "./statements";

export interface ReferenceAccount {
  /** The bootstrap stack's name (tooling, network, dev, ...). */
  readonly stack: string;
  readonly accountId: string;
  readonly region: string;
}

const block = (document: PolicyDocument) =>
  ["```json", JSON.stringify(document, null, 2), "```"].join("\n");

export function renderReference(
  identity: IdentityConfig,
  accounts: readonly ReferenceAccount[],
): string {
  const out: string[] = [
    "# Bootstrap IAM reference",
    "",
    "Generated from `@platform/identity` for the example organisation in",
    "`stacks/bootstrap/Pulumi.*.yaml`; a test regenerates it and fails when it differs",
    "(`UPDATE_DOCS=1 npx mocha --config .mocharc.json stacks/bootstrap/test/docs.test.ts`).",
    "Key ARNs are shown as `<state key>` and `<secrets key>`: the stack fills in the real ones.",
    "",
  ];
  for (const account of accounts) {
    const ctx = accountContext(identity, account.accountId, account.region);
    const plan = accountIdentityPlan(ctx);
    out.push(`## ${account.stack} (${account.accountId}, ${account.region})`, "");
    if (isTooling(ctx)) {
      const refs = {
        bucketArn: `arn:${ctx.partition}:s3:::${identity.stateBucket}`,
        stateKeyArn: "<state key>",
        secretsKeyArn: "<secrets key>",
      };
      for (const role of ciRoles(identity)) {
        const name = ciRoleName(role);
        out.push(
          `### ${name}`,
          "",
          `\`${ciRoleArn(ctx, name)}\`, sessions up to ${identity.ciSessionSeconds} s.`,
          "",
          "Trust:",
          "",
          block(ciTrust(ctx, role)),
          "",
          "Permissions (inline `permissions`):",
          "",
          block(ciPermissions(ctx, role, refs)),
          "",
        );
      }
    }
    for (const role of plan.roles) {
      out.push(
        `### ${role.name}`,
        "",
        `${role.description}. Policies: ${role.policies.map((p) => `\`${p}\``).join(", ")}.`,
        "",
        "Trust:",
        "",
        block(role.trust),
        "",
      );
    }
    for (const policy of plan.policies) {
      out.push(`### policy ${policy.name}`, "", block(policy.document), "");
    }
  }
  return out.join("\n");
}
