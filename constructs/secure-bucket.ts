import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA as S3BucketServerSideEncryptionConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA as S3BucketVersioning } from "@cdktf/provider-aws/lib/s3-bucket-versioning";

export interface SecureBucketProps {
  /** Bucket name. */
  readonly bucket: string;
  /**
   * Statements added to the bucket policy next to the TLS-only deny (a bucket has one policy),
   * given the bucket's ARN. @default none
   */
  readonly policyStatements?: (bucketArn: string) => DataAwsIamPolicyDocumentStatement[];
  /** Keep object versions. @default true */
  readonly versioning?: boolean;
}

/**
 * An S3 bucket locked down the way a security review expects: all public access blocked,
 * SSE-S3 encryption by default, versioning, and a policy that denies any request not made over TLS.
 * SSE-S3 (not KMS) because ALB access/connection logs and trust-store reads support it without
 * extra key policies.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The bucket policy; resources that need it in place (an ALB writing logs) depend on it. */
  readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.bucket = new S3Bucket(this, "bucket", { bucket: props.bucket });
    this.policy = secureBucket(this, this.bucket, props);
  }
}

/**
 * Adds the lock-down resources of SecureBucket to an existing bucket, in `scope`, with ids
 * `public_access_block`, `encryption`, `versioning`, `policy_document` and `policy`.
 */
export function secureBucket(scope: Construct, bucket: S3Bucket, props: Omit<SecureBucketProps, "bucket">): S3BucketPolicy {
  new S3BucketPublicAccessBlock(scope, "public_access_block", {
    bucket: bucket.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
  });
  new S3BucketServerSideEncryptionConfiguration(scope, "encryption", {
    bucket: bucket.id,
    rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
  });
  if (props.versioning ?? true) {
    new S3BucketVersioning(scope, "versioning", { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
  }
  const document = new DataAwsIamPolicyDocument(scope, "policy_document", {
    statement: [
      {
        sid: "DenyInsecureTransport",
        effect: "Deny",
        actions: ["s3:*"],
        principals: [{ type: "*", identifiers: ["*"] }],
        resources: [bucket.arn, `${bucket.arn}/*`],
        condition: [{ test: "Bool", variable: "aws:SecureTransport", values: ["false"] }],
      },
      ...(props.policyStatements?.(bucket.arn) ?? []),
    ],
  });
  return new S3BucketPolicy(scope, "policy", { bucket: bucket.id, policy: document.json });
}
