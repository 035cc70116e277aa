import * as assert from "node:assert/strict";
import * as path from "node:path";
import { planStack } from "@platform/testing";
import { answer, check, modelFromPlans } from "../src";
import type { PlanLike } from "../src";

const stacks = path.resolve(__dirname, "..", "..", "..", "stacks");

describe("network verification of the shipped stacks", () => {
  let plans: PlanLike[];
  before(async () => {
    const network = { dir: path.join(stacks, "network"), stack: "network" };
    plans = [await planStack(network)];
    for (const env of ["dev", "test", "prod"])
      plans.push(
        await planStack({ dir: path.join(stacks, env), stack: env, references: [network] }),
      );
  });

  it("holds every invariant in every scenario", () => {
    assert.deepEqual(check(modelFromPlans(plans)).violations, []);
  });

  it("answers single questions like the CLI", () => {
    const report = check(modelFromPlans(plans));
    assert.equal(
      answer(report, "dx-down", "onprem", "prod"),
      "dx-down (Direct Connect down): onprem -> prod: reachable: VPN dc1-edge+dc2-edge (ECMP) > hybrid table > prod",
    );
    assert.equal(
      answer(report, "all-up", "test", "onprem"),
      "all-up (every link up): test -> onprem: reachable: VPC > nonprod table > DX",
    );
    assert.equal(
      answer(report, "all-up", "dev", "prod"),
      "all-up (every link up): dev -> prod: NOT reachable: no TGW route (no route)",
    );
    assert.throws(
      () => answer(report, "all-up", "qa", "prod"),
      /--from qa is not an end; known: onprem, dev, /,
    );
  });
});
