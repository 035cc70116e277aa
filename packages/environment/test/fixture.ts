/** A valid environment (qa in eu-central-1) and the hub it joins, shared by the tests. */
import type { HubOutputs } from "@platform/transit-gateway";
import type { EnvironmentConfig } from "../src";

export const config: EnvironmentConfig = {
  account: {
    name: "qa",
    accountId: "500000000005",
    region: "eu-central-1",
    roleArn: "arn:aws:iam::500000000005:role/platform-deployer",
    tier: "nonprod",
  },
  tags: { owner: "qa-team", costCentre: "CC-5", extra: { Project: "lz" } },
  network: {
    hubStack: "organization/platform-network/network",
    hubRoleArn: "arn:aws:iam::100000000001:role/platform-network-spoke",
    segment: "nonprod",
  },
  vpc: {
    cidr: "10.28.0.0/16",
    azCount: 2,
    azSlots: 4,
    natStrategy: "single",
    tiers: [
      { name: "private", prefixLength: 19 },
      { name: "public", prefixLength: 22 },
      { name: "transit", prefixLength: 28 },
    ],
    flowLogs: { destination: "cloudwatch", retentionInDays: 90 },
    interfaceEndpoints: false,
  },
  eks: {
    version: "1.35",
    upgradePolicy: "STANDARD",
    adminRoleArn: "arn:aws:iam::500000000005:role/platform-admin",
    apiAccess: { deployFrom: "runner", publicAccessCidrs: [] },
    nodeGroups: [
      { name: "general", instanceTypes: ["m6i.large"], minSize: 3, maxSize: 6, desiredSize: 3 },
    ],
    addons: {
      "vpc-cni": "v1.20.1-eksbuild.3",
      coredns: "v1.13.2-eksbuild.4",
      "kube-proxy": "v1.35.3-eksbuild.13",
      "eks-pod-identity-agent": "v1.3.4-eksbuild.1",
      "aws-ebs-csi-driver": "v1.38.1-eksbuild.2",
      "cert-manager": "v1.19.1-eksbuild.1",
    },
    logRetentionInDays: 90,
    backup: {
      dailyRetentionDays: 14,
      criticalNamespaces: [],
      veleroChartVersion: "8.1.0",
      veleroAwsPluginImage: "velero/velero-plugin-for-aws:v1.11.0",
    },
  },
  secrets: {},
};

/** etcd as the generated nonprod stacks configure it. */
export const etcd = {
  members: 3,
  image: "quay.io/coreos/etcd:v3.5.17",
  volumeSize: "20Gi",
  resources: { cpu: "500m", memory: "1Gi" },
  retentionDays: 7,
} as const;

export const hub: HubOutputs = {
  accountId: "100000000001",
  region: "eu-central-1",
  transitGatewayId: "tgw-0hub",
  transitGatewayArn: "arn:aws:ec2:eu-central-1:100000000001:transit-gateway/tgw-0hub",
  amazonSideAsn: 64512,
  segments: {
    nonprod: {
      tier: "nonprod",
      routeTableId: "tgw-rtb-nonprod",
      propagateTo: ["nonprod", "shared"],
      summariseInto: [],
    },
    shared: {
      tier: "shared",
      routeTableId: "tgw-rtb-shared",
      propagateTo: ["nonprod", "shared"],
      summariseInto: [],
    },
  },
  addressPlan: {
    onPremises: ["172.16.0.0/16"],
    sharedServices: ["10.8.0.0/16"],
    environments: { qa: { cidr: "10.28.0.0/14", segment: "nonprod" } },
  },
  deployRunner: {
    projectName: "platform-deploy-runner",
    segment: "shared",
    vpcCidr: "10.8.0.0/16",
    cidrs: ["10.8.0.0/20", "10.8.32.0/20"],
    routes: ["172.16.0.0/16", "10.28.0.0/14"],
  },
};
