/**
 * Policy statements every key or bucket policy of the platform starts with, written once.
 */

/** One IAM policy statement, as the platform writes them. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: unknown;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * The account administers the key: without it a key policy can lock the account out of its own
 * key ("Default key policy", AWS KMS Developer Guide).
 */
export function accountAdministersKey(accountId: string): PolicyStatement {
  return {
    Sid: "AccountAdministersKey",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${accountId}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** Deny every request to the bucket and its objects that does not use TLS. */
export function tlsOnlyStatement(bucketArn: string): PolicyStatement {
  return {
    Sid: "TlsOnly",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}
