import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { scopedRole, serviceTrustPolicy } from "@platform/core";

/** EKS Pod Identity's trust: the agent assumes the role and tags the session with the pod's identity. */
export const POD_IDENTITY_TRUST = serviceTrustPolicy("pods.eks.amazonaws.com", {
  actions: ["sts:AssumeRole", "sts:TagSession"],
});

/** A role that pods assume through EKS Pod Identity (in the deployer's scope, with the boundary). */
export function podIdentityRole(
  name: string,
  account: { readonly accountId: string; readonly region: string },
  opts: pulumi.CustomResourceOptions,
): aws.iam.Role {
  return scopedRole(name, { assumeRolePolicy: POD_IDENTITY_TRUST, ...account }, opts);
}
