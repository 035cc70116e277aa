/**
 * What creating the log archive's search resources needs besides their own service's actions:
 * OpenSearch Serverless makes the VPC endpoint's interface endpoint and private hosted zone with
 * the caller's EC2 and Route 53 permissions, and a VPC domain is placed after the caller's reads
 * of the VPC, subnets and security groups. Each ARN is one AWS's action data accepts.
 */
import * as assert from "node:assert/strict";
import { isWildcardOnly, simulate } from "@platform/iam-simulator";
import { needsOf } from "../src/permissions/deploy";
import type { Context } from "../src/context";
import type { PlanResource } from "../src";

const ACCOUNT = "700000000007";
const ctx = {
  accountId: () => ACCOUNT,
  region: () => "eu-west-1",
  resources: [],
} as unknown as Context;
const planned = (type: string, inputs: Record<string, unknown>) =>
  ({ urn: `urn:x::${type}::r`, type, name: "r", inputs }) as unknown as PlanResource;

const endpoint = planned("aws:opensearch/serverlessVpcEndpoint:ServerlessVpcEndpoint", {
  name: "archive-logs",
  vpcId: "vpc-0a1b2c3d4e5f60718",
});
const domain = planned("aws:opensearch/domain:Domain", { domainName: "archive-logs" });
const needed = (r: PlanResource) => {
  const needs = new Map<string, string[]>();
  for (const n of needsOf(ctx, r))
    needs.set(n.action, [...(needs.get(n.action) ?? []), n.resource]);
  return needs;
};

describe("preflight: search deploy actions beyond their own service", () => {
  it("a serverless VPC endpoint needs the EC2 endpoint and Route 53 private zone actions", () => {
    const needs = needed(endpoint);
    for (const action of [
      "aoss:CreateVpcEndpoint",
      "ec2:CreateVpcEndpoint",
      "ec2:DescribeVpcEndpoints",
      "ec2:DescribeVpcs",
      "ec2:DescribeSubnets",
      "ec2:DescribeSecurityGroups",
      "route53:CreateHostedZone",
      "route53:AssociateVPCWithHostedZone",
      "route53:ChangeResourceRecordSets",
      "route53:GetChange",
      "route53:GetHostedZone",
      "route53:ListHostedZonesByName",
      "route53:ListHostedZonesByVPC",
      "route53:ListResourceRecordSets",
    ])
      assert.ok(needs.has(action), `${action} missing`);
    // CreateVpcEndpoint is authorized on the VPC and on the new endpoint.
    assert.deepEqual(needs.get("ec2:CreateVpcEndpoint"), [
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc/vpc-0a1b2c3d4e5f60718`,
      `arn:aws:ec2:eu-west-1:${ACCOUNT}:vpc-endpoint/*`,
    ]);
    assert.deepEqual(needs.get("route53:AssociateVPCWithHostedZone"), [
      "arn:aws:route53:::hostedzone/*",
    ]);
    assert.deepEqual(needs.get("route53:GetChange"), ["arn:aws:route53:::change/*"]);
  });

  it("a VPC domain needs the reads of its VPC, subnets and security groups", () => {
    const needs = needed(domain);
    for (const action of ["ec2:DescribeVpcs", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"])
      assert.ok(needs.has(action), `${action} missing`);
  });

  it("every such need is on an ARN AWS's action data accepts for the action", async () => {
    const principal = {
      arn: `arn:aws:iam::${ACCOUNT}:role/platform-deployer`,
      identityPolicies: {
        all: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
        },
      },
    };
    for (const need of [...needsOf(ctx, endpoint), ...needsOf(ctx, domain)]) {
      const resource = (await isWildcardOnly(need.action)) ? "*" : need.resource;
      const d = await simulate(principal, { action: need.action, resource });
      assert.ok(d.allowed, `${need.action} on ${resource}: ${d.reasons.join("; ")}`);
    }
  });
});
