/**
 * Direct Connect as the primary path (a transit VIF on an existing connection) and Site-to-Site
 * VPN from two devices as failover, with tunnel options pinned explicitly, a shared-services VPC
 * whose range is advertised, and the anchors protected as in prod.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HybridConnectivity, hybridSchema } from "../src";

export default function complete() {
  const provider = new aws.Provider("network", { region: "eu-west-1" });
  const secrets = new pulumi.Config();
  const config = hybridSchema.parse({
    directConnect: {
      gatewayAsn: 64600,
      connectionId: "dxcon-ffabc123",
      vlan: 101,
      customerAsn: 65010,
      amazonAddress: "169.254.100.1/30",
      customerAddress: "169.254.100.2/30",
      mtu: 8500,
    },
    vpn: {
      devices: [
        {
          name: "dc1-edge",
          ipAddress: "203.0.113.10",
          bgpAsn: 65010,
          tunnelInsideCidrs: ["169.254.10.0/30", "169.254.10.4/30"],
        },
        {
          name: "dc2-edge",
          ipAddress: "198.51.100.10",
          bgpAsn: 65010,
          tunnelInsideCidrs: ["169.254.11.0/30", "169.254.11.4/30"],
        },
      ],
      // The on-premises devices initiate (startup action add) and only speak GCM.
      tunnel: {
        phase1EncryptionAlgorithms: ["AES256-GCM-16"],
        phase2EncryptionAlgorithms: ["AES256-GCM-16"],
        phase1DhGroupNumbers: [20],
        phase2DhGroupNumbers: [20],
        dpdTimeoutSeconds: 40,
        startupAction: "add",
      },
      tunnelLogRetentionInDays: 731,
    },
    alarmEmails: ["network-oncall@example.com", "noc@example.com"],
    allowedPrefixQuota: 200,
  });
  const hybrid = new HybridConnectivity(
    "hybrid",
    {
      config,
      transitGatewayAsn: 64512,
      addressPlan: {
        onPremises: ["172.16.0.0/16"],
        sharedServices: ["10.8.0.0/16"],
        environments: {
          dev: { cidr: "10.16.0.0/14", segment: "nonprod" },
          prod: { cidr: "10.24.0.0/14", segment: "prod" },
        },
      },
      attachedSharedVpcs: ["10.8.0.0/20"],
      hybridSummarises: true,
      transitGatewayId: "tgw-0hub",
      hybridRouteTableId: "tgw-rtb-0hybrid",
      propagateRouteTableIds: {
        prod: "tgw-rtb-0prod",
        nonprod: "tgw-rtb-0nonprod",
        shared: "tgw-rtb-0shared",
      },
      dxBgpAuthKey: secrets.requireSecret("dxBgpAuthKey"),
      preSharedKeys: Object.fromEntries(
        config.vpn.devices.map((d) => [
          d.name,
          [
            secrets.requireSecret(`vpnPsk-${d.name}-1`),
            secrets.requireSecret(`vpnPsk-${d.name}-2`),
          ] as const,
        ]),
      ),
      namePrefix: "network",
      accountId: "100000000001",
      region: "eu-west-1",
      protect: true,
    },
    { provider },
  );
  return { routerConfig: hybrid.routerConfig, alarmTopicArn: hybrid.topicArn };
}
