/**
 * The identity model of the organisation, as the bootstrap stack of every account reads it: the
 * GitHub repository whose workflows deploy, the tooling account (state, OIDC, CI roles), the network
 * account, and which GitHub environment deploys into which account. Checks across keys:
 * `identityProblems` (validate.ts).
 */
import { accountIdSchema, nameSchema } from "@platform/core";
import { z } from "zod";

/** Longest `up` the CI roles' sessions must outlast (4 h; AWS allows 1-12 h). */
export const DEFAULT_CI_SESSION_SECONDS = 14400;

export const identitySchema = z.strictObject({
  github: z.strictObject({
    /** `owner/name` of the repository whose workflows deploy. */
    repository: z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, {
      error: "expected the repository as owner/name, e.g. example-org/aws-platform",
    }),
    /**
     * What GitHub puts before `:environment:...` in the token subject: `repo:owner/name` by
     * default; the value `gh api repos/<owner>/<name>/actions/oidc/customization/sub` reports
     * as `sub_claim_prefix` when the repository uses immutable subjects.
     */
    subjectPrefix: z
      .string()
      .regex(/^repo:\S+$/, {
        error: "expected the subject prefix GitHub reports, e.g. repo:org/repo",
      })
      .optional(),
    /** The only branch that deploys. */
    deployBranch: z
      .string()
      .regex(/^[\w./-]+$/, { error: "expected a branch name such as main" })
      .default("main"),
  }),
  /** Account with the state bucket, the keys, the GitHub OIDC provider and the CI roles. */
  toolingAccountId: accountIdSchema,
  /** Account with the Transit Gateway hub (spoke roles). */
  networkAccountId: accountIdSchema,
  /** The Pulumi state bucket (globally unique). */
  stateBucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
    error: "expected an S3 bucket name: 3-63 lower-case letters, digits, dots or hyphens",
  }),
  /** GitHub environment -> the account it deploys (one Pulumi project, platform-<environment>). */
  deployments: z.record(
    nameSchema,
    z.strictObject({
      accountId: accountIdSchema,
      /** The environment's stack attaches to the hub through the network account's spoke role. */
      networkSpoke: z.boolean().default(false),
    }),
  ),
  /** Session length of the CI roles (MaxSessionDuration): the workflows' role-duration-seconds. */
  ciSessionSeconds: z
    .number({ error: "expected seconds, e.g. 14400" })
    .int({ error: "expected whole seconds" })
    .min(3600, { error: "must be at least 3600 (1 h), AWS's minimum" })
    .max(43200, { error: "must be at most 43200 (12 h), AWS's maximum" })
    .default(DEFAULT_CI_SESSION_SECONDS),
  /**
   * When set, PR previews must run in this GitHub environment (give it required reviewers), and
   * the preview role trusts only its jobs: for previews of stacks with secrets.
   */
  previewEnvironment: nameSchema.optional(),
});

/** The `identity` block, defaults applied. */
export type IdentityConfig = z.infer<typeof identitySchema>;
