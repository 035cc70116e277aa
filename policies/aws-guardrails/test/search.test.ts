import * as assert from "node:assert/strict";
import * as path from "node:path";
import { derivedSettings, evaluatePack, stackPackConfig } from "@platform/policy-runner";
import type { CapturedResource } from "@platform/policy-runner";
import { runStackSource } from "@platform/testing";
import { PACK } from "../src/policies";
import { findings, res } from "./helpers";

const DOMAIN = "aws:opensearch/domain:Domain";
const SECURITY_POLICY = "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy";
const ROLE = "arn:aws:iam::700000000007:role/search-admin";
const access = (statement: Record<string, unknown>) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "es:ESHttp*", Resource: "*", ...statement }],
  });
const domain = (over: Record<string, unknown> = {}) =>
  res(DOMAIN, {
    domainName: "logs",
    vpcOptions: { subnetIds: ["subnet-1", "subnet-2"], securityGroupIds: ["sg-1"] },
    encryptAtRest: { enabled: true, kmsKeyId: "arn:aws:kms:eu-west-1:700000000007:key/k" },
    nodeToNodeEncryption: { enabled: true },
    domainEndpointOptions: {
      enforceHttps: true,
      tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10",
    },
    accessPolicies: access({ Principal: { AWS: [ROLE] } }),
    ...over,
  });
const network = (rules: Record<string, unknown>) =>
  res(SECURITY_POLICY, {
    name: "logs",
    type: "network",
    policy: JSON.stringify([
      { Rules: [{ ResourceType: "collection", Resource: ["collection/logs"] }], ...rules },
    ]),
  });

describe("opensearch-never-public", () => {
  const check = (...r: ReturnType<typeof res>[]) => findings("opensearch-never-public", r);

  it("passes a VPC domain, encrypted, HTTPS only, admitting named roles", async () => {
    assert.deepEqual(await check(domain()), []);
  });

  it("reports a domain with a public endpoint", async () => {
    assert.deepEqual(await check(domain({ vpcOptions: undefined })), [
      "the domain has a public endpoint: give it vpcOptions with private subnets",
    ]);
  });

  it("reports a domain not encrypted at rest or node to node, or without HTTPS", async () => {
    assert.deepEqual(
      await check(
        domain({
          encryptAtRest: { enabled: false },
          nodeToNodeEncryption: undefined,
          domainEndpointOptions: { tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" },
        }),
      ),
      [
        "encryption at rest is not enabled",
        "node-to-node encryption is not enabled",
        "HTTPS is not enforced (domainEndpointOptions.enforceHttps)",
        "the TLS policy Policy-Min-TLS-1-0-2019-07 admits TLS 1.0 and 1.1; use Policy-Min-TLS-1-2-PFS-2023-10",
      ],
    );
  });

  it("reports an access policy admitting anyone without a condition, in the domain or a DomainPolicy", async () => {
    const anyone =
      "the access policy admits any principal (*) without a condition; name the roles that may query it";
    for (const principal of ["*", { AWS: "*" }, { AWS: [ROLE, "*"] }])
      assert.deepEqual(await check(domain({ accessPolicies: access({ Principal: principal }) })), [
        anyone,
      ]);
    assert.deepEqual(
      await check(
        res("aws:opensearch/domainPolicy:DomainPolicy", {
          domainName: "logs",
          accessPolicies: access({ Principal: { AWS: "*" } }),
        }),
      ),
      [anyone],
    );
  });

  it("accepts a * principal narrowed by a condition, and a Deny to anyone", async () => {
    assert.deepEqual(
      await check(
        domain({
          accessPolicies: access({
            Principal: { AWS: "*" },
            Condition: { StringEquals: { "aws:PrincipalAccount": "700000000007" } },
          }),
        }),
        domain({ accessPolicies: access({ Effect: "Deny", Principal: "*" }) }),
      ),
      [],
    );
  });

  it("reports a serverless network policy that allows public access, not one through VPC endpoints", async () => {
    assert.deepEqual(await check(network({ AllowFromPublic: false, SourceVPCEs: ["vpce-1"] })), []);
    assert.deepEqual(await check(network({ AllowFromPublic: true })), [
      "the network policy allows public access (AllowFromPublic true); admit the collection through VPC endpoints only",
    ]);
    // An encryption policy is not a network policy.
    assert.deepEqual(
      await check(
        res(SECURITY_POLICY, {
          name: "logs",
          type: "encryption",
          policy: JSON.stringify({ AllowFromPublic: true }),
        }),
      ),
      [],
    );
  });
});

/**
 * The log-archive stack planned with each kind of search (the shipped file keeps none: it has no
 * VPC) passes every mandatory prod policy, and breaking what this policy guards fails it.
 */
describe("opensearch-never-public on the log-archive stack with search", function () {
  this.timeout(120_000);
  const stacks = path.resolve(__dirname, "..", "..", "..", "stacks");
  const root = path.resolve(stacks, "..");
  const c = { dir: path.join(stacks, "log-archive"), stack: "log-archive" };
  const config = stackPackConfig(
    root,
    path.resolve(__dirname, ".."),
    "prod",
    derivedSettings(root, c.dir, "log-archive"),
  );
  const network = {
    vpcId: "vpc-0a1b2c3d4e5f60718",
    subnetIds: ["subnet-0a000000000000001", "subnet-0b000000000000002"],
    allowedCidrs: ["10.70.0.0/16"],
  };
  const mandatory = async (resources: CapturedResource[]) =>
    (await evaluatePack(PACK, resources, config))
      .filter((f) => f.level === "mandatory")
      .map((f) => `${f.policy}: ${f.message}`);
  const plan = async (search: Record<string, unknown>) =>
    (await runStackSource(c, { "platform-log-archive:search": search })).resources;
  const replace = (
    resources: CapturedResource[],
    type: string,
    inputs: Record<string, unknown>,
  ): CapturedResource[] => {
    const index = resources.findIndex((r) => r.type === type);
    assert.ok(index >= 0, `the plan has no ${type}`);
    return resources.map((r, i) =>
      i === index ? { ...r, inputs: { ...r.inputs, ...inputs } } : r,
    );
  };

  it("a domain: compliant as planned; public without vpcOptions", async () => {
    const resources = await plan({
      kind: "domain",
      ...network,
      instanceCount: 2,
      masterUserRoleArn: "arn:aws:iam::700000000007:role/search-admin",
    });
    assert.deepEqual(await mandatory(resources), []);
    assert.deepEqual(await mandatory(replace(resources, DOMAIN, { vpcOptions: undefined })), [
      "opensearch-never-public: the domain has a public endpoint: give it vpcOptions with private subnets",
    ]);
  });

  it("alarms in Slack: the Chatbot role's CloudWatch reads pass every mandatory policy", async () => {
    const resources = (
      await runStackSource(c, {
        "platform-log-archive:alerting": {
          emails: ["security@example.com"],
          slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" },
        },
      })
    ).resources;
    assert.ok(
      resources.some(
        (r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.endsWith("-chatbot"),
      ),
    );
    assert.deepEqual(await mandatory(resources), []);
  });

  it("a serverless collection: compliant as planned; public with AllowFromPublic", async () => {
    const resources = await plan({
      kind: "serverless",
      ...network,
      principals: ["arn:aws:iam::700000000007:role/log-ingest"],
    });
    assert.deepEqual(await mandatory(resources), []);
    const index = resources.findIndex(
      (r) => r.type === SECURITY_POLICY && r.inputs["type"] === "network",
    );
    const open = resources.map((r, i) =>
      i === index
        ? { ...r, inputs: { ...r.inputs, policy: JSON.stringify([{ AllowFromPublic: true }]) } }
        : r,
    );
    assert.deepEqual(await mandatory(open), [
      "opensearch-never-public: the network policy allows public access (AllowFromPublic true); admit the collection through VPC endpoints only",
    ]);
  });
});
