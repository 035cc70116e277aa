/** zod building blocks for stack config, with messages that say what is expected. */
import { z } from "zod";
import { cidrProblem, parseCidr } from "./cidr";

/** An IPv4 network in a.b.c.d/n form with no host bits set. */
export const cidrSchema = z
  .string({ error: "expected an IPv4 CIDR such as 10.16.0.0/16" })
  .superRefine((value, ctx) => {
    const problem = cidrProblem(value);
    // continue: false keeps later refinements (which parse the CIDR) off a malformed value.
    if (problem)
      ctx.addIssue({
        code: "custom",
        input: value,
        continue: false,
        message: `${problem}; expected an IPv4 CIDR such as 10.16.0.0/16`,
      });
  });

/** A VPC CIDR: AWS allows /16 to /28. */
export const vpcCidrSchema = cidrSchema.superRefine((value, ctx) => {
  if (cidrProblem(value)) return;
  const { prefix } = parseCidr(value);
  if (prefix < 16 || prefix > 28) {
    ctx.addIssue({
      code: "custom",
      input: value,
      message: `a VPC CIDR must be between /16 and /28, not /${prefix}`,
    });
  }
});

/** Private BGP ASNs (RFC 6996): 64512-65534 and 4200000000-4294967294. */
export function isPrivateAsn(asn: number): boolean {
  return (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294);
}

export const privateAsnSchema = z
  .number({ error: "expected a private BGP ASN: 64512-65534 or 4200000000-4294967294" })
  .int({ error: "expected a whole number" })
  .refine(isPrivateAsn, {
    error: "is outside the private ASN ranges; use 64512-65534 or 4200000000-4294967294",
  });

/**
 * The retention periods CloudWatch Logs accepts (PutRetentionPolicy; the provider's LogGroup
 * documents the same list). Any other number is rejected when the log group is created.
 */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
] as const;

export const logRetentionDaysSchema = z
  .number({ error: "expected days of log retention, e.g. 365" })
  .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
    error: `is not a retention CloudWatch Logs accepts; use one of ${LOG_RETENTION_DAYS.join(", ")}`,
  });

/**
 * A Kubernetes namespace name: an RFC 1123 DNS label, at most 63 lower-case letters, digits or
 * hyphens, starting and ending with a letter or digit (Kubernetes docs, "Object Names and IDs").
 */
export const namespaceSchema = z
  .string({ error: "expected a Kubernetes namespace name such as shop" })
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
    error:
      "expected a Kubernetes namespace name: at most 63 lower-case letters, digits or hyphens, starting and ending with a letter or digit",
  });
