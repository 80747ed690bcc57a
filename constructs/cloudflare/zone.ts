import { Construct } from "constructs";
import type { ITerraformDependable, ITerraformResource, TerraformResource } from "cdktf";
import { PropsError } from "../errors";
import { type CloudflareProviderChoice, cloudflareMapping } from "./majors";

export interface CloudflareZoneProps {
  /** Name of the existing Cloudflare zone, e.g. `example.com`. */
  readonly zoneName: string;
  /**
   * The hostname users open, proxied by Cloudflare, e.g. `alb-mtls-test.example.com`: gets the
   * proxied CNAME and the per-hostname origin-pull setting. @default none: add hostnames with
   * `CloudflareHostname` (several applications), using `zoneId` and `originPullCertificateId`
   */
  readonly applicationDomain?: string;
  /** The origin domain the hostname points to (the ALB's alias record). */
  readonly originDomain: string;
  /**
   * Client certificate (leaf, PEM) Cloudflare presents to the origin: uploaded by Terraform with
   * `clientPrivateKeyPem`. Give both, or `originPullCertificateId` instead. Cloudflare provider 4 only.
   */
  readonly clientCertificatePem?: string;
  /** Private key (PEM) of that certificate. It is stored in the state by the Cloudflare provider. */
  readonly clientPrivateKeyPem?: string;
  /**
   * ID of a per-hostname origin-pull certificate already uploaded to the zone (API or dashboard),
   * so that no private key passes through Terraform. Exclusive with the two PEM props; required on
   * Cloudflare provider 5 (5.14 cannot upload one).
   */
  readonly originPullCertificateId?: string;
  /**
   * Renewal without a gap (docs/certificates.md): the uploaded certificate is replaced
   * create-before-destroy (also when `issuedBy`, the TLS resource that issues it, is replaced), after
   * `after` (the trust store), and every hostname's setting moves to the new ID in place; Cloudflare
   * never stops presenting a client certificate. With a certificate given by ID, the settings are
   * updated in place when the ID changes. @default off: the reference's lifecycle (each setting is
   * re-created when the certificate is: the hostname has no client certificate in between)
   */
  readonly gaplessRenewal?: { readonly issuedBy?: ITerraformResource; readonly after?: ITerraformDependable[] };
  /**
   * Major version of the Cloudflare provider: 4 (the reference's 4.52.0: `cloudflare_record`) or 5
   * (5.14: `cloudflare_dns_record`, the v5 origin-pull setting). Same Terraform addresses. @default 4
   */
  readonly cloudflareProvider?: CloudflareProviderChoice;
}

/**
 * The Cloudflare side of the origin (reference module `cloudflare_zone`): the zone looked up by
 * name, a proxied CNAME from the application hostname to the origin, and per-hostname
 * Authenticated Origin Pulls with our client certificate, so Cloudflare passes the ALB's mTLS
 * check. The zone must use SSL mode Full (strict).
 *
 * The reference module also takes `host_zone_name` and `cloudflare_account_id` but uses neither
 * (the code that would is commented out), so they are not props here.
 */
export class CloudflareZone extends Construct {
  /** The uploaded certificate, unless `originPullCertificateId` was given (never on provider 5). */
  readonly originPullsCertificate?: TerraformResource;
  /** The proxied CNAME, when `applicationDomain` was given. */
  readonly record?: TerraformResource;
  /** The per-hostname origin-pull setting, when `applicationDomain` was given. */
  readonly originPulls?: TerraformResource;
  /** ID of the zone (reference output `cloudflare_zone_id`). */
  readonly zoneId: string;
  /** ID of the zone's account (where Access policies live). */
  readonly accountId: string;
  /** ID of the origin-pull certificate (uploaded here, or given): every hostname of the zone may use it. */
  readonly originPullCertificateId: string;
  /** What re-creates a hostname's origin-pull setting (CloudflareHostname's `replaceTriggeredBy`): the uploaded certificate, unless `gaplessRenewal`. */
  readonly originPullsReplaceTriggeredBy?: ITerraformResource[];

  constructor(scope: Construct, id: string, props: CloudflareZoneProps) {
    super(scope, id);
    const cloudflare = cloudflareMapping(props.cloudflareProvider);
    const pems = [props.clientCertificatePem, props.clientPrivateKeyPem].filter((p) => p !== undefined).length;
    const uploadMissing = cloudflare.perHostnameUploadMissing;
    if (uploadMissing !== undefined && pems > 0) {
      throw new PropsError(this, "clientCertificatePem", `is not supported: ${uploadMissing} as originPullCertificateId`);
    }
    if (uploadMissing !== undefined && props.originPullCertificateId === undefined) {
      throw new PropsError(this, "originPullCertificateId", `is required: ${uploadMissing} here`);
    }
    if (props.originPullCertificateId !== undefined && pems > 0) {
      throw new PropsError(this, "originPullCertificateId", "excludes clientCertificatePem and clientPrivateKeyPem: give one or the other");
    }
    if (props.originPullCertificateId === undefined && pems !== 2) {
      throw new PropsError(this, "clientCertificatePem", "and clientPrivateKeyPem are both required (or give originPullCertificateId)");
    }

    const zone = cloudflare.zoneByName(this, "zone", props.zoneName);
    this.zoneId = zone.zoneId;
    this.accountId = zone.accountId;
    const domain = props.applicationDomain;
    if (domain !== undefined) this.record = cloudflare.proxiedRecord(this, "record", { zoneId: this.zoneId, hostname: domain, originDomain: props.originDomain });
    if (props.originPullCertificateId === undefined) {
      const certificate = cloudflare.originPullsCertificate(this, "origin_pulls_certificate", {
        zoneId: this.zoneId,
        certificatePem: props.clientCertificatePem!,
        privateKeyPem: props.clientPrivateKeyPem!,
        gapless: props.gaplessRenewal && { replaceTriggeredBy: props.gaplessRenewal.issuedBy && [props.gaplessRenewal.issuedBy], dependsOn: props.gaplessRenewal.after },
      });
      if (!props.gaplessRenewal) this.originPullsReplaceTriggeredBy = [certificate];
      this.originPullsCertificate = certificate;
      this.originPullCertificateId = certificate.id;
    } else {
      this.originPullCertificateId = props.originPullCertificateId;
    }
    if (domain !== undefined) {
      this.originPulls = cloudflare.originPulls(this, "origin_pulls", {
        zoneId: this.zoneId,
        hostname: domain,
        originPullCertificateId: this.originPullCertificateId,
        // The reference: a new certificate gets a new ID; re-create the hostname setting with it.
        // Gapless: the setting takes the new ID in place (its delete would switch origin pulls off).
        replaceTriggeredBy: this.originPullsReplaceTriggeredBy,
      });
    }
  }
}
