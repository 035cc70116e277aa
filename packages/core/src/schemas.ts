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
