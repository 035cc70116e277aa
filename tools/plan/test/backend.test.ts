import * as assert from "node:assert/strict";
import * as path from "node:path";
import type { StackFile } from "@platform/testing";
import { stackFileFindings } from "../src";
import type { StackSettings } from "../src";

const root = "/repo";
const dir = "/repo/stacks/dev";
const settings: StackSettings = {
  stack: "dev",
  policyProfile: "dev",
  backend: "s3",
  runner: "in-network",
};
const stackFile = (extra: Partial<StackFile> = {}): StackFile => ({
  stack: "dev",
  file: path.join(dir, "Pulumi.dev.yaml"),
  config: {},
  secretKeys: [],
  ...extra,
});
const findings = (file: StackFile, s: StackSettings = settings) =>
  stackFileFindings(root, dir, "platform-dev", s, file);

describe("stackFileFindings (secrets provider of a stack meant for the S3 backend)", () => {
  it("rejects a stack with no secrets provider, naming the file, the setting and the fix", () => {
    assert.deepEqual(findings(stackFile()).errors, [
      "stacks/dev/Pulumi.dev.yaml: secretsprovider is missing; platform-dev uses the S3 backend " +
        "(package.json pulumiStack.backend), where the CLI would fall back to a passphrase. Add " +
        '"secretsprovider: awskms://alias/pulumi-secrets?region=eu-west-1" (your key alias and region) above config:',
    ]);
  });

  it("rejects a passphrase provider with the command that changes it", () => {
    const { errors } = findings(stackFile({ secretsProvider: "passphrase" }));
    assert.match(
      errors[0]!,
      /secretsprovider = "passphrase": the S3 backend needs a KMS secrets provider .*pulumi stack change-secrets-provider --cwd stacks\/dev --stack dev/,
    );
  });

  it("warns while the encryptedkey is not committed, and fails once secure values need it", () => {
    const kms = { secretsProvider: "awskms://alias/pulumi-secrets?region=eu-west-1" };
    const pending = findings(stackFile(kms));
    assert.deepEqual(pending.errors, []);
    assert.match(
      pending.warnings[0]!,
      /encryptedkey is not committed yet: run npx nx run platform-dev:init/,
    );
    const undecryptable = findings(stackFile({ ...kms, secretKeys: ["platform-dev:x"] }));
    assert.match(
      undecryptable.errors[0]!,
      /has secure values but no encryptedkey, so no CLI can decrypt them/,
    );
    assert.deepEqual(findings(stackFile({ ...kms, encryptedKey: "AQICAHg=" })), {
      errors: [],
      warnings: [],
    });
  });

  it("accepts a passphrase for a local try-out backend", () => {
    assert.deepEqual(findings(stackFile(), { ...settings, backend: "local" }), {
      errors: [],
      warnings: [],
    });
  });
});

describe("the shipped stacks", () => {
  it("each names a KMS secrets provider (the offline plan would fail otherwise)", async () => {
    const { readStackFile } = await import("@platform/testing");
    const repo = path.resolve(__dirname, "..", "..", "..");
    for (const name of ["network", "log-archive", "dev", "test", "prod"]) {
      const file = readStackFile(path.join(repo, "stacks", name), name);
      assert.match(String(file.secretsProvider), /^awskms:\/\//, `stacks/${name}`);
      assert.deepEqual(file.secretKeys, [], `stacks/${name} checks in no secure values`);
    }
  });
});
