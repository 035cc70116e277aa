import * as pulumi from "@pulumi/pulumi";
import { deployRunnerSchema } from "@platform/ci-runner";
import { hybridDnsSchema } from "@platform/dns";
import {
  ConfigError,
  addProblems,
  environmentSchema,
  loadStackConfig,
  missingSecretProblem,
  nameSchema,
  tagsSchema,
} from "@platform/core";
import { hybridSchema, missingHybridSecrets, secretRule } from "@platform/hybrid";
import { logSubscriptionSchema } from "@platform/log-archive";
import { addressPlanSchema, segmentsSchema, transitGatewaySchema } from "@platform/transit-gateway";
import { vpcSchema } from "@platform/vpc";
import { z } from "zod";
import { networkProblems } from "./validate";

/**
 * The shared-services VPC (attached to the hub in a shared-tier segment) and the deploy runner in
 * its private subnets, from which environment stacks' `preview`/`up` reach the private EKS
 * endpoints over the Transit Gateway (docs/adr/0004-deploy-runner-topology.md).
 */
export const sharedServicesSchema = z.strictObject({
  /** The segment whose table the VPC's attachment is associated with; a shared-tier segment. */
  segment: nameSchema.default("shared"),
  /** Inside one of addressPlan.sharedServices; private and transit tiers, and a NAT for GitHub. */
  vpc: vpcSchema,
  deployRunner: deployRunnerSchema.optional(),
  /** Hybrid DNS: Route 53 Resolver endpoints in the VPC's private subnets (@platform/dns). */
  dns: hybridDnsSchema.optional(),
});

export const networkStackSchema = z
  .strictObject({
    account: environmentSchema,
    tags: tagsSchema,
    transitGateway: transitGatewaySchema,
    segments: segmentsSchema,
    hybrid: hybridSchema.optional(),
    sharedServices: sharedServicesSchema.optional(),
    addressPlan: addressPlanSchema,
    /** Ships every log group of the account to the log archive (@platform/log-archive). */
    logging: logSubscriptionSchema.optional(),
  })
  .superRefine((cfg, ctx) => addProblems(ctx, networkProblems(cfg)));

/** The hub's config as validated (validate.ts checks the rules across values). */
export type NetworkStackShape = z.infer<typeof networkStackSchema>;

/** The validated config of the hub; invalid config throws here, before any resource exists. */
export const config = loadStackConfig(networkStackSchema, {
  optionalSecrets: ["dxBgpAuthKey"],
  secretPattern: /^vpnPsk-/,
  secretRule,
});

const missing = missingHybridSecrets(config, config.secrets);
if (missing.length > 0) {
  const source = { project: pulumi.getProject(), stack: pulumi.getStack() };
  throw new ConfigError(
    missing.map((n) => missingSecretProblem(source, n)),
    missing.map((n) => `${source.project}:${n}`),
  );
}
