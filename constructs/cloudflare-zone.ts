import { Construct } from "constructs";
import type { AuthenticatedOriginPulls } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls";
import { AuthenticatedOriginPullsCertificate } from "@cdktf/provider-cloudflare/lib/authenticated-origin-pulls-certificate";
import { DataCloudflareZone } from "@cdktf/provider-cloudflare/lib/data-cloudflare-zone";
import type { Record as DnsRecord } from "@cdktf/provider-cloudflare/lib/record";
import { originPullsBinding, proxiedRecord } from "./cloudflare-hostname";
import { PropsError } from "./errors";

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
   * `clientPrivateKeyPem`. Give both, or `originPullCertificateId` instead.
   */
  readonly clientCertificatePem?: string;
  /** Private key (PEM) of that certificate. It is stored in the state by the Cloudflare provider. */
  readonly clientPrivateKeyPem?: string;
  /**
   * ID of a per-hostname origin-pull certificate already uploaded to the zone (API or dashboard),
   * so that no private key passes through Terraform. Exclusive with the two PEM props.
   */
  readonly originPullCertificateId?: string;
}

/**
 * The Cloudflare side of the origin (reference module `cloudflare_zone`): a proxied CNAME from the
 * application hostname to the origin, and per-hostname Authenticated Origin Pulls with our client
 * certificate, so Cloudflare passes the ALB's mTLS check. The zone must use SSL mode Full (strict).
 *
 * The reference module also takes `host_zone_name` and `cloudflare_account_id` but uses neither
 * (the code that would is commented out), so they are not props here.
 */
export class CloudflareZone extends Construct {
  /** The uploaded certificate, unless `originPullCertificateId` was given. */
  readonly originPullsCertificate?: AuthenticatedOriginPullsCertificate;
  /** The proxied CNAME, when `applicationDomain` was given. */
  readonly record?: DnsRecord;
  /** The per-hostname origin-pull setting, when `applicationDomain` was given. */
  readonly originPulls?: AuthenticatedOriginPulls;
  /** ID of the zone (reference output `cloudflare_zone_id`). */
  readonly zoneId: string;
  /** ID of the origin-pull certificate (uploaded here, or given): every hostname of the zone may use it. */
  readonly originPullCertificateId: string;

  constructor(scope: Construct, id: string, props: CloudflareZoneProps) {
    super(scope, id);

    const zone = new DataCloudflareZone(this, "zone", { name: props.zoneName });
    this.zoneId = zone.id;

    const domain = props.applicationDomain;
    this.record = domain === undefined ? undefined : proxiedRecord(this, { zoneId: this.zoneId, hostname: domain, originDomain: props.originDomain });

    const pems = [props.clientCertificatePem, props.clientPrivateKeyPem].filter((p) => p !== undefined).length;
    if (props.originPullCertificateId !== undefined) {
      if (pems > 0) {
        throw new PropsError(this, "originPullCertificateId", "excludes clientCertificatePem and clientPrivateKeyPem: give one or the other");
      }
      this.originPullCertificateId = props.originPullCertificateId;
    } else {
      if (pems !== 2) {
        throw new PropsError(this, "clientCertificatePem", "and clientPrivateKeyPem are both required (or give originPullCertificateId)");
      }
      this.originPullsCertificate = new AuthenticatedOriginPullsCertificate(this, "origin_pulls_certificate", {
        certificate: props.clientCertificatePem!,
        privateKey: props.clientPrivateKeyPem!,
        type: "per-hostname",
        zoneId: this.zoneId,
      });
      this.originPullCertificateId = this.originPullsCertificate.id;
    }
    if (domain !== undefined) {
      this.originPulls = originPullsBinding(this, {
        zoneId: this.zoneId,
        hostname: domain,
        originPullCertificateId: this.originPullCertificateId,
        // A new certificate gets a new ID; re-create the hostname setting with it.
        replaceTriggeredBy: this.originPullsCertificate && [this.originPullsCertificate],
      });
    }
  }
}
