import * as assert from "node:assert/strict";
import * as path from "node:path";
import { runStackSource } from "@platform/testing";
import { answer, check, modelFromPlans } from "../src";
import type { PlanLike } from "../src";

const stacks = path.resolve(__dirname, "..", "..", "..", "stacks");

describe("network verification of the shipped stacks", () => {
  let plans: PlanLike[];
  before(async function () {
    // Four stacks planned in turn: minutes, not seconds, on a loaded machine.
    this.timeout(240_000);
    const network = { dir: path.join(stacks, "network"), stack: "network" };
    plans = [await runStackSource(network)];
    for (const env of ["dev", "test", "prod"])
      plans.push(
        await runStackSource({ dir: path.join(stacks, env), stack: env, references: [network] }),
      );
  });

  it("holds every invariant in every scenario", () => {
    assert.deepEqual(check(modelFromPlans(plans)).violations, []);
  });

  it("verifies the hub's hybrid DNS: on premises reaches the inbound endpoint and the outbound endpoint on premises, in every scenario", () => {
    const model = modelFromPlans(plans);
    assert.deepEqual(
      [model.dns?.inboundAddresses, model.dns?.forwardTargets],
      [
        ["10.8.0.53", "10.8.32.53"],
        ["172.16.0.10", "172.16.1.10"],
      ],
    );
    for (const s of check(model).scenarios)
      assert.ok(s.dns?.inbound.reachable && s.dns.outbound.reachable, s.scenario);
  });

  it("checks the allowed prefixes against the quota the hub declares, not a constant", () => {
    const hub = plans.find((p) => p.project === "platform-network")!;
    const outputs = hub.outputs as { directConnect?: { allowedPrefixQuota: number } };
    assert.equal(
      modelFromPlans(plans).allowedPrefixQuota,
      outputs.directConnect!.allowedPrefixQuota,
    );
    const tight = { ...hub, outputs: { ...outputs, directConnect: { allowedPrefixQuota: 3 } } };
    const report = check(modelFromPlans(plans.map((p) => (p === hub ? tight : p))));
    assert.deepEqual(
      report.violations.map((v) => v.message),
      ["4 allowed prefixes exceed the quota of 3"],
    );
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
      /--from qa is not an end; known: onprem, runner, shared-services, dev, /,
    );
  });

  it("routes the deploy runner to every environment's private Kubernetes API and back, in every scenario", () => {
    const report = check(modelFromPlans(plans));
    for (const scenario of report.scenarios.map((s) => s.scenario)) {
      for (const env of ["dev", "test", "prod"]) {
        assert.match(
          answer(report, scenario, "runner", env),
          /: reachable: shared-services VPC > shared table > /,
        );
        assert.match(
          answer(report, scenario, env, "runner"),
          /: reachable: .* table > shared-services$/,
        );
      }
    }
    assert.equal(
      answer(report, "all-up", "runner", "prod"),
      "all-up (every link up): runner -> prod: reachable: shared-services VPC > shared table > prod",
    );
  });

  it("routes the shared-services range it advertises: on-premises reaches the shared-services VPC both ways", () => {
    const report = check(modelFromPlans(plans));
    assert.equal(
      answer(report, "all-up", "onprem", "shared-services"),
      "all-up (every link up): onprem -> shared-services: reachable: DX > hybrid table > shared-services",
    );
    assert.equal(
      answer(report, "dx-down", "shared-services", "onprem"),
      "dx-down (Direct Connect down): shared-services -> onprem: reachable: VPC > shared table > VPN dc1-edge | VPN dc2-edge",
    );
  });
});
