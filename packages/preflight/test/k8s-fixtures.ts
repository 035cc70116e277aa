/** An EKS cluster with node groups in zones and a Kubernetes provider bound to it, for the k8s rules. */
import type { PlanResource } from "../src";
import { res } from "./fixtures";

export const ROLE = "arn:aws:iam::200000000002:role/platform-deployer";

export function kubeconfig(role?: string): string {
  const args = [
    "eks",
    "get-token",
    "--cluster-name",
    "dev",
    "--region",
    "eu-west-1",
    ...(role ? ["--role-arn", role] : []),
  ];
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "dev", cluster: { server: "https://x.eks.amazonaws.com" } }],
    users: [
      {
        name: "dev",
        user: {
          exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "aws", args },
        },
      },
    ],
  });
}

export interface ClusterOptions {
  readonly zones?: string[];
  readonly desired?: number;
  readonly max?: number;
  readonly instanceType?: string;
  readonly role?: string;
  readonly policy?: string;
  readonly namespaces?: string[];
  readonly endpointPublicAccess?: boolean;
}

export function eksCluster(o: ClusterOptions = {}) {
  const vpc = res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.16.0.0/16" });
  const subnets = (o.zones ?? ["eu-west-1a", "eu-west-1b"]).map((z, i) =>
    res(
      "aws:ec2/subnet:Subnet",
      `private-${i}`,
      { availabilityZone: z, cidrBlock: `10.16.${i}.0/24` },
      { refs: { vpcId: [vpc] } },
    ),
  );
  const cluster = res(
    "aws:eks/cluster:Cluster",
    "dev-cluster",
    {
      name: "dev",
      version: "1.33",
      accessConfig: { authenticationMode: "API" },
      vpcConfig: {
        endpointPrivateAccess: true,
        endpointPublicAccess: o.endpointPublicAccess ?? false,
      },
    },
    { refs: { vpcConfig: subnets } },
  );
  const nodeGroup = res(
    "aws:eks/nodeGroup:NodeGroup",
    "dev-general",
    {
      nodeGroupName: "general",
      instanceTypes: [o.instanceType ?? "m6i.large"],
      scalingConfig: {
        minSize: o.desired ?? 3,
        desiredSize: o.desired ?? 3,
        maxSize: o.max ?? o.desired ?? 3,
      },
    },
    { refs: { clusterName: [cluster], subnetIds: subnets } },
  );
  const role = o.role ?? ROLE;
  const entry = res(
    "aws:eks/accessEntry:AccessEntry",
    "deployer",
    { principalArn: role, clusterName: "dev" },
    { refs: { clusterName: [cluster] } },
  );
  const association = res(
    "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    "deployer",
    {
      principalArn: role,
      clusterName: "dev",
      policyArn: `arn:aws:eks::aws:cluster-access-policy/${o.policy ?? "AmazonEKSClusterAdminPolicy"}`,
      accessScope: o.namespaces
        ? { type: "namespace", namespaces: o.namespaces }
        : { type: "cluster" },
    },
    { refs: { clusterName: [cluster] } },
  );
  const provider = res(
    "pulumi:providers:kubernetes",
    "dev-k8s",
    { kubeconfig: kubeconfig(ROLE) },
    { refs: { kubeconfig: [cluster] } },
  );
  return {
    vpc,
    subnets,
    cluster,
    nodeGroup,
    entry,
    association,
    provider,
    all: [vpc, ...subnets, cluster, nodeGroup, entry, association, provider],
  };
}

/** A Kubernetes object on the provider: `kubernetes:<group>/<version>:<Kind>`. */
export function k8s(
  provider: PlanResource,
  type: string,
  name: string,
  body: Record<string, unknown>,
  dependsOn: PlanResource[] = [],
): PlanResource {
  const r = res(`kubernetes:${type}`, name, body, { dependsOn });
  return { ...r, provider: provider.urn };
}

export function namespace(provider: PlanResource, name: string): PlanResource {
  return k8s(provider, "core/v1:Namespace", `${name}-ns`, {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name },
  });
}
