/**
 * The deploy runner's config (a CodeBuild-hosted GitHub Actions runner). The network stack composes
 * this schema; the config type is inferred from it (`DeployRunnerConfig`).
 */
import { isConnectionArn, logRetentionDaysSchema } from "@platform/core";
import { z } from "zod";

/** CodeBuild compute types a Linux container runner project accepts. */
export const RUNNER_COMPUTE_TYPES = [
  "BUILD_GENERAL1_SMALL",
  "BUILD_GENERAL1_MEDIUM",
  "BUILD_GENERAL1_LARGE",
  "BUILD_GENERAL1_XLARGE",
  "BUILD_GENERAL1_2XLARGE",
] as const;

/** The runner: CodeBuild project, repository, connection, compute and logs. */
export const deployRunnerSchema = z.strictObject({
  /** The CodeBuild project; jobs run on codebuild-<projectName>-<run id>-<attempt>. */
  projectName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/, {
    error: "expected a CodeBuild project name: 2-255 letters, digits, - or _",
  }),
  /** The repository whose workflow jobs the runner takes. */
  repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: "expected owner/repository" }),
  /** An existing CodeConnections (GitHub App) connection; its handshake is done in the console. */
  connectionArn: z.string().refine(isConnectionArn, {
    error:
      "expected a CodeConnections connection ARN, arn:aws:codeconnections:<region>:<account>:connection/<id>",
  }),
  computeType: z
    .enum(RUNNER_COMPUTE_TYPES, { error: `expected one of ${RUNNER_COMPUTE_TYPES.join(", ")}` })
    .default("BUILD_GENERAL1_MEDIUM"),
  image: z.string().min(1).default("aws/codebuild/amazonlinux-x86_64-standard:5.0"),
  /** Docker in the build (image builds during `up`); needs privilegedAllowlist in the pack config. */
  privileged: z.boolean({ error: "expected true or false" }).default(false),
  buildTimeoutMinutes: z
    .number()
    .int()
    .min(5, { error: "CodeBuild allows 5-2160 minutes" })
    .max(2160, { error: "CodeBuild allows 5-2160 minutes" })
    .default(120),
  logRetentionInDays: logRetentionDaysSchema.default(365),
});

/** A runner section as validated, defaults applied. */
export type DeployRunnerConfig = z.infer<typeof deployRunnerSchema>;
