import * as assert from "node:assert/strict";
import { dnsEdge } from "../src/aws/dns-edge";
import type { PlanResource } from "../src";
import { check, messages, res } from "./fixtures";

const usEast1: PlanResource = {
  urn: "urn:pulumi:dev::p::pulumi:providers:aws::us-east-1",
  type: "pulumi:providers:aws",
  name: "us-east-1",
  inputs: { region: "us-east-1", allowedAccountIds: '["200000000002"]' },
  dependencies: [],
  custom: true,
};

describe("aws-dns-edge", () => {
  it("refuses an NLB without security groups, accepts one with them and any ALB", async () => {
    const sg = res("aws:ec2/securityGroup:SecurityGroup", "sg", {});
    const findings = await check(dnsEdge, [
      res("aws:lb/loadBalancer:LoadBalancer", "bare", { loadBalancerType: "network" }),
      res(
        "aws:lb/loadBalancer:LoadBalancer",
        "guarded",
        { loadBalancerType: "network" },
        { refs: { securityGroups: [sg] } },
      ),
      res("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application" }),
      sg,
    ]);
    assert.deepEqual(messages(findings), [
      "error: the Network Load Balancer has no security groups: one created without them can never get them (only replacing it does); set securityGroups now",
    ]);
    assert.match(findings[0]!.urn, /::bare$/);
  });

  it("refuses a DNSSEC key outside us-east-1 or of the wrong kind, accepts the right one", async () => {
    const key = (name: string, inputs: Record<string, unknown>, provider?: string) =>
      res("aws:kms/key:Key", name, inputs, { provider });
    const good = key(
      "good",
      { customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" },
      usEast1.urn,
    );
    const regional = key("regional", {
      customerMasterKeySpec: "ECC_NIST_P256",
      keyUsage: "SIGN_VERIFY",
    });
    const symmetric = key("symmetric", {}, usEast1.urn);
    const ksk = (name: string, k: PlanResource) =>
      res(
        "aws:route53/keySigningKey:KeySigningKey",
        name,
        {},
        { refs: { keyManagementServiceArn: [k] } },
      );
    const findings = await check(dnsEdge, [
      usEast1,
      good,
      regional,
      symmetric,
      ksk("a", good),
      ksk("b", regional),
      ksk("c", symmetric),
    ]);
    assert.deepEqual(messages(findings), [
      "error: the key-signing key's KMS key regional is in eu-west-1, not us-east-1: Route 53 signs DNSSEC only with an asymmetric ECC_NIST_P256 key in us-east-1",
      "error: the key-signing key's KMS key symmetric has key spec SYMMETRIC_DEFAULT, not ECC_NIST_P256, has key usage ENCRYPT_DECRYPT, not SIGN_VERIFY: Route 53 signs DNSSEC only with an asymmetric ECC_NIST_P256 key in us-east-1",
    ]);
  });

  it("counts CloudWatch Logs resource policies per account and Region: ten pass, the eleventh is refused", async () => {
    const policy = (name: string, provider?: string) =>
      res(
        "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
        name,
        { policyName: name },
        { provider },
      );
    const ten = Array.from({ length: 10 }, (_, i) => policy(`p${i}`));
    assert.deepEqual(messages(await check(dnsEdge, ten)), []);
    // Six in eu-west-1 and six in us-east-1: each Region is under its quota.
    const split = [
      usEast1,
      ...ten.slice(0, 6),
      ...Array.from({ length: 6 }, (_, i) => policy(`u${i}`, usEast1.urn)),
    ];
    assert.deepEqual(messages(await check(dnsEdge, split)), []);
    const findings = await check(dnsEdge, [...ten, policy("p10")]);
    assert.deepEqual(messages(findings), [
      "error: 11 CloudWatch Logs resource policies in account 200000000002, eu-west-1 (p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10): an account has at most 10 per Region, a quota that cannot be raised; merge their statements into fewer policies",
    ]);
    assert.match(findings[0]!.urn, /::p10$/);
  });

  it("refuses Shield Advanced on an NLB's ARN, accepts it on an Elastic IP and an ALB", async () => {
    const nlb = res("aws:lb/loadBalancer:LoadBalancer", "nlb", {
      loadBalancerType: "network",
      securityGroups: ["sg-1"],
    });
    const alb = res("aws:lb/loadBalancer:LoadBalancer", "alb", { loadBalancerType: "application" });
    const eip = res("aws:ec2/eip:Eip", "eip", { domain: "vpc" });
    const protect = (name: string, target: PlanResource) =>
      res("aws:shield/protection:Protection", name, {}, { refs: { resourceArn: [target] } });
    const findings = await check(dnsEdge, [
      nlb,
      alb,
      eip,
      protect("on-nlb", nlb),
      protect("on-alb", alb),
      protect("on-eip", eip),
      res("aws:shield/protection:Protection", "literal", {
        resourceArn:
          "arn:aws:elasticloadbalancing:eu-west-1:200000000002:loadbalancer/net/svc/0123456789abcdef",
      }),
    ]);
    assert.deepEqual(
      findings.map((f) => f.urn.replace(/.*::/, "")),
      ["on-nlb", "literal"],
    );
    assert.match(findings[0]!.message, /^Shield Advanced takes no Network Load Balancer ARN/);
  });
});
