/**
 * Site-to-Site VPN only: two on-premises devices, each with a BGP VPN connection to the hub's
 * Transit Gateway, the tunnel options at their strong defaults. The pre-shared keys come from the
 * stack's secret config (`pulumi config set --secret vpnPsk-dc1-edge-1 ...`).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HybridConnectivity, hybridSchema } from "../src";

export default function simple() {
  const provider = new aws.Provider("network", { region: "eu-west-1" });
  const secrets = new pulumi.Config();
  const config = hybridSchema.parse({
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
    },
    alarmEmails: ["network-oncall@example.com"],
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
      attachedSharedVpcs: [],
      hybridSummarises: true,
      transitGatewayId: "tgw-0hub",
      hybridRouteTableId: "tgw-rtb-0hybrid",
      propagateRouteTableIds: { prod: "tgw-rtb-0prod", nonprod: "tgw-rtb-0nonprod" },
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
    },
    { provider },
  );
  return { routerConfig: hybrid.routerConfig, alarmTopicArn: hybrid.topicArn };
}
