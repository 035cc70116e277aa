import {
  accountIdSchema,
  cidrSchema,
  nameSchema,
  parseCidr,
  regionSchema,
  vpcCidrSchema,
} from "@platform/core";
import { z } from "zod";

const optionsSchema = z.strictObject({
  name: nameSchema.refine((n) => n !== "network", {
    error: "is the hub's project; choose an environment name",
  }),
  // The Nx CLI turns digit-only flags into numbers, dropping leading zeros: restore the 12 digits.
  accountId: z.preprocess(
    (v) => (typeof v === "number" ? String(v).padStart(12, "0") : v),
    accountIdSchema,
  ),
  region: regionSchema.default("eu-west-1"),
  tier: z.enum(["prod", "nonprod"], { error: "expected prod or nonprod" }).default("nonprod"),
  policyProfile: z
    .enum(["dev", "test", "prod"], { error: "expected dev, test or prod" })
    .default("test"),
  vpcCidr: vpcCidrSchema.refine((c) => parseCidr(c).prefix <= 20, {
    error: "expected a VPC of /16 to /20 so the default tiers fit",
  }),
  /** The environment's range in the hub's address plan (default: the VPC's CIDR). */
  allocation: cidrSchema.optional(),
  owner: z.string().min(1).default("platform-team"),
  costCentre: z.string().min(1).default("CC-0000"),
  /** Onboard the example application (shop), so the whole delivery path is planned (dev ships it). */
  exampleApp: z.boolean({ error: "expected true or false" }).default(false),
});

export type EnvironmentOptions = z.infer<typeof optionsSchema>;

/** Validates generator flags; each problem names the flag, the value and what is expected. */
export function validateEnvironmentOptions(raw: Partial<EnvironmentOptions>): EnvironmentOptions {
  const result = optionsSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const flag = `--${issue.path.join(".")}`;
    return issue.input === undefined
      ? `${flag} is missing; ${issue.message}`
      : `${flag}=${JSON.stringify(issue.input)}: ${issue.message}`;
  });
  throw new Error(`invalid generator options:\n  ${lines.join("\n  ")}`);
}

/** Values the templates derive from the options: prod gets three AZs and a NAT per AZ. */
export function templateValues(options: EnvironmentOptions, networkAccountId: string) {
  const prefix = parseCidr(options.vpcCidr).prefix;
  const prod = options.tier === "prod";
  return {
    ...options,
    networkAccountId,
    segment: prod ? "prod" : "nonprod",
    azCount: prod ? 3 : 2,
    // One etcd member per node, spread evenly over the AZs: the general group's minimum holds them
    // all (see @platform/etcd placementProblems); the autoscaler may double it.
    etcdMembers: prod ? 5 : 3,
    nodes: prod ? 5 : 3,
    natStrategy: prod ? "perAz" : "single",
    retentionInDays: prod ? 365 : 90,
    // Each tier as large as its slot allows (see @platform/vpc's planner), transit a /28.
    tierPrefix: { private: prefix + 3, public: prefix + 6, data: prefix + 7 },
  };
}
