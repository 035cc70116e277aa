import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";

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

/** A role that pods assume through EKS Pod Identity. */
export function podIdentityRole(name: string, opts: pulumi.CustomResourceOptions): aws.iam.Role {
  return new aws.iam.Role(name, { assumeRolePolicy: podIdentityTrust }, opts);
}
