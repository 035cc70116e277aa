import * as path from "node:path";
import { describeAccountStack, expectConfigRejected, stackConfig } from "@platform/testing";

const c = {
  dir: path.resolve(__dirname, ".."),
  stack: "dev",
  references: [{ dir: path.resolve(__dirname, "..", "..", "network"), stack: "network" }],
};
const file = "Pulumi.dev.yaml";

describeAccountStack(c);

describe(`platform-dev network config (${file})`, () => {
  const vpc = stackConfig(c, "vpc");
  const network = stackConfig(c, "network");

  it("rejects a malformed VPC CIDR", () =>
    expectConfigRejected(
      c,
      { "platform-dev:vpc": { ...vpc, cidr: "10.16.0.1/16" } },
      `${file}: platform-dev:vpc.cidr = "10.16.0.1/16": has host bits set`,
    ));

  it("rejects a VPC outside the environment's range in the hub's address plan", () =>
    expectConfigRejected(
      c,
      { "platform-dev:vpc": { ...vpc, cidr: "10.99.0.0/16" } },
      `${file}: platform-dev:vpc.cidr = "10.99.0.0/16": is outside dev's allocation`,
    ));

  it("rejects more AZs than the region offers", () =>
    expectConfigRejected(
      c,
      { "platform-dev:vpc": { ...vpc, azCount: 4 } },
      `${file}: platform-dev:vpc.azCount = 4: eu-west-1 offers 3 AZs`,
    ));

  it("rejects an unknown segment", () =>
    expectConfigRejected(
      c,
      { "platform-dev:network": { ...network, segment: "dmz" } },
      `${file}: platform-dev:network.segment = "dmz": is not a segment of the hub; known segments: hybrid, nonprod, prod, shared`,
    ));

  it("rejects tiers that do not fit the VPC", () =>
    expectConfigRejected(
      c,
      { "platform-dev:vpc": { ...vpc, tiers: [{ name: "private", prefixLength: 17 }] } },
      `${file}: platform-dev:vpc.tiers = ["private/17"]: tier private (position 1) needs /17 subnets`,
    ));
});
