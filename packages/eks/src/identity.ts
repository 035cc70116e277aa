import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { scopedRole } from "@platform/core";

const podIdentityTrust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    },
  ],
});

/** A role that pods assume through EKS Pod Identity (in the deployer's scope, with the boundary). */
export function podIdentityRole(
  name: string,
  account: { readonly accountId: string; readonly region: string },
  opts: pulumi.CustomResourceOptions,
): aws.iam.Role {
  return scopedRole(name, { assumeRolePolicy: podIdentityTrust, ...account }, opts);
}
