import type { Construct } from "constructs";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";

/** ACLs disabled: the bucket owner owns every object, access is decided by policies only (id `ownership`). */
export function bucketOwnerEnforced(scope: Construct, bucket: S3Bucket): S3BucketOwnershipControls {
  return new S3BucketOwnershipControls(scope, "ownership", { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
}

/** One lifecycle rule over the whole bucket; each period is left out when not given. */
export interface WholeBucketRule {
  /** The rule's name. */
  readonly id: string;
  /** Days after which current objects expire. */
  readonly expirationDays?: number;
  /** Days after which versions that stopped being current are deleted. */
  readonly noncurrentDays?: number;
  /** Days after which incomplete multipart uploads are aborted. */
  readonly abortUploadsDays?: number;
}

/** The bucket's lifecycle configuration (a bucket has one), with one rule on every object. */
export function wholeBucketLifecycle(scope: Construct, id: string, bucket: S3Bucket, rule: WholeBucketRule): S3BucketLifecycleConfiguration {
  const days = <T>(value: number | undefined, make: (n: number) => T): T[] | undefined => (value === undefined ? undefined : [make(value)]);
  return new S3BucketLifecycleConfiguration(scope, id, {
    bucket: bucket.id,
    rule: [
      {
        id: rule.id,
        status: "Enabled",
        filter: [{ prefix: "" }],
        expiration: days(rule.expirationDays, (n) => ({ days: n })),
        noncurrentVersionExpiration: days(rule.noncurrentDays, (n) => ({ noncurrentDays: n })),
        abortIncompleteMultipartUpload: days(rule.abortUploadsDays, (n) => ({ daysAfterInitiation: n })),
      },
    ],
  });
}

/**
 * Housekeeping of a versioned bucket whose objects the stack manages (the trust store's): ACLs
 * disabled, and a lifecycle rule that aborts incomplete multipart uploads after 7 days and deletes
 * versions 90 days after they stop being current (the trust store reads the current version).
 * Ids `ownership` and `lifecycle`.
 */
export function bucketControls(scope: Construct, bucket: S3Bucket): void {
  bucketOwnerEnforced(scope, bucket);
  wholeBucketLifecycle(scope, "lifecycle", bucket, { id: "housekeeping", noncurrentDays: 90, abortUploadsDays: 7 });
}
