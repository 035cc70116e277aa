import * as assert from "node:assert/strict";
import { resourceNamed, resourcesOfType, runProgram } from "@platform/testing";
import { deployEnvironment } from "../src";
import { config, hub } from "./fixture";

const dnsHub = {
  ...hub,
  dns: {
    internalDomain: "aws.example.internal",
    vpcId: "vpc-0shared",
    inboundAddresses: ["10.8.0.53", "10.8.32.53"],
    ruleIds: { "corp.example.com": "rslvr-rr-0corp" },
    shareArn: "arn:aws:ram:eu-central-1:100000000001:resource-share/dns",
  },
};
const withDns = { ...config, dns: { shareWithHub: true, associateRules: true } };
const run = (h: Record<string, unknown>, c = withDns) =>
  runProgram(() => deployEnvironment(c), {
    project: "platform-qa",
    stack: "qa",
    stackOutputs: { "organization/platform-network/network": h },
  });

describe("deployEnvironment: the private zone (dns)", () => {
  it("creates <env>.<internal domain> with the VPC, associated with the hub's VPC by the network account", async () => {
    const result = await run(dnsHub);
    const account = resourceNamed(result, "pulumi:providers:aws", "qa-account").urn;
    const network = resourceNamed(result, "pulumi:providers:aws", "qa-network").urn;
    const zone = resourceNamed(result, "aws:route53/zone:Zone", "qa-dns-zone");
    assert.equal(zone.inputs["name"], "qa.aws.example.internal");
    assert.equal(zone.provider, account);
    const auth = resourceNamed(
      result,
      "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
      "qa-dns-hub",
    );
    assert.deepEqual([auth.inputs["vpcId"], auth.provider], ["vpc-0shared", account]);
    const association = resourceNamed(
      result,
      "aws:route53/zoneAssociation:ZoneAssociation",
      "qa-dns-hub",
    );
    assert.deepEqual([association.inputs["vpcId"], association.provider], ["vpc-0shared", network]);
    const rule = resourceNamed(
      result,
      "aws:route53/resolverRuleAssociation:ResolverRuleAssociation",
      "qa-dns-forward-corp-example-com",
    );
    assert.equal(rule.inputs["resolverRuleId"], "rslvr-rr-0corp");
    // Organisation sharing (the hub's default): nothing to accept.
    assert.equal(
      resourcesOfType(result, "aws:ram/resourceShareAccepter:ResourceShareAccepter").length,
      0,
    );
    assert.equal(
      (result.outputs["privateZone"] as { name: string }).name,
      "qa.aws.example.internal",
    );
  });

  it("accepts the rules' share first when the hub shares by invitation", async () => {
    const result = await run({
      ...dnsHub,
      ram: { mode: "invitation", shareArn: "arn:aws:ram:x:1:resource-share/tgw" },
    });
    const accepter = resourceNamed(
      result,
      "aws:ram/resourceShareAccepter:ResourceShareAccepter",
      "qa-dns-rules",
    );
    assert.equal(accepter.inputs["shareArn"], dnsHub.dns.shareArn);
  });

  it("keeps the zone to the VPC and skips the rules when told so", async () => {
    const result = await run(dnsHub, {
      ...config,
      dns: { shareWithHub: false, associateRules: false },
    });
    assert.equal(resourcesOfType(result, "aws:route53/zoneAssociation:ZoneAssociation").length, 0);
    assert.equal(
      resourcesOfType(result, "aws:route53/resolverRuleAssociation:ResolverRuleAssociation").length,
      0,
    );
  });

  it("refuses dns when the hub exports none, naming the key and the fix", async () => {
    await assert.rejects(
      run(hub),
      /dns.*the hub exports no dns; add sharedServices\.dns to the network stack, or remove dns/s,
    );
  });
});
