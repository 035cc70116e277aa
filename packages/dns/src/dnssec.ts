/**
 * DNSSEC signing of a public hosted zone. The key-signing key is backed by a customer managed KMS
 * key that "must be in the US East (N. Virginia) Region", "an asymmetric customer managed key
 * with an ECC_NIST_P256 key spec", used for signing and verification, whose key policy lets
 * Route 53's DNSSEC service use it
 * (https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-configuring-dnssec-cmk-requirements.html,
 * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/access-control-managing-permissions.html#KMS-key-policy-for-DNSSEC).
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { accountAdministersKey } from "@platform/core";

/**
 * The key policy Route 53 needs: the DNSSEC service may describe the key, read its public key and
 * sign, only for this account's hosted zones (confused-deputy conditions), and create grants only
 * for AWS resources; the account administers the key.
 */
export function dnssecKeyPolicy(accountId: string) {
  const service = { Service: "dnssec-route53.amazonaws.com" };
  return {
    Version: "2012-10-17",
    Statement: [
      accountAdministersKey(accountId),
      {
        Sid: "Route53DnssecSigns",
        Effect: "Allow",
        Principal: service,
        Action: ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceAccount": accountId },
          ArnLike: { "aws:SourceArn": "arn:aws:route53:::hostedzone/*" },
        },
      },
      {
        Sid: "Route53DnssecCreatesGrants",
        Effect: "Allow",
        Principal: service,
        Action: "kms:CreateGrant",
        Resource: "*",
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
      },
    ],
  };
}

export interface DnssecArgs {
  readonly zoneId: pulumi.Input<string>;
  readonly accountId: string;
  /** A provider for us-east-1 (checked by the caller: `globalRegionProblems`). */
  readonly provider: aws.Provider;
  readonly namePrefix: string;
  readonly protect?: boolean;
}

/**
 * The signing key (`<name>-ksk-key`, protected when asked: losing it breaks the chain of trust
 * until the DS record at the parent changes), the key-signing key (`<name>-ksk`) and signing on
 * (`<name>-dnssec`). The DS record still has to be published at the parent zone or registrar.
 */
export function dnssec(
  parent: pulumi.Resource,
  name: string,
  args: DnssecArgs,
): { keyArn: pulumi.Output<string>; signing: aws.route53.HostedZoneDnsSec } {
  const key = new aws.kms.Key(
    `${name}-ksk-key`,
    {
      description: `DNSSEC key-signing key of ${args.namePrefix}`,
      customerMasterKeySpec: "ECC_NIST_P256",
      keyUsage: "SIGN_VERIFY",
      // Asymmetric keys cannot rotate automatically; a KSK rotation is a new key-signing key.
      deletionWindowInDays: 30,
      policy: JSON.stringify(dnssecKeyPolicy(args.accountId)),
    },
    { parent, provider: args.provider, protect: args.protect },
  );
  const ksk = new aws.route53.KeySigningKey(
    `${name}-ksk`,
    {
      hostedZoneId: args.zoneId,
      keyManagementServiceArn: key.arn,
      name: `${args.namePrefix}-ksk`.replace(/[^a-zA-Z0-9_]/g, "_").slice(0, 128),
      status: "ACTIVE",
    },
    { parent },
  );
  const signing = new aws.route53.HostedZoneDnsSec(
    `${name}-dnssec`,
    { hostedZoneId: ksk.hostedZoneId, signingStatus: "SIGNING" },
    { parent, dependsOn: [ksk] },
  );
  return { keyArn: key.arn, signing };
}
