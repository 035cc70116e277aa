import * as assert from "node:assert/strict";
import { accountContext, accountIdentityPlan, ciTrust, identityPoliciesOf } from "../src";
import { identity } from "./fixture";

const roles = (account: string) =>
  accountIdentityPlan(accountContext(identity, account, "eu-west-1"))
    .roles.map((r) => r.name)
    .sort();

describe("accountIdentityPlan", () => {
  it("gives each kind of account its roles", () => {
    assert.deepEqual(roles("600000000006"), ["platform-drift", "platform-previewer"]);
    assert.deepEqual(roles("200000000002"), [
      "platform-deployer",
      "platform-drift",
      "platform-previewer",
    ]);
    assert.deepEqual(roles("100000000001"), [
      "platform-deployer",
      "platform-drift",
      "platform-network-spoke",
      "platform-network-spoke-readonly",
      "platform-previewer",
    ]);
  });

  it("hands a role's policies to a simulator by name, and names the roles an account has", () => {
    const plan = accountIdentityPlan(accountContext(identity, "200000000002", "eu-west-1"));
    assert.deepEqual(Object.keys(identityPoliciesOf(plan, "platform-deployer")), [
      "platform-deployer-services",
      "platform-deployer-iam",
      "platform-deployer-guardrails",
    ]);
    assert.throws(
      () => identityPoliciesOf(plan, "platform-network-spoke"),
      /this account has no role platform-network-spoke; it has platform-deployer, platform-previewer, platform-drift/,
    );
  });

  it("pins the subject to GitHub's immutable prefix when one is configured", () => {
    const ctx = accountContext(
      { ...identity, github: { ...identity.github, subjectPrefix: "repo:org@1/repo@2" } },
      "600000000006",
      "eu-west-1",
    );
    const trust = JSON.stringify(ciTrust(ctx, { kind: "deploy", environment: "dev" }));
    assert.match(trust, /"repo:org@1\/repo@2:environment:dev"/);
  });
});
