import { environmentSchema, loadStackConfig, PLATFORM_ROLES, tagsSchema } from "@platform/core";
import { identityProblems, identitySchema, organisationAccounts } from "@platform/identity";
import { z } from "zod";

const PLATFORM_ROLE_NAMES: readonly string[] = Object.values(PLATFORM_ROLES);

export const bootstrapStackSchema = z
  .strictObject({
    /** The account this stack bootstraps; `roleArn` is the administrator role it is applied with. */
    account: environmentSchema,
    tags: tagsSchema,
    /** The organisation's identity model: the same block in every stack of this project. */
    identity: identitySchema,
    /** Tooling account only: how long replaced state objects stay recoverable. */
    state: z
      .strictObject({
        noncurrentVersionDays: z
          .number({ error: "expected days, e.g. 365" })
          .int()
          .min(30, { error: "keep replaced state for at least 30 days" }),
      })
      .default({ noncurrentVersionDays: 365 }),
  })
  .superRefine((cfg, ctx) => {
    for (const p of identityProblems(cfg.identity)) {
      ctx.addIssue({
        code: "custom",
        path: ["identity", ...p.path],
        input: p.value,
        message: p.message,
      });
    }
    const accounts = organisationAccounts(cfg.identity);
    if (!accounts.includes(cfg.account.accountId)) {
      ctx.addIssue({
        code: "custom",
        path: ["account", "accountId"],
        input: cfg.account.accountId,
        message: `is not the tooling, network or a deployment account of identity (${accounts.join(", ")}); add it under identity.deployments or fix the id`,
      });
    }
    const roleName = cfg.account.roleArn.split("/").pop() ?? "";
    if (PLATFORM_ROLE_NAMES.includes(roleName)) {
      ctx.addIssue({
        code: "custom",
        path: ["account", "roleArn"],
        input: cfg.account.roleArn,
        message:
          "is a role this stack creates and no platform role may change it; apply the bootstrap with an administrator role, e.g. OrganizationAccountAccessRole",
      });
    }
  });

/** The validated config of this stack; invalid config throws here, before any resource exists. */
export const config = loadStackConfig(bootstrapStackSchema);
