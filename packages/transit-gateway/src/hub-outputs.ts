/**
 * The typed contract between the network stack and the environment stacks: what the hub exports
 * and how a spoke reads it. Environment stacks read the hub; the hub never reads them.
 */
import * as pulumi from "@pulumi/pulumi";
import { hubOutputsSchema, parseHubOutputs } from "@platform/contracts";
import type { HubOutputs } from "@platform/contracts";

// The contract itself is declared in @platform/contracts (netcheck reads it too).
export { hubOutputsSchema } from "@platform/contracts";
export type { HubOutputs } from "@platform/contracts";

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
  return parseHubOutputs(raw, `the network stack ${stackName}`);
}
