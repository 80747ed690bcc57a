import type { TerraformResource } from "cdktf";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import type { LbTrustStore } from "@cdktf/provider-aws/lib/lb-trust-store";
import type { Alb } from "../constructs/alb";
import type { AlbTarget } from "../constructs/alb-target";
import type { Cert } from "../constructs/cert";
import type { ClientCert } from "../constructs/client-cert";
import type { CloudflareAccess } from "../constructs/cloudflare/access";
import type { CloudflareZone } from "../constructs/cloudflare/zone";
import type { LambdaBackend } from "../constructs/lambda-backend";

/** What the adoption table reads of a stack: the constructs that take the reference's resources' places (AlbMtlsStack has them). */
export interface ReferenceParts {
  readonly lambda?: LambdaBackend;
  readonly cert: Cert;
  readonly clientCert?: ClientCert;
  readonly trustStoreBucket: S3Bucket;
  readonly trustStoreBundleObject: S3Object;
  readonly trustStore: LbTrustStore;
  readonly alb: Alb;
  readonly albTarget?: AlbTarget;
  readonly cloudflareZone: CloudflareZone;
  readonly cloudflareAccess?: CloudflareAccess;
}

/**
 * Every resource address of the reference HCL deployment (root module + seven child modules),
 * with the resource that takes its place in AlbMtlsStack. `moved` blocks built from this table let
 * `terraform plan` on the reference's state show moves only: nothing is created or destroyed.
 * A target that a stack does not have (e.g. no generated keys with `certificates`) is skipped.
 */
export const REFERENCE_ADDRESSES: ReadonlyArray<readonly [string, (s: ReferenceParts) => TerraformResource | undefined]> = [
  ["module.lambda.aws_iam_role.lambda", (s) => s.lambda?.role],
  ["module.lambda.aws_iam_role_policy_attachment.lambda_basic", (s) => s.lambda?.basicExecution],
  ["module.lambda.aws_cloudwatch_log_group.lambda", (s) => s.lambda?.logGroup],
  ["module.lambda.aws_lambda_function.this", (s) => s.lambda?.function],
  ["module.cert.aws_acm_certificate.main", (s) => s.cert.certificate],
  ["module.cert.aws_route53_record.main", (s) => s.cert.validationRecords],
  ["module.cert.aws_acm_certificate_validation.main", (s) => s.cert.validation],
  ["module.client_cert.tls_private_key.root", (s) => s.clientCert?.rootKey],
  ["module.client_cert.tls_self_signed_cert.root", (s) => s.clientCert?.root],
  ["module.client_cert.tls_private_key.client", (s) => s.clientCert?.clientKey],
  ["module.client_cert.tls_cert_request.client", (s) => s.clientCert?.request],
  ["module.client_cert.tls_locally_signed_cert.client", (s) => s.clientCert?.client],
  ["module.client_cert.aws_s3_bucket.store", (s) => s.trustStoreBucket],
  ["module.client_cert.aws_s3_object.root_ca_cert", (s) => s.trustStoreBundleObject],
  ["module.client_cert.aws_lb_trust_store.store", (s) => s.trustStore],
  ["module.alb.aws_security_group.main", (s) => s.alb.securityGroup],
  ["module.alb.aws_lb.this", (s) => s.alb.loadBalancer],
  ["module.alb.aws_lb_listener.https", (s) => s.alb.listener],
  ["module.alb.aws_route53_record.main", (s) => s.alb.originRecord],
  ["module.alb_target.aws_lb_target_group.lambda", (s) => s.albTarget?.targetGroup],
  ["module.alb_target.aws_lb_target_group_attachment.lambda", (s) => s.albTarget?.attachment],
  ["module.alb_target.aws_lambda_permission.alb", (s) => s.albTarget?.permission],
  ["module.alb_target.aws_lb_listener_rule.lambda", (s) => s.albTarget?.rule],
  ["module.cloudflare_zone.cloudflare_record.main", (s) => s.cloudflareZone.record],
  ["module.cloudflare_zone.cloudflare_authenticated_origin_pulls_certificate.main", (s) => s.cloudflareZone.originPullsCertificate],
  ["module.cloudflare_zone.cloudflare_authenticated_origin_pulls.main", (s) => s.cloudflareZone.originPulls],
  ["module.cloudflare_access.cloudflare_zero_trust_access_policy.allow", (s) => s.cloudflareAccess?.allowPolicy],
  ["module.cloudflare_access.cloudflare_zero_trust_access_application.main", (s) => s.cloudflareAccess?.application],
];

/** Reference resources with no counterpart: forgotten by Terraform, not destroyed. */
export const REFERENCE_REMOVED = ["local_sensitive_file.key", "local_sensitive_file.cert"];
