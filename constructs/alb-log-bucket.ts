import { Construct } from "constructs";
import { DataAwsElbServiceAccount } from "@cdktf/provider-aws/lib/data-aws-elb-service-account";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { checkProp } from "./errors";
import { WHOLE_DAYS } from "./rules";
import { bucketOwnerEnforced, wholeBucketLifecycle } from "./bucket-controls";
import { SecureBucket } from "./secure-bucket";

export interface AlbLogBucketProps {
  /** Bucket name. */
  readonly bucket: string;
  /** Days after which log objects are deleted. @default 90 */
  readonly retentionDays?: number;
  /**
   * ACLs disabled (BucketOwnerEnforced), versioning with old versions deleted after 30 days, and
   * incomplete multipart uploads aborted after 7 days. @default false
   */
  readonly controls?: boolean;
}

/**
 * A bucket the ALB can write access logs and connection logs to (connection logs record each TLS
 * handshake, including why a client certificate was rejected). Locked down like SecureBucket
 * (SSE-S3, which is what ELB log delivery supports), writable only by Elastic Load Balancing:
 * the region's ELB account and the `logdelivery.elasticloadbalancing.amazonaws.com` service
 * principal of newer regions. Objects expire after `retentionDays`.
 */
export class AlbLogBucket extends Construct {
  /** Name of the bucket. */
  readonly bucketName: string;
  /** The bucket policy: the ALB must depend on it, or AWS refuses to enable logging. */
  readonly policy: S3BucketPolicy;
  /** The bucket. */
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: AlbLogBucketProps) {
    super(scope, id);
    const days = props.retentionDays ?? 90;
    checkProp(this, "retentionDays", days, WHOLE_DAYS);

    const elbAccount = new DataAwsElbServiceAccount(this, "elb_account", {});
    const secure = new SecureBucket(this, "logs", {
      bucket: props.bucket,
      versioning: props.controls ?? false,
      policyStatements: (bucketArn) => [
        {
          sid: "ElbAccountLogDelivery",
          effect: "Allow",
          actions: ["s3:PutObject"],
          principals: [{ type: "AWS", identifiers: [elbAccount.arn] }],
          resources: [`${bucketArn}/*`],
        },
        {
          sid: "ElbServiceLogDelivery",
          effect: "Allow",
          actions: ["s3:PutObject"],
          principals: [{ type: "Service", identifiers: ["logdelivery.elasticloadbalancing.amazonaws.com"] }],
          resources: [`${bucketArn}/*`],
        },
      ],
    });
    wholeBucketLifecycle(this, "expiry", secure.bucket, {
      id: "expire-logs",
      expirationDays: days,
      noncurrentDays: props.controls ? 30 : undefined,
      abortUploadsDays: props.controls ? 7 : undefined,
    });
    if (props.controls) bucketOwnerEnforced(this, secure.bucket);

    this.bucket = secure.bucket;
    this.bucketName = secure.bucket.bucket;
    this.policy = secure.policy;
  }
}
