import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLoggingA as S3BucketLogging } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { checkProp } from "./errors";
import { WHOLE_DAYS } from "./rules";
import { bucketOwnerEnforced, wholeBucketLifecycle } from "./bucket-controls";
import { SecureBucket } from "./secure-bucket";

export interface AccessLogBucketProps {
  /** Bucket name. */
  readonly bucket: string;
  /** Days after which log objects are deleted. @default 365 */
  readonly retentionDays?: number;
}

/**
 * The bucket that receives S3 server access logs of the stack's other buckets (`logBucket`):
 * locked down like SecureBucket (SSE-S3, the only encryption S3 log delivery supports on a
 * target bucket), ACLs disabled, writable only by the S3 logging service for this account's
 * buckets, objects expired after `retentionDays`. It does not log itself: a log bucket that logs
 * into itself feeds its own deliveries forever.
 */
export class AccessLogBucket extends Construct {
  readonly bucket: S3Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const days = props.retentionDays ?? 365;
    checkProp(this, "retentionDays", days, WHOLE_DAYS);
    const account = new DataAwsCallerIdentity(this, "account", {});
    const secure = new SecureBucket(this, "logs", {
      bucket: props.bucket,
      policyStatements: (bucketArn) => [
        {
          sid: "S3ServerAccessLogDelivery",
          effect: "Allow",
          actions: ["s3:PutObject"],
          principals: [{ type: "Service", identifiers: ["logging.s3.amazonaws.com"] }],
          resources: [`${bucketArn}/*`],
          condition: [{ test: "StringEquals", variable: "aws:SourceAccount", values: [account.accountId] }],
        },
      ],
    });
    this.bucket = secure.bucket;
    bucketOwnerEnforced(this, this.bucket);
    wholeBucketLifecycle(this, "expiry", this.bucket, { id: "expire-logs", expirationDays: days, noncurrentDays: 30, abortUploadsDays: 7 });
  }

  /** Sends the server access logs of `source` here, under `<prefix>/`. */
  logBucket(scope: Construct, id: string, source: S3Bucket, prefix: string): S3BucketLogging {
    return new S3BucketLogging(scope, id, { bucket: source.id, targetBucket: this.bucket.id, targetPrefix: `${prefix}/` });
  }
}
