import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planStack, writePlan } from "../src";
import type { PlanFile } from "../src";
import { preflightEvaluator } from "../src/preflight";
import {
  assumedAccounts,
  clearPlanCache,
  preflightPlans,
  readPlanFile,
  stackOutputsFromPlans,
} from "../src/plans";

const fixtures = path.join(__dirname, "fixtures");

function emptyPlan(project: string, stack: string, extra: Partial<PlanFile> = {}): PlanFile {
  return {
    project,
    stack,
    resources: [],
    outputs: {},
    preflight: [],
    policyViolations: [],
    errors: [],
    ...extra,
  };
}

/** A workspace with a hub plan, and a corrupt plan of a stack nobody references. */
function workspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-plans-"));
  writePlan(root, emptyPlan("fixture-hub", "demo", { outputs: { topicName: "from-the-hub" } }));
  fs.writeFileSync(path.join(root, ".plan", "fixture-other.demo.json"), '{"project": "fixture-');
  return root;
}

describe("each stack reads only the plans it references", () => {
  beforeEach(clearPlanCache);

  it("a corrupt plan of an unrelated stack does not affect a stack that does not reference it", async () => {
    const root = workspace();
    const spoke = await planStack(
      root,
      path.join(fixtures, "spoke"),
      "demo",
      undefined,
      preflightEvaluator(root, { file: {} }),
    );
    assert.deepEqual(spoke.errors, []);
    assert.equal(spoke.outputs["hubTopic"], "from-the-hub");
    const ok = await planStack(root, path.join(fixtures, "ok"), "demo");
    assert.deepEqual(ok.errors, []);
  });

  it("a referenced plan that is corrupt fails the stack that references it, naming the file", async () => {
    const root = workspace();
    fs.writeFileSync(path.join(root, ".plan", "fixture-hub.demo.json"), "{");
    const spoke = await planStack(root, path.join(fixtures, "spoke"), "demo");
    assert.equal(spoke.errors.length, 1);
    assert.match(spoke.errors[0]!, /fixture-hub\.demo\.json: not a plan file/);
  });

  it("a missing reference names the stacks that were planned, without reading their plans", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "plan-plans-"));
    fs.mkdirSync(path.join(root, ".plan"));
    fs.writeFileSync(path.join(root, ".plan", "fixture-other.demo.json"), "{");
    const spoke = await planStack(root, path.join(fixtures, "spoke"), "demo");
    assert.match(
      spoke.errors[0]!,
      /StackReference "organization\/fixture-hub\/demo" has no outputs in this offline run; plan that stack first \(known: organization\/fixture-other\/demo\)/,
    );
  });

  it("records the stacks a program referenced", () => {
    const root = workspace();
    const { stackOutputs, referenced } = stackOutputsFromPlans(root);
    assert.deepEqual(stackOutputs["organization/fixture-hub/demo"], { topicName: "from-the-hub" });
    assert.deepEqual([...referenced], ["organization/fixture-hub/demo"]);
    assert.deepEqual(Object.keys(stackOutputs), [
      "organization/fixture-hub/demo",
      "organization/fixture-other/demo",
    ]);
  });

  it("parses a plan once per process while the file is unchanged, again after it is rewritten", () => {
    const root = workspace();
    const file = path.join(root, ".plan", "fixture-hub.demo.json");
    const first = readPlanFile(file)!;
    assert.equal(readPlanFile(file), first);
    writePlan(root, emptyPlan("fixture-hub", "demo", { outputs: { topicName: "changed" } }));
    assert.deepEqual(readPlanFile(file)!.outputs, { topicName: "changed" });
    assert.equal(readPlanFile(path.join(root, ".plan", "nothing.demo.json")), undefined);
  });

  it("preflight reads the referenced stacks and the bootstrap stacks of the accounts whose roles are assumed", () => {
    const root = workspace();
    const bootstrap = path.join(root, "stacks", "boot");
    fs.mkdirSync(bootstrap, { recursive: true });
    fs.writeFileSync(path.join(bootstrap, "Pulumi.yaml"), "name: fixture-boot\nruntime: nodejs\n");
    fs.writeFileSync(
      path.join(bootstrap, "project.json"),
      JSON.stringify({ tags: ["type:bootstrap"] }),
    );
    for (const [stack, accountId] of [
      ["a", "111111111111"],
      ["b", "222222222222"],
      ["c", "333333333333"],
    ])
      fs.writeFileSync(
        path.join(bootstrap, `Pulumi.${stack}.yaml`),
        `config:\n  fixture-boot:account: { accountId: "${accountId}" }\n`,
      );
    for (const stack of ["a", "b"]) writePlan(root, emptyPlan("fixture-boot", stack));
    // c's plan is corrupt: no stack in another account reads it.
    fs.writeFileSync(path.join(root, ".plan", "fixture-boot.c.json"), "{");
    const provider = (roleArn: string) => ({
      urn: `urn:pulumi:demo::fixture-env::pulumi:providers:aws::${roleArn}`,
      type: "pulumi:providers:aws",
      name: "p",
      inputs: { assumeRoles: JSON.stringify([{ roleArn }]) },
      dependencies: [],
      propertyDependencies: {},
      custom: true,
      protect: false,
      retainOnDelete: false,
    });
    const plan = emptyPlan("fixture-env", "demo", {
      resources: [
        provider("arn:aws:iam::222222222222:role/platform-deployer"),
        provider("arn:aws:iam::111111111111:role/platform-network-spoke"),
      ],
    });
    assert.deepEqual([...assumedAccounts(plan)].sort(), ["111111111111", "222222222222"]);
    assert.deepEqual(
      preflightPlans(root, plan, ["organization/fixture-hub/demo"]).map(
        (p) => `${p.project}/${p.stack}`,
      ),
      ["fixture-boot/a", "fixture-boot/b", "fixture-hub/demo"],
    );
  });
});
