/**
 * Hybrid DNS end to end, as the network and prod stacks build it:
 * - in the network account, Route 53 Resolver in the shared-services VPC (config through
 *   `hybridDnsSchema`): fixed inbound addresses for on premises, an outbound endpoint forwarding
 *   two on-premises domains, the rules shared with the prod account through RAM;
 * - in the prod account, the private zone `prod.aws.example.internal` associated with the prod VPC
 *   and, across accounts, with the shared-services VPC, plus the shared rules associated with the
 *   prod VPC;
 * - a protected public zone signed with DNSSEC (its key in us-east-1) with a failover pair.
 */
import * as aws from "@pulumi/aws";
import { encryptedTopic } from "@platform/core";
import { HybridDns, hybridDnsSchema, PrivateZone, PublicRecords } from "../src";

const PROD = "300000000003";

export default function complete() {
  const network = new aws.Provider("network", { region: "eu-west-1" });
  const prod = new aws.Provider("prod", { region: "eu-west-1" });
  const prodUsEast1 = new aws.Provider("prod-us-east-1", { region: "us-east-1" });

  const dns = hybridDnsSchema.parse({
    internalDomain: "aws.example.internal",
    inboundAddresses: ["10.8.0.53", "10.8.32.53"],
    forward: [
      { domain: "corp.example.com", targets: [{ ip: "172.16.0.10" }, { ip: "172.16.1.10" }] },
      { domain: "legacy.example.net", targets: [{ ip: "192.168.0.53", port: 5353 }] },
    ],
    // The queries of the shared-services VPC and of a tooling VPC, to the central logs.
    queryLogging: { retentionInDays: 365, vpcIds: ["vpc-0700100000000001"] },
  });
  const hub = new HybridDns(
    "shared-dns",
    {
      config: dns,
      vpcId: "vpc-0shared0000000001",
      subnetIds: ["subnet-0shared00000000a", "subnet-0shared00000000b"],
      sourceCidrs: ["172.16.0.0/16", "192.168.0.0/20", "10.8.0.0/16", "10.24.0.0/14"],
      shareWith: [PROD],
      allowExternalPrincipals: false,
      namePrefix: "network",
      accountId: "200000000002",
      region: "eu-west-1",
      protect: true,
    },
    { provider: network },
  );

  const zone = new PrivateZone(
    "prod-internal",
    {
      zoneName: `prod.${dns.internalDomain}`,
      vpcId: "vpc-0prod000000000001",
      hub: { vpcId: "vpc-0shared0000000001", region: "eu-west-1", provider: network },
      ruleIds: hub.ruleIds,
      protect: true,
    },
    { provider: prod },
  );

  const { topic } = encryptedTopic(
    "prod-dns-alarms",
    {
      topicName: "prod-dns-alarms",
      publishers: ["cloudwatch"],
      accountId: PROD,
      region: "us-east-1",
    },
    { provider: prodUsEast1 },
  );
  const site = new PublicRecords(
    "prod-public",
    {
      namePrefix: "prod",
      accountId: PROD,
      protect: true,
      global: { provider: prodUsEast1, region: "us-east-1", topicArn: topic.arn },
      config: {
        zoneName: "example.com",
        dnssec: true,
        healthChecks: {
          primary: {
            type: "HTTPS_STR_MATCH",
            fqdn: "eu.example.com",
            resourcePath: "/healthz",
            searchString: "ok",
          },
        },
        records: [
          {
            name: "www.example.com",
            type: "A",
            alias: {
              name: "prod-nlb-0123456789.elb.eu-west-1.amazonaws.com",
              zoneId: "Z2IFOLAFXWLO4F",
            },
            setIdentifier: "eu",
            healthCheck: "primary",
            routing: { policy: "failover", role: "primary" },
          },
          {
            name: "www.example.com",
            type: "A",
            values: ["198.51.100.80"],
            ttl: 60,
            setIdentifier: "standby",
            routing: { policy: "failover", role: "secondary" },
          },
        ],
      },
    },
    { provider: prod },
  );

  return {
    inboundAddresses: hub.inboundAddresses,
    rulesShareArn: hub.shareArn,
    privateZoneId: zone.zoneId,
    publicNameServers: site.nameServers,
    dnssecKeyArn: site.dnssecKeyArn,
  };
}
