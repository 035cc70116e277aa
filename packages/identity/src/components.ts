import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecureBucket } from "@platform/core";
import { accountIdentityPlan } from "./account-plan";
import type { CiRole } from "./ci";
import { ciPermissions, ciRoleName, ciRoles, ciTrust, keyPolicy } from "./ci";
import type { AccountContext } from "./model";
import { GITHUB_OIDC_AUDIENCE, GITHUB_OIDC_HOST, logBucketName } from "./model";
import type { PolicyDocument } from "./statements";

/** Alias of the key the stacks' secrets provider uses (`awskms://alias/pulumi-secrets?...`). */
export const SECRETS_KEY_ALIAS = "alias/pulumi-secrets";
export const STATE_KEY_ALIAS = "alias/pulumi-state";

const json = (document: PolicyDocument) => JSON.stringify(document);

export interface StateBackendArgs {
  readonly context: AccountContext;
  /** Days a replaced or deleted state object stays recoverable (S3 noncurrent versions). */
  readonly noncurrentVersionDays: number;
}

/**
 * The Pulumi backend of every stack (tooling account): a versioned, KMS-encrypted, TLS-only
 * bucket with all public access blocked and access logs, and the key of the stacks' secrets
 * provider. Keys and buckets are protected (the keys also retained): losing them loses every stack.
 */
export class StateBackend extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly stateKey: aws.kms.Key;
  readonly secretsKey: aws.kms.Key;

  constructor(name: string, args: StateBackendArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:identity:StateBackend", name, {}, opts);
    const keep = { parent: this, protect: true, retainOnDelete: true };
    const { identity } = args.context;
    const key = (id: string, description: string, alias: string) => {
      const k = new aws.kms.Key(
        `${name}-${id}-key`,
        {
          description,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: JSON.stringify(keyPolicy(args.context)),
        },
        keep,
      );
      new aws.kms.Alias(
        `${name}-${id}-alias`,
        { name: alias, targetKeyId: k.keyId },
        { parent: this },
      );
      return k;
    };
    this.stateKey = key("state", "Encrypts the Pulumi state bucket", STATE_KEY_ALIAS);
    this.secretsKey = key("secrets", "Pulumi secrets provider of every stack", SECRETS_KEY_ALIAS);
    // The access-log target: SSE-S3 and a grant to the S3 logging service (all S3 accepts there).
    const logs = new SecureBucket(
      `${name}-logs`,
      {
        bucketName: logBucketName(identity),
        accessLogTargetFor: {
          accountId: args.context.accountId,
          bucketNames: [identity.stateBucket],
        },
        expireDays: 365,
        tags: { Purpose: "access-logs" },
        protect: true,
      },
      { parent: this },
    );
    const state = new SecureBucket(
      name,
      {
        bucketName: identity.stateBucket,
        kmsKeyArn: this.stateKey.arn,
        noncurrentDays: args.noncurrentVersionDays,
        accessLogBucket: logs,
        tags: { Purpose: "pulumi-state" },
        protect: true,
      },
      { parent: this },
    );
    this.bucket = state.bucket;
    this.registerOutputs({
      bucket: this.bucket.id,
      stateKeyArn: this.stateKey.arn,
      secretsKeyArn: this.secretsKey.arn,
    });
  }
}

export interface GithubCiArgs {
  readonly context: AccountContext;
  readonly state: StateBackend;
}

/**
 * GitHub's OIDC provider and the CI roles workflows assume with it (tooling account): one per
 * deploying GitHub environment, one for PR previews, one for drift detection. Their sessions last
 * `ciSessionSeconds`, the longest `up` (the workflows request as much: role-duration-seconds).
 */
export class GithubCi extends pulumi.ComponentResource {
  readonly provider: aws.iam.OpenIdConnectProvider;
  readonly roles: Record<string, aws.iam.Role> = {};

  constructor(name: string, args: GithubCiArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:identity:GithubCi", name, {}, opts);
    const ctx = args.context;
    // No thumbprint: IAM trusts GitHub's certificate through its own library of root CAs.
    this.provider = new aws.iam.OpenIdConnectProvider(
      `${name}-github`,
      { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: [GITHUB_OIDC_AUDIENCE] },
      { parent: this, protect: true },
    );
    const refs = pulumi.all([
      args.state.bucket.arn,
      args.state.stateKey.arn,
      args.state.secretsKey.arn,
    ]);
    for (const role of ciRoles(ctx.identity)) {
      const roleName = ciRoleName(role);
      const resource = new aws.iam.Role(
        roleName,
        {
          name: roleName,
          description: describe(role),
          assumeRolePolicy: json(ciTrust(ctx, role)),
          maxSessionDuration: ctx.identity.ciSessionSeconds,
        },
        // IAM rejects a trust policy naming an OIDC provider that does not exist yet.
        { parent: this, dependsOn: [this.provider] },
      );
      new aws.iam.RolePolicy(
        `${roleName}-permissions`,
        {
          role: resource.name,
          name: "permissions",
          policy: refs.apply(([bucketArn, stateKeyArn, secretsKeyArn]) =>
            json(ciPermissions(ctx, role, { bucketArn, stateKeyArn, secretsKeyArn })),
          ),
        },
        { parent: this },
      );
      this.roles[roleName] = resource;
    }
    this.registerOutputs({ providerArn: this.provider.arn });
  }
}

function describe(role: CiRole): string {
  switch (role.kind) {
    case "deploy":
      return `GitHub environment ${role.environment} on the deploy branch: state, secrets, the deploy role`;
    case "preview":
      return "Pull-request previews: read state, decrypt secrets, the read-only roles";
    case "drift":
      return "Drift detection on the deploy branch: read state, decrypt secrets, the drift roles";
  }
}

export interface AccountIdentityArgs {
  readonly context: AccountContext;
}

/**
 * The platform's roles in one account (`accountIdentityPlan`): deployer, previewer and drift
 * roles, the workload permissions boundary, and in the network account the spoke roles.
 */
export class AccountIdentity extends pulumi.ComponentResource {
  readonly roles: Record<string, aws.iam.Role> = {};
  readonly policies: Record<string, aws.iam.Policy> = {};

  constructor(name: string, args: AccountIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("platform:identity:AccountIdentity", name, {}, opts);
    const plan = accountIdentityPlan(args.context);
    for (const policy of plan.policies) {
      this.policies[policy.name] = new aws.iam.Policy(
        policy.name,
        { name: policy.name, policy: json(policy.document) },
        { parent: this },
      );
    }
    for (const spec of plan.roles) {
      const role = new aws.iam.Role(
        spec.name,
        { name: spec.name, description: spec.description, assumeRolePolicy: json(spec.trust) },
        { parent: this },
      );
      for (const policy of spec.policies) {
        new aws.iam.RolePolicyAttachment(
          `${spec.name}-${policy}`,
          { role: role.name, policyArn: this.policies[policy]!.arn },
          { parent: this },
        );
      }
      this.roles[spec.name] = role;
    }
    this.registerOutputs({});
  }
}
