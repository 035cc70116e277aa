import type { HubOutputs, Segments } from "../src";

/** The segment map the example network stack uses. */
export const STANDARD: Segments = {
  prod: { tier: "prod", reaches: ["shared", "hybrid"] },
  nonprod: { tier: "nonprod", reaches: ["shared", "hybrid"] },
  shared: { tier: "shared", reaches: ["prod", "nonprod", "hybrid"] },
  hybrid: {
    tier: "shared",
    reaches: ["prod", "nonprod", "shared"],
    isolated: true,
    summarise: true,
  },
};

/** Hub outputs as a spoke reads them. */
export const HUB: HubOutputs = {
  accountId: "100000000001",
  region: "eu-west-1",
  transitGatewayId: "tgw-0hub",
  transitGatewayArn: "arn:aws:ec2:eu-west-1:100000000001:transit-gateway/tgw-0hub",
  amazonSideAsn: 64512,
  segments: {
    prod: {
      tier: "prod",
      routeTableId: "tgw-rtb-prod",
      propagateTo: ["prod", "shared"],
      summariseInto: ["hybrid"],
    },
    nonprod: {
      tier: "nonprod",
      routeTableId: "tgw-rtb-nonprod",
      propagateTo: ["nonprod", "shared"],
      summariseInto: ["hybrid"],
    },
    shared: {
      tier: "shared",
      routeTableId: "tgw-rtb-shared",
      propagateTo: ["nonprod", "prod", "shared"],
      summariseInto: ["hybrid"],
    },
    hybrid: {
      tier: "shared",
      routeTableId: "tgw-rtb-hybrid",
      propagateTo: ["nonprod", "prod", "shared"],
      summariseInto: [],
    },
  },
  addressPlan: {
    onPremises: ["172.16.0.0/12"],
    sharedServices: ["10.8.0.0/16"],
    environments: {
      dev: { cidr: "10.16.0.0/14", segment: "nonprod" },
      prod: { cidr: "10.24.0.0/14", segment: "prod" },
    },
  },
};
