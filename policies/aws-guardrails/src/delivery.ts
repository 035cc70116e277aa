import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import type { ResourceValidationPolicy } from "@pulumi/policy";

export function codebuildHardening(): ResourceValidationPolicy {
  return {
    name: "codebuild-hardening",
    description:
      "CodeBuild projects run privileged only when allowlisted, keep artifacts encrypted and keep logs on.",
    severity: "high",
    remediationSteps:
      "Remove privilegedMode or add the project to privilegedAllowlist in the pack config; do not disable artifact encryption or logs.",
    configSchema: {
      properties: {
        privilegedAllowlist: { type: "array", items: { type: "string" }, default: [] },
      },
    },
    validateResource: validateResourceOfType(aws.codebuild.Project, (project, args, report) => {
      const { privilegedAllowlist } = args.getConfig<{ privilegedAllowlist: string[] }>();
      const name = project.name ?? args.name;
      if (project.environment?.privilegedMode && !privilegedAllowlist.includes(name))
        report(`privileged mode is on but ${name} is not in privilegedAllowlist`);
      if (project.artifacts?.encryptionDisabled) report("artifact encryption is disabled");
      const logs = project.logsConfig;
      if (logs?.cloudwatchLogs?.status === "DISABLED" && logs?.s3Logs?.status !== "ENABLED")
        report("build logs are disabled");
    }),
  };
}
