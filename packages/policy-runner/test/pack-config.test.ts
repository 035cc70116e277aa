import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import simpleDelivery from "../../delivery/examples/simple";
import { planExample } from "@platform/testing";
import {
  componentPackConfig,
  STACK_COMPOSITION_POLICIES,
  deliveryBuildProject,
  derivedSettings,
  effectivePackConfig,
  profileProblems,
  stackPackConfig,
} from "../src";

const root = path.resolve(__dirname, "..", "..", "..");
const stack = (name: string) => path.join(root, "stacks", name);

describe("pack config derived from the stack files (pack-config.ts)", () => {
  it("an environment's registry is the hub's address plan, its own allocation its entry", () => {
    const dev = derivedSettings(root, stack("dev"), "dev");
    assert.deepEqual(dev["vpc-cidr-no-overlap"], {
      registry: [
        { name: "on-premises-0", cidr: "172.16.0.0/16" },
        { name: "on-premises-1", cidr: "192.168.0.0/20" },
        { name: "shared-services", cidr: "10.8.0.0/16" },
        { name: "dev", cidr: "10.16.0.0/14" },
        { name: "test", cidr: "10.20.0.0/14" },
        { name: "prod", cidr: "10.24.0.0/14" },
      ],
      ownAllocations: ["dev"],
    });
    assert.deepEqual(dev["tgw-segment-isolation"], {
      segmentTiers: { prod: "prod", nonprod: "nonprod", shared: "shared", hybrid: "shared" },
    });
    // dev ships the example application: its image build is the privileged project.
    assert.deepEqual(dev["codebuild-hardening"], { privilegedAllowlist: ["dev-shop-build"] });
    assert.deepEqual(derivedSettings(root, stack("prod"), "prod")["codebuild-hardening"], {
      privilegedAllowlist: [],
    });
  });

  it("names the privileged project exactly as the delivery component names its image build", async () => {
    const run = await planExample(simpleDelivery);
    const privileged = run.resources
      .filter((r) => r.type === "aws:codebuild/project:Project")
      .filter((r) => (r.inputs["environment"] as { privilegedMode?: boolean }).privilegedMode)
      .map((r) => r.inputs["name"]);
    assert.deepEqual(privileged, [deliveryBuildProject("dev", "shop")]);
  });

  it("the hub owns the shared-services ranges; the bootstrap derives nothing", () => {
    const hub = derivedSettings(root, stack("network"), "network");
    assert.deepEqual((hub["vpc-cidr-no-overlap"] as { ownAllocations: string[] }).ownAllocations, [
      "shared-services",
    ]);
    assert.deepEqual(derivedSettings(root, stack("bootstrap"), "dev"), {});
  });

  it("follows an edit of the hub's address plan: no copy to keep in sync", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pack-config-"));
    for (const d of ["network", "dev"]) {
      fs.mkdirSync(path.join(tmp, "stacks", d), { recursive: true });
      for (const f of fs.readdirSync(stack(d)).filter((f) => f.endsWith(".yaml")))
        fs.copyFileSync(path.join(stack(d), f), path.join(tmp, "stacks", d, f));
    }
    const hubFile = path.join(tmp, "stacks", "network", "Pulumi.network.yaml");
    fs.writeFileSync(
      hubFile,
      fs
        .readFileSync(hubFile, "utf8")
        .replace(
          "      prod: { cidr: 10.24.0.0/14, segment: prod }",
          "      prod: { cidr: 10.28.0.0/14, segment: prod }\n      qa: { cidr: 10.32.0.0/14, segment: nonprod }",
        ),
    );
    const registry = (
      derivedSettings(tmp, path.join(tmp, "stacks", "dev"), "dev")["vpc-cidr-no-overlap"] as {
        registry: Array<{ name: string; cidr: string }>;
      }
    ).registry;
    assert.deepEqual(registry.slice(-2), [
      { name: "prod", cidr: "10.28.0.0/14" },
      { name: "qa", cidr: "10.32.0.0/14" },
    ]);
  });

  it("names a hub stack that is not in the repository", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pack-config-"));
    fs.mkdirSync(path.join(tmp, "stacks", "dev"), { recursive: true });
    fs.writeFileSync(
      path.join(tmp, "stacks", "dev", "Pulumi.yaml"),
      "name: platform-dev\nruntime: nodejs\n",
    );
    fs.writeFileSync(
      path.join(tmp, "stacks", "dev", "Pulumi.dev.yaml"),
      "config:\n  platform-dev:network:\n    hubStack: organization/platform-hub/network\n",
    );
    assert.throws(
      () => derivedSettings(tmp, path.join(tmp, "stacks", "dev"), "dev"),
      /stacks\/dev\/Pulumi\.dev\.yaml: network\.hubStack = "organization\/platform-hub\/network" names no stack file/,
    );
  });

  it("a profile may not set a derived setting by hand", () => {
    assert.deepEqual(
      profileProblems("p.json", {
        "vpc-cidr-no-overlap": { enforcementLevel: "mandatory", registry: [] },
        "codebuild-hardening": "mandatory",
      }),
      [
        "p.json: vpc-cidr-no-overlap.registry is derived from the stack files (@platform/policy-runner pack-config.ts); remove it from the profile",
      ],
    );
    for (const pack of ["aws-guardrails", "kubernetes-guardrails"])
      for (const profile of ["dev", "test", "prod"])
        assert.doesNotThrow(() =>
          stackPackConfig(root, path.join(root, "policies", pack), profile, {}),
        );
  });

  it("merges derived settings into the profile's level, string or object", () => {
    assert.deepEqual(
      effectivePackConfig(
        {
          all: "advisory",
          "vpc-cidr-no-overlap": "mandatory",
          "s3-encryption": { enforcementLevel: "mandatory", requireKms: true },
        },
        {
          "vpc-cidr-no-overlap": { ownAllocations: ["dev"] },
          "tgw-segment-isolation": { segmentTiers: {} },
        },
      ),
      {
        all: "advisory",
        "vpc-cidr-no-overlap": { enforcementLevel: "mandatory", ownAllocations: ["dev"] },
        "s3-encryption": { enforcementLevel: "mandatory", requireKms: true },
      },
    );
  });
});

describe("componentPackConfig", () => {
  it("turns off only the stack-composition policies of a profile", () => {
    const file = path.join(root, "policies", "aws-guardrails", "config", "prod.json");
    const full = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    const component = componentPackConfig(file);
    assert.deepEqual(STACK_COMPOSITION_POLICIES, ["log-group-subscribed"]);
    assert.equal(full["log-group-subscribed"], "mandatory");
    assert.equal(component["log-group-subscribed"], "disabled");
    assert.deepEqual({ ...component, "log-group-subscribed": full["log-group-subscribed"] }, full);
    // A pack without the policy gets its profile unchanged (it would refuse an unknown policy).
    const k8s = path.join(root, "policies", "kubernetes-guardrails", "config", "prod.json");
    assert.deepEqual(componentPackConfig(k8s), JSON.parse(fs.readFileSync(k8s, "utf8")));
  });
});
