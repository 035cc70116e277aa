/**
 * The deploy runner's config (a CodeBuild-hosted GitHub Actions runner). The network stack composes
 * this schema; the config type is inferred from it (`DeployRunnerConfig`).
 */
import { addProblems, isConnectionArn, logRetentionDaysSchema } from "@platform/core";
import { z } from "zod";
import { deployRunnerProblems } from "./validate";

/** CodeBuild compute types a Linux container runner project accepts. */
export const RUNNER_COMPUTE_TYPES = [
  "BUILD_GENERAL1_SMALL",
  "BUILD_GENERAL1_MEDIUM",
  "BUILD_GENERAL1_LARGE",
  "BUILD_GENERAL1_XLARGE",
  "BUILD_GENERAL1_2XLARGE",
] as const;

/**
 * The runner: CodeBuild project, repository, connection, compute and logs. `validate.ts` checks
 * the repository and image further.
 */
export const deployRunnerSchema = z
  .strictObject({
    /**
     * The CodeBuild project's name (2-255 letters, digits, `-` or `_`, starting with a letter or
     * digit). Jobs select the runner with `runs-on: codebuild-<projectName>-${{ github.run_id }}-${{
     * github.run_attempt }}` (see `runsOnLabel`).
     */
    projectName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{1,254}$/, {
      error: "expected a CodeBuild project name: 2-255 letters, digits, - or _",
    }),
    /** `owner/repository` whose queued workflow jobs start runner builds. */
    repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: "expected owner/repository" }),
    /**
     * An existing CodeConnections (GitHub App) connection ARN, `codeconnections` or
     * `codestar-connections`; its handshake is done once in the console. CodeBuild uses it to create
     * the repository webhook and to register each build as a just-in-time runner.
     */
    connectionArn: z.string().refine(isConnectionArn, {
      error:
        "expected a CodeConnections connection ARN, arn:aws:codeconnections:<region>:<account>:connection/<id>",
    }),
    /** The build's compute (a Linux container size). */
    computeType: z
      .enum(RUNNER_COMPUTE_TYPES, { error: `expected one of ${RUNNER_COMPUTE_TYPES.join(", ")}` })
      .default("BUILD_GENERAL1_MEDIUM"),
    /** An x86_64 Linux image, e.g. a curated CodeBuild one (the default). */
    image: z.string().min(1).default("aws/codebuild/amazonlinux-x86_64-standard:5.0"),
    /**
     * Privileged mode: a Docker daemon in the build, for jobs that build images. The guardrail
     * `codebuild-hardening` requires the project in its `privilegedAllowlist`.
     */
    privileged: z.boolean({ error: "expected true or false" }).default(false),
    /** Longest job, in minutes (CodeBuild: 5-2160). */
    buildTimeoutMinutes: z
      .number()
      .int()
      .min(5, { error: "CodeBuild allows 5-2160 minutes" })
      .max(2160, { error: "CodeBuild allows 5-2160 minutes" })
      .default(120),
    /** Retention of the build log group, /platform/<namePrefix>/ci/<projectName>. */
    logRetentionInDays: logRetentionDaysSchema.default(365),
  })
  .superRefine((runner, ctx) => addProblems(ctx, deployRunnerProblems(runner)));

/** A runner section as validated, defaults applied. */
export type DeployRunnerConfig = z.infer<typeof deployRunnerSchema>;
