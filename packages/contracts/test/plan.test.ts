import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parsePlanFile, planFileSchema, readPlanDir, SECRET_PLACEHOLDER } from "../src";

const resource = {
  urn: "urn:pulumi:dev::platform-dev::aws:ec2/vpc:Vpc::dev",
  type: "aws:ec2/vpc:Vpc",
  name: "dev",
  custom: true,
  inputs: { cidrBlock: "10.16.0.0/16", password: SECRET_PLACEHOLDER },
  dependencies: [],
  propertyDependencies: {},
  protect: false,
  retainOnDelete: false,
};
const plan = {
  project: "platform-dev",
  stack: "dev",
  resources: [resource],
  outputs: { vpcId: "vpc-1" },
  preflight: [],
  policyViolations: [],
  errors: [],
};

describe("plan contract", () => {
  it("reads a plan file the plan tool writes", () => {
    assert.deepEqual(parsePlanFile(JSON.stringify(plan), "dev.json"), plan);
  });

  it("reads a base branch's older plan: fields added since get their defaults", () => {
    const { preflight: _p, ...old } = plan;
    const { protect: _r, retainOnDelete: _d, custom: _c, ...oldResource } = resource;
    const read = parsePlanFile(JSON.stringify({ ...old, resources: [oldResource] }), "old.json");
    assert.deepEqual(read.preflight, []);
    assert.deepEqual(
      [read.resources[0]!.custom, read.resources[0]!.protect, read.resources[0]!.retainOnDelete],
      [true, false, false],
    );
  });

  it("names the file and the fields that break the contract", () => {
    const bad = {
      ...plan,
      resources: [{ ...resource, urn: "vpc-1" }],
      preflight: [{ rule: "x", severity: "fatal", urn: "u", message: "m", source: "s" }],
    };
    assert.throws(
      () => parsePlanFile(JSON.stringify(bad), ".plan/platform-dev.dev.json"),
      (err: Error) =>
        /^\.plan\/platform-dev\.dev\.json: breaks the plan contract/.test(err.message) &&
        /resources\.0\.urn/.test(err.message) &&
        /preflight\.0\.severity/.test(err.message),
    );
  });

  it("names the file when it is cut short (a plan read while another process writes it)", () => {
    assert.throws(
      () => parsePlanFile(JSON.stringify(plan).slice(0, 40), "dev.json"),
      (err: Error) => /^dev\.json: not a plan file: /.test(err.message),
    );
  });

  it("refuses a plan that names no project", () => {
    assert.equal(planFileSchema.safeParse({ ...plan, project: "" }).success, false);
  });

  it("reads the plans of a directory, not the report or a plan being written", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plans-"));
    fs.writeFileSync(path.join(dir, "platform-dev.dev.json"), JSON.stringify(plan));
    fs.writeFileSync(path.join(dir, "netcheck.json"), "{}");
    fs.writeFileSync(path.join(dir, ".platform-dev.dev.json.42.tmp"), "{");
    assert.deepEqual(
      readPlanDir(dir).map((p) => `${p.project}/${p.stack}`),
      ["platform-dev/dev"],
    );
    assert.deepEqual(readPlanDir(path.join(dir, "missing")), []);
  });
});
