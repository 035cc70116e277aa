import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { EksClusterArgs } from "./cluster";
import { podIdentityRole } from "./identity";
import { ADDONS } from "./schema";
import type { AddonName } from "./schema";

/**
 * Add-ons whose pods run on the nodes: created after the node groups, since an add-on is only
 * ACTIVE once its workloads are healthy. vpc-cni, kube-proxy and the Pod Identity agent come
 * first: nodes need them to become Ready.
 */
export const ADDONS_ON_NODES: readonly AddonName[] = [
  "coredns",
  "aws-ebs-csi-driver",
  "cert-manager",
];

/**
 * Configuration values per add-on, in the JSON its schema accepts (`aws eks
 * describe-addon-configuration`). vpc-cni: `enableNetworkPolicy` starts the network policy agent;
 * without it the API server stores NetworkPolicy objects and nothing enforces them ("Restrict Pod
 * network traffic with Kubernetes network policies", Amazon EKS User Guide; needs vpc-cni
 * v1.14.0-eksbuild.3 or later, checked by {@link addonProblems}).
 */
export const ADDON_CONFIGURATION: Partial<Record<AddonName, Record<string, unknown>>> = {
  "vpc-cni": { enableNetworkPolicy: "true" },
};

/**
 * The add-ons, pinned; the EBS CSI driver gets its AWS access through Pod Identity. Those in
 * `ADDONS_ON_NODES` wait for `nodeGroups`.
 */
export function clusterAddons(
  name: string,
  args: EksClusterArgs,
  clusterName: pulumi.Input<string>,
  nodeGroups: readonly pulumi.Resource[],
  parent: pulumi.ComponentResource,
): Record<AddonName, aws.eks.Addon> {
  const child = { parent };
  const ebsRole = podIdentityRole(`${name}-ebs-csi`, args, child);
  new aws.iam.RolePolicyAttachment(
    `${name}-ebs-csi`,
    {
      role: ebsRole.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
    },
    child,
  );
  const addons = {} as Record<AddonName, aws.eks.Addon>;
  for (const addon of ADDONS) {
    addons[addon] = new aws.eks.Addon(
      `${name}-${addon}`,
      {
        clusterName,
        addonName: addon,
        addonVersion: args.addons[addon],
        resolveConflictsOnCreate: "OVERWRITE",
        resolveConflictsOnUpdate: "OVERWRITE",
        configurationValues: ADDON_CONFIGURATION[addon]
          ? JSON.stringify(ADDON_CONFIGURATION[addon])
          : undefined,
        podIdentityAssociations:
          addon === "aws-ebs-csi-driver"
            ? [{ roleArn: ebsRole.arn, serviceAccount: "ebs-csi-controller-sa" }]
            : undefined,
      },
      { ...child, dependsOn: ADDONS_ON_NODES.includes(addon) ? [...nodeGroups] : [] },
    );
  }
  return addons;
}
