/**
 * The typed contract between the network stack and the environment stacks: what the hub exports
 * and how a spoke reads it. Environment stacks read the hub; the hub never reads them.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { SEGMENT_TIERS } from "./segments";
import { RAM_SHARING_MODES } from "./validate";

export const hubOutputsSchema = z.object({
  accountId: z.string(),
  region: z.string(),
  transitGatewayId: z.string(),
  transitGatewayArn: z.string(),
  amazonSideAsn: z.number(),
  /** Per segment: its route table and the segments an attachment of it propagates into. */
  segments: z.record(
    z.string(),
    z.object({
      tier: z.enum(SEGMENT_TIERS),
      routeTableId: z.string(),
      propagateTo: z.array(z.string()),
      summariseInto: z.array(z.string()).default([]),
    }),
  ),
  /** The organisation's address plan, owned by the network stack. */
  addressPlan: z.object({
    onPremises: z.array(z.string()),
    sharedServices: z.array(z.string()),
    environments: z.record(z.string(), z.object({ cidr: z.string(), segment: z.string() })),
  }),
  /**
   * How the hub shares the Transit Gateway (RAM): with `invitation` the spoke accepts `shareArn`
   * before attaching. Absent for a hub planned before sharing modes: organisation sharing.
   */
  ram: z
    .object({ mode: z.enum(RAM_SHARING_MODES), shareArn: z.string().optional() })
    .refine((r) => r.mode !== "invitation" || r.shareArn !== undefined, {
      error: "invitation sharing needs the share's ARN (shareArn) for the spoke to accept",
    })
    .optional(),
  /**
   * The runner environment stacks deploy from (`eks.apiAccess.deployFrom: runner`): a
   * CodeBuild-hosted GitHub Actions runner in the shared-services VPC. Absent when the hub has none.
   */
  deployRunner: z
    .object({
      /** The CodeBuild project; workflows run on `codebuild-<projectName>-<run id>-<attempt>`. */
      projectName: z.string(),
      /** The segment of the shared-services VPC's attachment. */
      segment: z.string(),
      /** The shared-services VPC's CIDR. */
      vpcCidr: z.string(),
      /** The subnets its builds run in: the source addresses clusters must allow on 443. */
      cidrs: z.array(z.string()),
      /** The ranges the runner's VPC routes to the Transit Gateway. */
      routes: z.array(z.string()),
    })
    .optional(),
});

export type HubOutputs = z.infer<typeof hubOutputsSchema>;

/**
 * Reads the hub's outputs through a StackReference and checks their shape before any resource
 * depends on them; a missing or malformed output fails with the key and the fix.
 */
export async function readHubOutputs(
  stackName: string,
  opts?: pulumi.CustomResourceOptions,
): Promise<HubOutputs> {
  const ref = new pulumi.StackReference(stackName, { name: stackName }, opts);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(hubOutputsSchema.shape)) {
    raw[key] = (await ref.getOutputDetails(key)).value;
  }
  const parsed = hubOutputsSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new Error(
      `the network stack ${stackName} does not export what spokes need (deploy or re-plan it first):\n  ${lines.join("\n  ")}`,
    );
  }
  return parsed.data;
}
