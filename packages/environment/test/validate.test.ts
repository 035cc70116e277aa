import * as assert from "node:assert/strict";
import { configErrors } from "@platform/core";
import {
  environmentProblems,
  environmentStackSchema,
  hubProblems,
  platformNamespaces,
} from "../src";
import { config, hub } from "./fixture";

const etcd = {
  members: 3 as const,
  image: "quay.io/coreos/etcd:v3.5.17",
  backupImage: "500000000005.dkr.ecr.eu-central-1.amazonaws.com/platform/etcd-backup:1.0.0",
  volumeSize: "20Gi",
  resources: { cpu: "500m", memory: "1Gi" },
  retentionDays: 14,
};
const show = (problems: ReturnType<typeof hubProblems>) =>
  configErrors(problems, { project: "platform-qa", stack: "qa" }).problems;

describe("environmentProblems", () => {
  it("accepts the fixture", () => assert.deepEqual(environmentProblems(config), []));

  it("requires the private and transit tiers and two AZs", () =>
    assert.deepEqual(
      show(
        environmentProblems({
          ...config,
          vpc: { ...config.vpc, azCount: 1, tiers: [{ name: "public", prefixLength: 22 }] },
        }),
      ),
      [
        'Pulumi.qa.yaml: platform-qa:vpc.tiers = ["public"]: has no private tier, where the EKS cluster and its nodes run; append one',
        'Pulumi.qa.yaml: platform-qa:vpc.tiers = ["public"]: has no transit tier, the subnets of the Transit Gateway attachment; append one (a /28 is enough)',
        "Pulumi.qa.yaml: platform-qa:vpc.azCount = 1: is below 2; EKS needs subnets in at least two Availability Zones",
      ],
    ));

  it("keeps a prod cluster's endpoint private, and allows an allowlist outside prod", () => {
    const eks = {
      ...config.eks,
      apiAccess: { deployFrom: "internet" as const, publicAccessCidrs: ["203.0.113.0/24"] },
    };
    assert.deepEqual(environmentProblems({ ...config, eks }), []);
    assert.deepEqual(
      show(environmentProblems({ ...config, account: { ...config.account, tier: "prod" }, eks })),
      [
        'Pulumi.qa.yaml: platform-qa:eks.apiAccess.publicAccessCidrs = ["203.0.113.0/24"]: a prod cluster keeps a private endpoint only; remove publicAccessCidrs',
        `Pulumi.qa.yaml: platform-qa:eks.apiAccess.deployFrom = "internet": prod's endpoint is private, so nothing on the internet reaches it; deploy from the runner`,
      ],
    );
  });

  it("rejects an etcd snapshot schedule Kubernetes would reject (the etcd schema composed here)", () => {
    const parsed = environmentStackSchema.safeParse({
      ...config,
      etcd: { ...etcd, snapshotSchedule: "0 3 * *" },
    });
    assert.ok(!parsed.success);
    assert.deepEqual(
      show(
        // (the fixture also carries runtime-only keys the schema does not know; only the schedule matters)
        parsed.error.issues
          .filter((i) => i.path.join(".") === "etcd.snapshotSchedule")
          .map((i) => ({
            path: i.path as Array<string | number>,
            value: "0 3 * *",
            message: i.message,
          })),
      ),
      [
        'Pulumi.qa.yaml: platform-qa:etcd.snapshotSchedule = "0 3 * *": has 4 fields; a schedule has five (minute hour day-of-month month day-of-week), e.g. "0 3 * * *"',
      ],
    );
  });

  it("keeps applications out of the platform's namespaces", () => {
    assert.deepEqual(platformNamespaces({}).sort(), ["cert-manager", "velero"]);
    assert.deepEqual(platformNamespaces({ etcd }).sort(), ["cert-manager", "etcd", "velero"]);
    assert.deepEqual(
      show(
        environmentProblems({
          ...config,
          delivery: {
            connectionArn: "arn:aws:codeconnections:eu-central-1:500000000005:connection/abc",
            notificationEmails: ["team@example.com"],
            apps: [{ name: "shop", namespace: "velero", repository: "o/shop", branch: "main" }],
          },
        }),
      ),
      [
        "Pulumi.qa.yaml: platform-qa:delivery.apps[0].namespace = \"velero\": is a namespace the platform runs in; the app's deploy role would get edit access to it. Use the app's own namespace",
      ],
    );
  });
});

describe("hubProblems", () => {
  it("accepts the fixture's place in the hub", () =>
    assert.deepEqual(hubProblems(config, hub), []));

  it("rejects an account joining a segment of another tier", () =>
    assert.deepEqual(
      show(hubProblems({ ...config, account: { ...config.account, tier: "shared" } }, hub)),
      [
        'Pulumi.qa.yaml: platform-qa:network.segment = "nonprod": is a nonprod segment but account.tier is shared; a shared account joins a shared segment',
      ],
    ));

  it("reports every problem at once: Region, spoke role account, allocation", () =>
    assert.deepEqual(
      show(
        hubProblems(
          {
            ...config,
            account: { ...config.account, region: "eu-west-1" },
            network: { ...config.network, hubRoleArn: "arn:aws:iam::999999999999:role/spoke" },
            vpc: { ...config.vpc, cidr: "10.99.0.0/16" },
          },
          hub,
        ),
      ),
      [
        "Pulumi.qa.yaml: platform-qa:vpc.cidr = \"10.99.0.0/16\": is outside qa's allocation 10.28.0.0/14 in the network stack's address plan; use a block inside it",
        'Pulumi.qa.yaml: platform-qa:account.region = "eu-west-1": differs from the hub\'s Region eu-central-1; a VPC attaches only to a Transit Gateway in its own Region',
        'Pulumi.qa.yaml: platform-qa:network.hubRoleArn = "arn:aws:iam::999999999999:role/spoke": is in account 999999999999 but the hub is in account 100000000001; use the spoke role in the network account',
      ],
    ));
});
