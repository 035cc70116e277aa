import * as assert from "node:assert/strict";
import { apiAccessProblems, pulumiRoleArns } from "../src";

const lines = (access: Parameters<typeof apiAccessProblems>[0], prod: boolean) =>
  apiAccessProblems(access, prod).map((p) => `${p.path.join(".")}: ${p.message}`);

describe("apiAccessProblems: can the Kubernetes provider reach the endpoint from where it runs", () => {
  it("accepts the runner with a private endpoint, and the internet with an allowlist outside prod", () => {
    assert.deepEqual(lines({ deployFrom: "runner", publicAccessCidrs: [] }, true), []);
    assert.deepEqual(
      lines({ deployFrom: "internet", publicAccessCidrs: ["198.51.100.0/24"] }, false),
      [],
    );
  });

  it("refuses the internet with the public endpoint off", () => {
    assert.deepEqual(lines({ deployFrom: "internet", publicAccessCidrs: [] }, false), [
      "deployFrom: the endpoint is private only (publicAccessCidrs is empty), so pulumi on the internet cannot reach it; allowlist the egress CIDRs of the machines that run pulumi in publicAccessCidrs, or deploy from the runner",
    ]);
  });

  it("refuses the runner when the public endpoint is on (the name resolves to public addresses)", () => {
    assert.match(
      lines({ deployFrom: "runner", publicAccessCidrs: ["198.51.100.0/24"] }, false)[0]!,
      /^publicAccessCidrs: with a public endpoint the cluster's name resolves to its public addresses outside its VPC/,
    );
  });

  it("refuses prod on the internet or with a public endpoint", () => {
    assert.deepEqual(
      lines({ deployFrom: "internet", publicAccessCidrs: ["198.51.100.0/24"] }, true),
      [
        "publicAccessCidrs: a prod cluster keeps a private endpoint only; remove publicAccessCidrs",
        "deployFrom: prod's endpoint is private, so nothing on the internet reaches it; deploy from the runner",
      ],
    );
  });
});

describe("pulumiRoleArns", () => {
  it("names the deploy, preview and drift roles of the account as effectiveRoleArn picks them", () => {
    assert.deepEqual(pulumiRoleArns("arn:aws:iam::200000000002:role/platform-deployer"), {
      deploy: "arn:aws:iam::200000000002:role/platform-deployer",
      preview: "arn:aws:iam::200000000002:role/platform-previewer",
      drift: "arn:aws:iam::200000000002:role/platform-drift",
    });
  });
});
