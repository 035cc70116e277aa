/**
 * The config tests every environment stack runs (stacks/<env>/test/stack.test.ts calls this), so
 * the generated stacks share one suite instead of carrying copies. Values that differ per stack
 * (account id, NAT strategy, tier and segment) are read from the stack's own config.
 */
import { describeAccountStack, expectConfigRejected, stackConfig } from "@platform/testing";

export interface EnvironmentStackUnderTest {
  /** The stack project folder. */
  readonly dir: string;
  readonly stack: string;
  /** Stacks whose plans this one reads (the network hub). */
  readonly references: ReadonlyArray<{ readonly dir: string; readonly stack: string }>;
}

export function describeEnvironmentStack(c: EnvironmentStackUnderTest): void {
  const project = `platform-${c.stack}`;
  const file = `Pulumi.${c.stack}.yaml`;
  const under = { ...c, references: [...c.references] };

  describeAccountStack(under);

  describe(`${project} network config (${file})`, () => {
    const vpc = stackConfig(under, "vpc");
    const network = stackConfig(under, "network");

    it("rejects a malformed VPC CIDR", () =>
      expectConfigRejected(
        under,
        { [`${project}:vpc`]: { ...vpc, cidr: "10.16.0.1/16" } },
        `${file}: ${project}:vpc.cidr = "10.16.0.1/16": has host bits set`,
      ));

    it("rejects a VPC outside the environment's range in the hub's address plan", () =>
      expectConfigRejected(
        under,
        { [`${project}:vpc`]: { ...vpc, cidr: "10.99.0.0/16" } },
        `${file}: ${project}:vpc.cidr = "10.99.0.0/16": is outside ${c.stack}'s allocation`,
      ));

    it("rejects more AZs than the region offers", () =>
      expectConfigRejected(
        under,
        { [`${project}:vpc`]: { ...vpc, azCount: 4 } },
        `${file}: ${project}:vpc.azCount = 4: eu-west-1 offers 3 AZs`,
      ));

    it("rejects an unknown segment", () =>
      expectConfigRejected(
        under,
        { [`${project}:network`]: { ...network, segment: "dmz" } },
        `${file}: ${project}:network.segment = "dmz": is not a segment of the hub; known segments: hybrid, nonprod, prod, shared`,
      ));

    it("rejects tiers that do not fit the VPC", () =>
      expectConfigRejected(
        under,
        { [`${project}:vpc`]: { ...vpc, tiers: [{ name: "private", prefixLength: 17 }] } },
        `${file}: ${project}:vpc.tiers = ["private/17"]: tier private (position 1) needs /17 subnets`,
      ));
  });

  describe(`${project} rules across values, before any resource (${file})`, () => {
    const account = stackConfig(under, "account");
    const network = stackConfig(under, "network");
    const vpc = stackConfig(under, "vpc") as { tiers: Array<{ name: string }> };
    const eks = stackConfig(under, "eks") as { nodeGroups: Array<Record<string, unknown>> };
    const etcd = stackConfig(under, "etcd");
    const group = eks.nodeGroups[0]!;
    const tier = String(account["tier"]);
    // The segment the hub's address plan gives this environment (the stack file does not restate it).
    const segment = tier === "prod" ? "prod" : "nonprod";
    const otherTier = tier === "prod" ? "nonprod" : "shared";
    const delivery = (apps: unknown[]) => ({
      [`${project}:delivery`]: {
        connectionArn: `arn:aws:codeconnections:eu-west-1:${String(account["accountId"])}:connection/example`,
        notificationEmails: ["team@example.com"],
        apps,
      },
    });

    it("rejects a NAT strategy without a public tier", () =>
      expectConfigRejected(
        under,
        { [`${project}:vpc`]: { ...vpc, tiers: vpc.tiers.filter((t) => t.name !== "public") } },
        `${file}: ${project}:vpc.natStrategy = "${String(stackConfig(under, "vpc")["natStrategy"])}": NAT gateways live in the public tier; add a public tier or use none`,
      ));

    it("rejects a VPC without the transit tier the hub attachment needs", () =>
      expectConfigRejected(
        under,
        { [`${project}:vpc`]: { ...vpc, tiers: vpc.tiers.filter((t) => t.name !== "transit") } },
        `${file}: ${project}:vpc.tiers = ["private","public","data"]: has no transit tier, the subnets of the Transit Gateway attachment; append one (a /28 is enough)`,
      ));

    it("rejects a single AZ, which EKS does not accept", () =>
      expectConfigRejected(
        under,
        { [`${project}:vpc`]: { ...vpc, azCount: 1 } },
        `${file}: ${project}:vpc.azCount = 1: is below 2; EKS needs subnets in at least two Availability Zones`,
      ));

    it("rejects a public endpoint open to the whole internet", () =>
      expectConfigRejected(
        under,
        {
          [`${project}:eks`]: {
            ...eks,
            apiAccess: { deployFrom: "internet", publicAccessCidrs: ["0.0.0.0/0"] },
          },
        },
        `${file}: ${project}:eks.apiAccess.publicAccessCidrs[0] = "0.0.0.0/0": opens the API server endpoint to the whole internet; allowlist the admin networks`,
      ));

    it("rejects a public endpoint on a prod cluster", () =>
      expectConfigRejected(
        under,
        {
          [`${project}:account`]: { ...account, tier: "prod" },
          [`${project}:eks`]: {
            ...eks,
            apiAccess: { deployFrom: "internet", publicAccessCidrs: ["203.0.113.0/24"] },
          },
        },
        `${file}: ${project}:eks.apiAccess.publicAccessCidrs = ["203.0.113.0/24"]: a prod cluster keeps a private endpoint only; remove publicAccessCidrs`,
      ));

    it("rejects a public access entry that is not a CIDR", () =>
      expectConfigRejected(
        under,
        {
          [`${project}:eks`]: {
            ...eks,
            apiAccess: { deployFrom: "internet", publicAccessCidrs: ["203.0.113.7"] },
          },
        },
        `${file}: ${project}:eks.apiAccess.publicAccessCidrs[0] = "203.0.113.7": is not an IPv4 CIDR in a.b.c.d/n form`,
      ));

    it("rejects a node group whose desired size lies outside its range", () =>
      expectConfigRejected(
        under,
        {
          [`${project}:eks`]: {
            ...eks,
            nodeGroups: [{ ...group, minSize: 2, maxSize: 4, desiredSize: 5 }],
          },
        },
        `${file}: ${project}:eks.nodeGroups[0].desiredSize = 5: must lie between minSize (2) and maxSize (4)`,
      ));

    it("rejects two node groups with one name", () =>
      expectConfigRejected(
        under,
        { [`${project}:eks`]: { ...eks, nodeGroups: [group, group] } },
        `${file}: ${project}:eks.nodeGroups[1].name = "${String(group["name"])}": is used by another node group`,
      ));

    it("rejects a taint key Kubernetes rejects", () =>
      expectConfigRejected(
        under,
        {
          [`${project}:eks`]: {
            ...eks,
            nodeGroups: [{ ...group, taints: [{ key: "dedicated!", effect: "NO_SCHEDULE" }] }],
          },
        },
        `${file}: ${project}:eks.nodeGroups[0].taints[0].key = "dedicated!": is not a Kubernetes label key`,
      ));

    it("rejects a log retention CloudWatch Logs does not offer", () =>
      expectConfigRejected(
        under,
        { [`${project}:eks`]: { ...eks, logRetentionInDays: 42 } },
        `${file}: ${project}:eks.logRetentionInDays = 42: is not a retention CloudWatch Logs accepts`,
      ));

    it("rejects an etcd snapshot schedule Kubernetes would reject", () =>
      expectConfigRejected(
        under,
        { [`${project}:etcd`]: { ...etcd, snapshotSchedule: "0 25 * * *" } },
        `${file}: ${project}:etcd.snapshotSchedule = "0 25 * * *": hour field "25" is outside 0-23`,
      ));

    it("rejects two delivered apps in one namespace", () =>
      expectConfigRejected(
        under,
        delivery([
          { name: "shop", namespace: "shop", repository: "example-org/shop", branch: "main" },
          { name: "cart", namespace: "shop", repository: "example-org/cart", branch: "main" },
        ]),
        `${file}: ${project}:delivery.apps[1].namespace = "shop": is already the namespace of shop`,
      ));

    it("rejects an app deployed into the platform's etcd namespace", () =>
      expectConfigRejected(
        under,
        delivery([{ name: "kv", namespace: "etcd", repository: "example-org/kv", branch: "main" }]),
        `${file}: ${project}:delivery.apps[0].namespace = "etcd": is a namespace the platform runs in`,
      ));

    it("rejects an account joining a segment of another tier", () =>
      expectConfigRejected(
        under,
        { [`${project}:account`]: { ...account, tier: otherTier } },
        `${file}: ${project}:account.tier = "${otherTier}": ${account["name"]} joins the ${tier} segment ${segment} (the network stack's address plan); a ${otherTier} account joins a ${otherTier} segment`,
      ));

    it("reports every problem with the hub at once: Region and spoke role account", () =>
      expectConfigRejected(
        under,
        {
          [`${project}:account`]: { ...account, region: "eu-central-1" },
          [`${project}:network`]: {
            ...network,
            hubRoleArn: "arn:aws:iam::999999999999:role/spoke",
          },
        },
        `${file}: ${project}:account.region = "eu-central-1": differs from the hub's Region eu-west-1; a VPC attaches only to a Transit Gateway in its own Region\n  ${file}: ${project}:network.hubRoleArn = "arn:aws:iam::999999999999:role/spoke": is in account 999999999999 but the hub is in account 100000000001`,
      ));
  });
}
