import type { ResourceValidationPolicy } from "@pulumi/policy";

/** Stateful or anchoring types whose loss must never follow from a code change. */
export const STATEFUL_TYPES = [
  "aws:ec2transitgateway/transitGateway:TransitGateway",
  "aws:directconnect/gateway:Gateway",
  "aws:eks/cluster:Cluster",
  "aws:kms/key:Key",
];

export function statefulProtected(): ResourceValidationPolicy {
  return {
    name: "stateful-protected",
    description:
      "Transit Gateways, DX gateways, EKS clusters, KMS keys and backup buckets (tag Purpose=backup) are protected.",
    severity: "critical",
    remediationSteps:
      "Pass { protect: true } (the platform's components do when given protect) so a deletion needs a deliberate unprotect.",
    validateResource: (args, report) => {
      const tags = (args.props["tags"] as Record<string, string> | undefined) ?? {};
      const backupBucket =
        (args.type === "aws:s3/bucket:Bucket" || args.type === "aws:s3/bucketV2:BucketV2") &&
        tags["Purpose"] === "backup";
      if (!STATEFUL_TYPES.includes(args.type) && !backupBucket) {
        args.notApplicable("not a stateful anchor type");
        return;
      }
      if (!args.opts.protect) report(`${args.type} ${args.name} is not protected`);
    },
  };
}
