import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { IdentityMode } from "@platform/core";
import { PULUMI_ACCESS_POLICIES } from "./access";
import type { EksClusterArgs } from "./cluster";

/**
 * Who may use the cluster's API, and from where: an access entry with cluster admin for the
 * administrators' role, one per identity pulumi runs as (`PULUMI_ACCESS_POLICIES`), deployers
 * limited to their namespaces, and the cluster security group's HTTPS rules from
 * `apiSourceCidrs`. Returns what the Kubernetes provider must wait for: the access of the role
 * its kubeconfig assumes and the rules on the path from the runner (on a new cluster, the first
 * request would otherwise fail).
 */
export function clusterAccess(
  name: string,
  args: EksClusterArgs,
  cluster: aws.eks.Cluster,
  parent: pulumi.ComponentResource,
): pulumi.Resource[] {
  const child = { parent };
  const access = (
    id: string,
    principalArn: pulumi.Input<string>,
    policy: string,
    scope: aws.types.input.eks.AccessPolicyAssociationAccessScope,
  ) => {
    const entry = new aws.eks.AccessEntry(
      `${name}-${id}`,
      { clusterName: cluster.name, principalArn, type: "STANDARD" },
      child,
    );
    return new aws.eks.AccessPolicyAssociation(
      `${name}-${id}`,
      {
        clusterName: cluster.name,
        principalArn,
        policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`,
        accessScope: scope,
      },
      { ...child, dependsOn: [entry] },
    );
  };
  access("admin", args.adminRoleArn, "AmazonEKSClusterAdminPolicy", { type: "cluster" });
  // The identities pulumi runs as: up, preview and drift, each with its narrowest policy.
  const pulumiAccess = Object.fromEntries(
    (Object.keys(PULUMI_ACCESS_POLICIES) as IdentityMode[]).map((mode) => [
      mode,
      access(`pulumi-${mode}`, args.pulumiRoleArns[mode], PULUMI_ACCESS_POLICIES[mode], {
        type: "cluster",
      }),
    ]),
  ) as Record<IdentityMode, aws.eks.AccessPolicyAssociation>;

  // The private endpoint answers the deploy runner: HTTPS from its subnets on the cluster
  // security group, which EKS attaches to the control-plane interfaces ("You must ensure that
  // your Amazon EKS control plane security group contains rules to allow ingress traffic on
  // port 443 from your connected network": EKS User Guide, "Cluster API server endpoint").
  const apiRules = (args.apiSourceCidrs ?? []).map(
    (cidr) =>
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-api-from-${cidr.replace(/[./]/g, "-")}`,
        {
          securityGroupId: cluster.vpcConfig.clusterSecurityGroupId,
          cidrIpv4: cidr,
          ipProtocol: "tcp",
          fromPort: 443,
          toPort: 443,
          description: "Kubernetes API from the deploy runner",
        },
        child,
      ),
  );
  (args.namespaceAccess ?? []).forEach((a, i) =>
    access(`deploy-${i}`, a.principalArn, "AmazonEKSEditPolicy", {
      type: "namespace",
      namespaces: [...a.namespaces],
    }),
  );

  const mode = (Object.keys(args.pulumiRoleArns) as IdentityMode[]).find(
    (m) => args.pulumiRoleArns[m] === args.kubeconfigRoleArn,
  )!;
  return [pulumiAccess[mode], ...apiRules];
}
