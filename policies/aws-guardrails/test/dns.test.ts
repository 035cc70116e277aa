import * as assert from "node:assert/strict";
import { findings, res } from "./helpers";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const ENDPOINT = "aws:route53/resolverEndpoint:ResolverEndpoint";
const LB = "aws:lb/loadBalancer:LoadBalancer";

describe("DNS and NLB policies", () => {
  it("resolver-endpoint-not-open: the address plan passes, 0.0.0.0/0 (rule or inline) fails", async () => {
    const sg = res(SG, {}, { name: "inbound" });
    const endpoint = res(
      ENDPOINT,
      { direction: "INBOUND" },
      { name: "shared-dns-inbound", deps: { securityGroupIds: [sg] } },
    );
    const rule = (cidrIpv4: string) =>
      res(RULE, { cidrIpv4, fromPort: 53, toPort: 53 }, { deps: { securityGroupId: [sg] } });
    assert.deepEqual(
      await findings("resolver-endpoint-not-open", [sg, endpoint, rule("172.16.0.0/16")]),
      [],
    );
    assert.deepEqual(
      await findings("resolver-endpoint-not-open", [sg, endpoint, rule("0.0.0.0/0")]),
      [
        "Resolver endpoint shared-dns-inbound's security group inbound admits 0.0.0.0/0; allow only the address plan's ranges",
      ],
    );
    const inline = res(
      SG,
      { ingress: [{ protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["0.0.0.0/0"] }] },
      { name: "open" },
    );
    assert.equal(
      (
        await findings("resolver-endpoint-not-open", [
          inline,
          res(ENDPOINT, {}, { deps: { securityGroupIds: [inline] } }),
        ])
      ).length,
      1,
    );
  });

  it("nlb-security-groups-and-logs: an NLB with both passes, without either fails; ALBs are not judged", async () => {
    const good = {
      loadBalancerType: "network",
      securityGroups: ["sg-1"],
      accessLogs: { enabled: true, bucket: "logs" },
    };
    assert.deepEqual(await findings("nlb-security-groups-and-logs", [res(LB, good)]), []);
    assert.deepEqual(
      await findings("nlb-security-groups-and-logs", [
        res(LB, { ...good, securityGroups: [], accessLogs: undefined }),
      ]),
      [
        "network load balancer has no security groups; they can only be set at creation",
        "network load balancer has no access logs; enable them to a log bucket",
      ],
    );
    assert.deepEqual(
      await findings("nlb-security-groups-and-logs", [
        res(LB, { loadBalancerType: "application" }),
      ]),
      [],
    );
  });

  it("public-zone-dnssec: with requireSigning a signed zone passes, an unsigned public one fails, private zones are not judged", async () => {
    const zone = res(
      "aws:route53/zone:Zone",
      { name: "example.com" },
      { name: "prod-public-zone" },
    );
    const ksk = res(
      "aws:route53/keySigningKey:KeySigningKey",
      { status: "ACTIVE" },
      { deps: { hostedZoneId: [zone] } },
    );
    const signing = res(
      "aws:route53/hostedZoneDnsSec:HostedZoneDnsSec",
      { signingStatus: "SIGNING" },
      { deps: { hostedZoneId: [ksk] } },
    );
    const on = { requireSigning: true };
    assert.deepEqual(await findings("public-zone-dnssec", [zone, ksk, signing], on), []);
    assert.deepEqual(await findings("public-zone-dnssec", [zone], on), [
      "public zone prod-public-zone is not signed with DNSSEC; set dnssec: true",
    ]);
    assert.deepEqual(await findings("public-zone-dnssec", [zone]), []);
    const privateZone = res("aws:route53/zone:Zone", {
      name: "dev.aws.example.internal",
      vpcs: [{ vpcId: "vpc-1" }],
    });
    assert.deepEqual(await findings("public-zone-dnssec", [privateZone], on), []);
  });
});
