/**
 * The application's image repository: ECR with scan on push, immutable tags (an image tag is the
 * commit it was built from), the pipeline's KMS key and a lifecycle that bounds what is kept.
 */
import * as aws from "@pulumi/aws";
import type { DeliveryScope } from "./args";

/** Untagged images expire after 7 days; of the rest, the 50 newest are kept. */
export const IMAGE_LIFECYCLE = {
  rules: [
    {
      rulePriority: 1,
      description: "expire untagged images after 7 days",
      selection: {
        tagStatus: "untagged",
        countType: "sinceImagePushed",
        countUnit: "days",
        countNumber: 7,
      },
      action: { type: "expire" },
    },
    {
      rulePriority: 2,
      description: "keep the 50 newest images",
      selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: 50 },
      action: { type: "expire" },
    },
  ],
};

export function imageRepository(scope: DeliveryScope, key: aws.kms.Key): aws.ecr.Repository {
  const { name, args, child } = scope;
  const repository = new aws.ecr.Repository(
    `${name}-images`,
    {
      name: `${args.namePrefix}/${args.app.name}`,
      imageTagMutability: "IMMUTABLE",
      imageScanningConfiguration: { scanOnPush: true },
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key.arn }],
    },
    child,
  );
  new aws.ecr.LifecyclePolicy(
    `${name}-images`,
    { repository: repository.name, policy: JSON.stringify(IMAGE_LIFECYCLE) },
    child,
  );
  return repository;
}
