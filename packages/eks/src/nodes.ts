import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { scopedRole, serviceTrustPolicy } from "@platform/core";
import type { EksClusterArgs } from "./cluster";

/** The AWS managed policies every node needs: join the cluster, pull images, run the VPC CNI. */
const NODE_POLICIES = [
  "AmazonEKSWorkerNodePolicy",
  "AmazonEC2ContainerRegistryReadOnly",
  "AmazonEKS_CNI_Policy",
];

/**
 * The managed node groups and their role: each group runs in the cluster's private subnets
 * through its own launch template (IMDSv2 required with hop limit 1, so pods cannot reach the
 * node's credentials; an encrypted gp3 root volume). `desiredSize` is set at creation only: the
 * autoscaler owns it afterwards.
 */
export function nodeGroups(
  name: string,
  args: EksClusterArgs,
  clusterName: pulumi.Input<string>,
  parent: pulumi.ComponentResource,
): aws.eks.NodeGroup[] {
  const child = { parent };
  const nodeRole = scopedRole(
    `${name}-nodes`,
    {
      accountId: args.accountId,
      region: args.region,
      assumeRolePolicy: serviceTrustPolicy("ec2.amazonaws.com"),
    },
    child,
  );
  const nodePolicies = NODE_POLICIES.map(
    (p) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-nodes-${p}`,
        { role: nodeRole.name, policyArn: `arn:aws:iam::aws:policy/${p}` },
        child,
      ),
  );
  return args.nodeGroups.map((g) => {
    const template = new aws.ec2.LaunchTemplate(
      `${name}-${g.name}`,
      {
        description: `EKS ${args.name} node group ${g.name}`,
        metadataOptions: {
          httpTokens: "required",
          httpEndpoint: "enabled",
          httpPutResponseHopLimit: 1,
        },
        blockDeviceMappings: [
          {
            deviceName: "/dev/xvda",
            ebs: {
              volumeType: "gp3",
              volumeSize: g.diskSizeGiB ?? 50,
              encrypted: "true",
              deleteOnTermination: "true",
            },
          },
        ],
        tagSpecifications: [{ resourceType: "instance", tags: { Name: `${args.name}-${g.name}` } }],
      },
      child,
    );
    return new aws.eks.NodeGroup(
      `${name}-${g.name}`,
      {
        clusterName,
        nodeGroupName: g.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: args.subnetIds,
        amiType: "AL2023_x86_64_STANDARD",
        capacityType: "ON_DEMAND",
        instanceTypes: [...g.instanceTypes],
        scalingConfig: { minSize: g.minSize, maxSize: g.maxSize, desiredSize: g.desiredSize },
        updateConfig: { maxUnavailable: g.maxUnavailable ?? 1 },
        launchTemplate: {
          id: template.id,
          version: pulumi.interpolate`${template.latestVersion}`,
        },
        labels: g.labels ? { ...g.labels } : undefined,
        taints: g.taints?.map((t) => ({ ...t })),
      },
      { ...child, dependsOn: nodePolicies, ignoreChanges: ["scalingConfig.desiredSize"] },
    );
  });
}
