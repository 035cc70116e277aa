/** EKS clusters, node groups, add-ons, access entries and pod identity associations. */
import type { PlanResource } from "../../types";
import { inputOr, sar } from "./shared";
import type { ActionsTable } from "./shared";

const EKS = sar("Amazon Elastic Kubernetes Service");

const clusterOf = (r: PlanResource) => inputOr(r, "clusterName");

/** access-entry/<cluster>/<identity type>/<account>/<identity name>/<uuid>. */
function accessEntryArn(r: PlanResource, at: { account: string; region: string }): string {
  const principal = inputOr(r, "principalArn", "");
  const m = /^arn:[^:]+:iam::(\d{12}):(role|user)\/(?:.*\/)?([^/]+)$/.exec(principal);
  const identity = m ? `${m[2]}/${m[1]}/${m[3]}` : "*/*/*";
  return `arn:aws:eks:${at.region}:${at.account}:access-entry/${clusterOf(r)}/${identity}/*`;
}

export const EKS_ACTIONS: ActionsTable = {
  "aws:eks/cluster:Cluster": {
    source: EKS,
    create: ["eks:CreateCluster", "eks:TagResource"],
    update: ["eks:UpdateClusterConfig", "eks:UpdateClusterVersion"],
    read: ["eks:DescribeCluster"],
    arn: (_r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${at.name}`,
    passRole: [{ input: "roleArn", service: "eks.amazonaws.com" }],
    kms: ["encryptionConfig"],
  },
  "aws:eks/nodeGroup:NodeGroup": {
    source: EKS,
    // Created on its cluster; EKS launches the instances with its service-linked role.
    create: ["eks:CreateNodegroup", "eks:TagResource"],
    update: ["eks:UpdateNodegroupConfig", "eks:UpdateNodegroupVersion"],
    read: ["eks:DescribeNodegroup"],
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) =>
      `arn:aws:eks:${at.region}:${at.account}:nodegroup/${clusterOf(r)}/${at.name}/*`,
    passRole: [{ input: "nodeRoleArn", service: "eks.amazonaws.com" }],
  },
  "aws:eks/addon:Addon": {
    source: EKS,
    create: ["eks:CreateAddon"],
    update: ["eks:UpdateAddon"],
    read: ["eks:DescribeAddon"],
    // Created on its cluster; updated and read as the add-on.
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) =>
      `arn:aws:eks:${at.region}:${at.account}:addon/${clusterOf(r)}/${inputOr(r, "addonName")}/*`,
  },
  // CreateAccessEntry is authorized against the cluster; the entry's own actions against the
  // access entry, whose ARN names the cluster and the principal (Service Authorization Reference).
  "aws:eks/accessEntry:AccessEntry": {
    source: EKS,
    create: ["eks:CreateAccessEntry"],
    update: ["eks:UpdateAccessEntry"],
    read: ["eks:DescribeAccessEntry"],
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) => accessEntryArn(r, at),
  },
  "aws:eks/accessPolicyAssociation:AccessPolicyAssociation": {
    source: EKS,
    create: ["eks:AssociateAccessPolicy"],
    read: ["eks:ListAssociatedAccessPolicies"],
    arn: (r, at) => accessEntryArn(r, at),
  },
  "aws:eks/podIdentityAssociation:PodIdentityAssociation": {
    source: EKS,
    create: ["eks:CreatePodIdentityAssociation"],
    update: ["eks:UpdatePodIdentityAssociation"],
    read: ["eks:DescribePodIdentityAssociation"],
    arn: (r, at) => `arn:aws:eks:${at.region}:${at.account}:cluster/${clusterOf(r)}`,
    readArn: (r, at) =>
      `arn:aws:eks:${at.region}:${at.account}:podidentityassociation/${clusterOf(r)}/*`,
    passRole: [{ input: "roleArn", service: "pods.eks.amazonaws.com" }],
  },
};
