import * as assert from "node:assert/strict";
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
