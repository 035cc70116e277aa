/** S3 buckets and their configuration resources. */
import { inputOr, nameOf, sar } from "./shared";
import type { ActionsTable, TypeActions } from "./shared";

const S3 = sar("Amazon S3");

/** A bucket configuration resource: one put and one get on its bucket. */
const bucketSub = (put: string, get: string): TypeActions => ({
  source: S3,
  create: [put],
  update: [put],
  read: [get],
  arn: (r) => `arn:aws:s3:::${inputOr(r, "bucket")}`,
});

export const STORAGE_ACTIONS: ActionsTable = {
  "aws:s3/bucket:Bucket": {
    source: S3,
    create: ["s3:CreateBucket", "s3:PutBucketTagging"],
    update: ["s3:PutBucketTagging"],
    read: ["s3:ListBucket", "s3:GetBucketTagging", "s3:GetBucketLocation"],
    arn: (r) => `arn:aws:s3:::${nameOf(r, "bucket")}`,
  },
  "aws:s3/bucketVersioning:BucketVersioning": bucketSub(
    "s3:PutBucketVersioning",
    "s3:GetBucketVersioning",
  ),
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration":
    bucketSub("s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration"),
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": bucketSub(
    "s3:PutBucketPublicAccessBlock",
    "s3:GetBucketPublicAccessBlock",
  ),
  "aws:s3/bucketPolicy:BucketPolicy": bucketSub("s3:PutBucketPolicy", "s3:GetBucketPolicy"),
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": bucketSub(
    "s3:PutLifecycleConfiguration",
    "s3:GetLifecycleConfiguration",
  ),
  "aws:s3/bucketLogging:BucketLogging": bucketSub("s3:PutBucketLogging", "s3:GetBucketLogging"),
};
