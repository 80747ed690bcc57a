import type { Construct } from "constructs";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";

/** ACLs disabled: the bucket owner owns every object, access is decided by policies only (id `ownership`). */
export function bucketOwnerEnforced(scope: Construct, bucket: S3Bucket): S3BucketOwnershipControls {
  return new S3BucketOwnershipControls(scope, "ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
}

/**
 * Housekeeping of a versioned bucket whose objects the stack manages (the trust store's): ACLs
 * disabled, and a lifecycle rule that aborts incomplete multipart uploads after 7 days and deletes
 * versions 90 days after they stop being current (the trust store reads the current version).
 * Ids `ownership` and `lifecycle`.
 */
export function bucketControls(scope: Construct, bucket: S3Bucket): void {
  bucketOwnerEnforced(scope, bucket);
  new S3BucketLifecycleConfiguration(scope, "lifecycle", {
    bucket: bucket.id,
    rule: [
      {
        id: "housekeeping",
        status: "Enabled",
        filter: [{ prefix: "" }],
        noncurrentVersionExpiration: [{ noncurrentDays: 90 }],
        abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      },
    ],
  });
}
