import * as path from "node:path";
import { describeAccountStack, expectConfigRejected, stackConfig } from "@platform/testing";

const c = {
  dir: path.resolve(__dirname, ".."),
  stack: "prod",
  references: [{ dir: path.resolve(__dirname, "..", "..", "network"), stack: "network" }],
};
const file = "Pulumi.prod.yaml";

describeAccountStack(c);

describe(`platform-prod network config (${file})`, () => {
  const vpc = stackConfig(c, "vpc");
  const network = stackConfig(c, "network");

  it("rejects a malformed VPC CIDR", () =>
    expectConfigRejected(
      c,
      { "platform-prod:vpc": { ...vpc, cidr: "10.16.0.1/16" } },
      `${file}: platform-prod:vpc.cidr = "10.16.0.1/16": has host bits set`,
    ));

  it("rejects a VPC outside the environment's range in the hub's address plan", () =>
    expectConfigRejected(
      c,
      { "platform-prod:vpc": { ...vpc, cidr: "10.99.0.0/16" } },
      `${file}: platform-prod:vpc.cidr = "10.99.0.0/16": is outside prod's allocation`,
    ));

  it("rejects more AZs than the region offers", () =>
    expectConfigRejected(
      c,
      { "platform-prod:vpc": { ...vpc, azCount: 4 } },
      `${file}: platform-prod:vpc.azCount = 4: eu-west-1 offers 3 AZs`,
    ));

  it("rejects an unknown segment", () =>
    expectConfigRejected(
      c,
      { "platform-prod:network": { ...network, segment: "dmz" } },
      `${file}: platform-prod:network.segment = "dmz": is not a segment of the hub; known segments: hybrid, nonprod, prod, shared`,
    ));

  it("rejects tiers that do not fit the VPC", () =>
    expectConfigRejected(
      c,
      { "platform-prod:vpc": { ...vpc, tiers: [{ name: "private", prefixLength: 17 }] } },
      `${file}: platform-prod:vpc.tiers = ["private/17"]: tier private (position 1) needs /17 subnets`,
    ));
});
