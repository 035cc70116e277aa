/**
 * What the real CLI needs from a stack file before its first preview, checked offline: a stack
 * meant for the S3 backend names a KMS secrets provider (otherwise the CLI falls back to a
 * passphrase and CI stops asking for PULUMI_CONFIG_PASSPHRASE), and secure values can only be
 * decrypted with the data key (`encryptedkey`) the CLI wrote when the stack was created.
 */
import * as path from "node:path";
import type { StackFile } from "@platform/engine";
import type { StackSettings } from "./pulumi";

export interface StackFileFindings {
  readonly errors: string[];
  readonly warnings: string[];
}

export const KMS_PROVIDER_EXAMPLE = "awskms://alias/pulumi-secrets?region=eu-west-1";

export function stackFileFindings(
  root: string,
  projectDir: string,
  project: string,
  settings: StackSettings,
  stackFile: StackFile,
): StackFileFindings {
  const file = path.relative(root, stackFile.file);
  const dir = path.relative(root, projectDir);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (settings.backend === "s3") {
    if (!stackFile.secretsProvider) {
      errors.push(
        `${file}: secretsprovider is missing; ${project} uses the S3 backend (package.json ` +
          `pulumiStack.backend), where the CLI would fall back to a passphrase. Add ` +
          `"secretsprovider: ${KMS_PROVIDER_EXAMPLE}" (your key alias and region) above config:`,
      );
    } else if (!stackFile.secretsProvider.startsWith("awskms://")) {
      errors.push(
        `${file}: secretsprovider = ${JSON.stringify(stackFile.secretsProvider)}: the S3 backend ` +
          `needs a KMS secrets provider such as ${KMS_PROVIDER_EXAMPLE}; change it with ` +
          `pulumi stack change-secrets-provider --cwd ${dir} --stack ${stackFile.stack} '<awskms://...>'`,
      );
    } else if (!stackFile.encryptedKey) {
      const fix =
        `run npx nx run ${project}:init once with the state backend's credentials ` +
        `(README "Deploying for real") and commit the encryptedkey it writes`;
      if (stackFile.secretKeys.length > 0) {
        errors.push(
          `${file}: has secure values but no encryptedkey, so no CLI can decrypt them; ${fix}`,
        );
      } else {
        warnings.push(`${file}: encryptedkey is not committed yet: ${fix}`);
      }
    }
  }
  return { errors, warnings };
}

/** The plan warning for a required secret that ran with a placeholder. */
export function placeholderWarning(
  root: string,
  projectDir: string,
  stackFile: StackFile,
  key: string,
): string {
  return (
    `${path.relative(root, stackFile.file)}: ${key} is not set; the offline plan used a ` +
    `placeholder. Set it before a real preview: pulumi config set --secret --cwd ` +
    `${path.relative(root, projectDir)} --stack ${stackFile.stack} ${key}`
  );
}
