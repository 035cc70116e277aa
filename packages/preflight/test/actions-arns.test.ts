import * as assert from "node:assert/strict";
import { isWildcardOnly, simulate } from "@platform/iam-simulator";
import { ACTIONS, arnOf } from "../src/permissions/actions";
import { keyPolicyFor } from "../src/permissions/deploy";
import type { Context } from "../src/context";
import type { PlanResource } from "../src";

/**
 * Every ARN the actions table builds must be one AWS's action data accepts for the action: an
 * ARN of the wrong resource type makes the simulator (and IAM) match no statement at all, so the
 * rule would fail to run on a real plan. One representative resource per type, every action.
 */
const ACCOUNT = "200000000002";
const at = {
  accountId: () => ACCOUNT,
  region: () => "eu-west-1",
} as unknown as Context;
const inputs: Record<string, unknown> = {
  name: "n",
  bucket: "b",
  role: "r",
  clusterName: "c",
  addonName: "vpc-cni",
  nodeGroupName: "ng",
  principalArn: `arn:aws:iam::${ACCOUNT}:role/platform-deployer`,
  connectionId: "dxcon-abc12345",
  url: "https://token.actions.githubusercontent.com",
  transitGatewayId: "tgw-0123456789abcdef0",
  logGroupName: "/g",
  repository: "r",
};
const principal = {
  arn: `arn:aws:iam::${ACCOUNT}:role/platform-deployer`,
  identityPolicies: {
    all: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  },
};

describe("preflight actions table: ARNs AWS's action data accepts", () => {
  for (const [type, actions] of Object.entries(ACTIONS)) {
    it(type, async () => {
      const r = { urn: `urn:x::${type}::r`, type, name: "r", inputs } as unknown as PlanResource;
      for (const [purpose, list] of [
        ["create", actions.create],
        ["existing", [...(actions.update ?? []), ...actions.read]],
      ] as const) {
        const arn = arnOf(at, r, actions, purpose)!;
        for (const action of list) {
          const wildcard = await isWildcardOnly(action);
          const resource = wildcard ? "*" : arn;
          // KMS decides with the key policy: the default one for a key of no planned policy.
          const resourcePolicy = keyPolicyFor(at, r, resource);
          const d = await simulate(principal, { action, resource, resourcePolicy });
          assert.ok(d.allowed, `${type}: ${action} on ${arn}: ${d.reasons.join("; ")}`);
        }
      }
      // What the service does with the caller's permissions on other services' resources.
      const where = { account: ACCOUNT, region: "eu-west-1", name: "n" };
      for (const group of actions.onBehalf ?? [])
        for (const action of group.actions) {
          const arn = group.arn(r, where);
          const resource = (await isWildcardOnly(action)) ? "*" : arn;
          const d = await simulate(principal, { action, resource });
          assert.ok(d.allowed, `${type}: ${action} on ${arn}: ${d.reasons.join("; ")}`);
        }
    });
  }
});
