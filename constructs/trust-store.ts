import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Construct } from "constructs";
import { AssetType, Fn, TerraformAsset } from "cdktf";
import { LbTrustStore } from "@cdktf/provider-aws/lib/lb-trust-store";
import { LbTrustStoreRevocation } from "@cdktf/provider-aws/lib/lb-trust-store-revocation";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { checkProp } from "./errors";
import { filesBase } from "./project-paths";
import { rules } from "./rules";
import { secureBucket } from "./secure-bucket";

/** Where the CA bundle (PEM, public certificates only) comes from. */
export type CaBundleSource =
  /** PEM text or a Terraform reference to it (e.g. a generated root certificate). */
  | { readonly content: string }
  /** A PEM file, absolute or relative to cdktf.json; copied into the stack folder. */
  | { readonly file: string };

export interface TrustStoreProps {
  /** Name of the ALB trust store. */
  readonly name: string;
  /** Name of the S3 bucket that holds the bundle (and the revocation lists). */
  readonly bucketName: string;
  /** The CA certificates that client certificates must chain to. */
  readonly caBundle: CaBundleSource;
  /**
   * Certificate revocation lists (CRL files, PEM or DER, absolute or relative to cdktf.json), each
   * uploaded to the bucket and attached to the trust store. Verify mode then rejects revoked
   * client certificates. @default [] (none)
   */
  readonly revocationLists?: string[];
  /** Block public access, encrypt, version and require TLS on the bucket (SecureBucket). @default false */
  readonly secureBucket?: boolean;
  /**
   * Name the bundle's key after its content (`ca-bundle-<first 16 hex of its sha256>.pem`), so a
   * changed bundle is a new object and the trust store is updated to it (created before the old
   * one is deleted). @default false: the key `root_ca.crt`, which AWS does not re-read on change
   */
  readonly contentAddressedKey?: boolean;
}

export interface TrustStoreParts {
  readonly bucket: S3Bucket;
  readonly bundleObject: S3Object;
  readonly trustStore: LbTrustStore;
  /** The CA bundle PEM as Terraform knows it (for a pass-through backend that verifies itself). */
  readonly caBundlePem: string;
}

/**
 * Creates the trust store's resources directly in `scope` (ids `bucket`, `root_ca_object`,
 * `trust_store`, …), so ClientCert keeps the reference's layout and TrustStore reuses it.
 */
export function addTrustStore(scope: Construct, props: TrustStoreProps): TrustStoreParts {
  checkProp(scope, "name", props.name, rules.trustStoreName);
  checkProp(scope, "bucketName", props.bucketName, rules.s3BucketName);
  const bucket = new S3Bucket(scope, "bucket", { bucket: props.bucketName });
  if (props.secureBucket) secureBucket(scope, bucket, {});

  let bundleObject: S3Object;
  let caBundlePem: string;
  if ("content" in props.caBundle) {
    caBundlePem = props.caBundle.content;
    bundleObject = new S3Object(scope, "root_ca_object", {
      bucket: bucket.bucket,
      key: props.contentAddressedKey ? `ca-bundle-${Fn.substr(Fn.sha256(caBundlePem), 0, 16)}.pem` : "root_ca.crt",
      content: caBundlePem,
      contentType: "text/plain",
      lifecycle: props.contentAddressedKey ? { createBeforeDestroy: true } : undefined,
    });
  } else {
    const asset = new TerraformAsset(scope, "ca_bundle_file", { path: props.caBundle.file, type: AssetType.FILE });
    // Terraform's file functions resolve relative paths from its working directory, the stack
    // folder (and cdktf would escape a `${path.module}` inside a function argument).
    caBundlePem = Fn.file(asset.path);
    // Read at synth (the file is checked before): its key can name its content as a literal.
    const key = props.contentAddressedKey ? `ca-bundle-${createHash("sha256").update(readFileSync(resolve(filesBase(scope), props.caBundle.file))).digest("hex").slice(0, 16)}.pem` : "root_ca.crt";
    bundleObject = new S3Object(scope, "root_ca_object", {
      bucket: bucket.bucket,
      key,
      lifecycle: props.contentAddressedKey ? { createBeforeDestroy: true } : undefined,
      source: `\${path.module}/${asset.path}`,
      sourceHash: Fn.filemd5(asset.path),
      contentType: "text/plain",
    });
  }

  // AWS reads the bundle when the trust store's bucket, key or version changes, not when the object
  // at that key does. With a versioned bucket, pass the version so a new bundle is picked up.
  const trustStore = new LbTrustStore(scope, "trust_store", {
    name: props.name,
    caCertificatesBundleS3Bucket: bundleObject.bucket,
    caCertificatesBundleS3Key: bundleObject.key,
    caCertificatesBundleS3ObjectVersion: props.secureBucket ? bundleObject.versionId : undefined,
  });

  (props.revocationLists ?? []).forEach((file, index) => {
    const asset = new TerraformAsset(scope, `crl_file_${index}`, { path: file, type: AssetType.FILE });
    const crl = new S3Object(scope, `crl_object_${index}`, {
      bucket: bucket.bucket,
      key: `revocations/${index}-${asset.fileName}`,
      source: `\${path.module}/${asset.path}`,
      sourceHash: Fn.filemd5(asset.path),
    });
    new LbTrustStoreRevocation(scope, `revocation_${index}`, {
      trustStoreArn: trustStore.arn,
      revocationsS3Bucket: crl.bucket,
      revocationsS3Key: crl.key,
      revocationsS3ObjectVersion: props.secureBucket ? crl.versionId : undefined,
    });
  });

  return { bucket, bundleObject, trustStore, caBundlePem };
}

/**
 * An ALB trust store from a CA bundle you bring (no private key in Terraform): the bundle and any
 * revocation lists in S3, registered as the trust store. Use it with your own client certificate
 * (see CloudflareZone's `originPullCertificateId`) to keep keys out of the state.
 */
export class TrustStore extends Construct {
  readonly trustStore: LbTrustStore;
  readonly bucket: S3Bucket;
  readonly bundleObject: S3Object;
  /** ARN of the trust store. */
  readonly trustStoreArn: string;
  /** The CA bundle PEM (read by Terraform from the copied file). */
  readonly caBundlePem: string;

  constructor(scope: Construct, id: string, props: TrustStoreProps) {
    super(scope, id);
    const parts = addTrustStore(this, props);
    this.trustStore = parts.trustStore;
    this.bucket = parts.bucket;
    this.bundleObject = parts.bundleObject;
    this.trustStoreArn = parts.trustStore.arn;
    this.caBundlePem = parts.caBundlePem;
  }
}
