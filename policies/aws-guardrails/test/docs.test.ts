import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PACK } from "../src/policies";

const policiesDir = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(policiesDir, "README.md"), "utf8");
const config = (pack: string, env: string) =>
  JSON.parse(
    fs.readFileSync(path.join(policiesDir, pack, "config", `${env}.json`), "utf8"),
  ) as Record<string, unknown>;

/** The D/T/P column of a policy's row in policies/README.md. */
function documentedLevels(policy: string): string | undefined {
  return new RegExp(`^\\| \`${policy}\` +\\|.*\\| ([AM-]/[AM-]/[AM-]) +\\|`, "m").exec(readme)?.[1];
}

function configuredLevels(pack: string, policy: string): string {
  return ["dev", "test", "prod"]
    .map((env) => {
      const cfg = config(pack, env);
      const entry = cfg[policy] ?? cfg["all"];
      const level =
        typeof entry === "object"
          ? (entry as { enforcementLevel: string }).enforcementLevel
          : entry;
      return { advisory: "A", mandatory: "M", disabled: "-" }[level as string];
    })
    .join("/");
}

describe("policies/README.md and the pack configs", () => {
  for (const policy of PACK.policies) {
    it(`${policy.name}: documented levels match config/{dev,test,prod}.json`, () => {
      assert.equal(documentedLevels(policy.name), configuredLevels("aws-guardrails", policy.name));
    });
  }

  it("the CIDR registry in every config equals the network stack's address plan", () => {
    const stackFile = path.resolve(policiesDir, "..", "stacks", "network", "Pulumi.network.yaml");
    const plan = (
      parse(fs.readFileSync(stackFile, "utf8")) as {
        config: Record<
          string,
          {
            onPremises: string[];
            sharedServices: string[];
            environments: Record<string, { cidr: string }>;
          }
        >;
      }
    ).config["platform-network:addressPlan"]!;
    const expected = [
      ...plan.onPremises.map((cidr) => cidr),
      ...plan.sharedServices,
      ...Object.values(plan.environments).map((e) => e.cidr),
    ].sort();
    for (const env of ["dev", "test", "prod", "network"]) {
      const registry = (
        config("aws-guardrails", env)["vpc-cidr-no-overlap"] as {
          registry: Array<{ cidr: string }>;
        }
      ).registry;
      assert.deepEqual(
        registry.map((r) => r.cidr).sort(),
        expected,
        `config/${env}.json registry differs from the address plan`,
      );
    }
  });

  it("the network profile is the prod profile, owning the shared-services range instead of prod's", () => {
    for (const pack of ["aws-guardrails", "kubernetes-guardrails"]) {
      const network = config(pack, "network");
      const prod = config(pack, "prod");
      const own = (cfg: Record<string, unknown>) =>
        (cfg["vpc-cidr-no-overlap"] as { ownAllocations?: string[] } | undefined)?.ownAllocations;
      if (pack === "aws-guardrails") {
        assert.deepEqual(own(network), ["shared-services"]);
        assert.deepEqual(own(prod), ["prod"]);
      }
      const withoutOwn = (cfg: Record<string, unknown>) =>
        JSON.parse(JSON.stringify(cfg, (k, v) => (k === "ownAllocations" ? undefined : v)));
      assert.deepEqual(
        withoutOwn(network),
        withoutOwn(prod),
        `${pack}: network.json drifted from prod.json`,
      );
    }
  });
});
